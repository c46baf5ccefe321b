// Checks of a core v1 PersistentVolumeClaim, built from its rule table: the
// API server's spec validation. The core schema checks types.
import { arr, objOrEmpty as obj } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { isDns1123Subdomain } from '../k8s/names';
import { parseQuantity } from '../k8s/values';
import type { ManifestValidator } from '../settings/validation';
import { PVC_RULES as R } from './agent-workspace.rules';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/** Checks a PersistentVolumeClaim as the API server does on create. Pure: manifest in, findings out. */
export function validatePersistentVolumeClaim(m: unknown, out: FindingList): void {
  const spec = obj(obj(m).spec);
  const modes = arr(spec.accessModes);
  if (modes.length === 0) out.add(R.ACCESS_MODES, 'spec.accessModes', spec.accessModes, 'at least 1 access mode is required');
  modes.forEach((mode, i) => {
    if (!ACCESS_MODES.includes(mode as string)) out.add(R.ACCESS_MODES, `spec.accessModes[${i}]`, mode, `expected one of ${ACCESS_MODES.join(', ')}`);
  });
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) out.add(R.ACCESS_MODES, 'spec.accessModes', modes, 'may not use ReadWriteOncePod with other access modes');

  const storage = obj(obj(spec.resources).requests).storage;
  const bytes = storage === undefined || storage === null ? undefined : parseQuantity(storage);
  if (storage === undefined || storage === null) out.add(R.STORAGE, 'spec.resources.requests.storage', storage, 'required');
  else if (bytes !== undefined && bytes <= 0) out.add(R.STORAGE, 'spec.resources.requests.storage', storage, 'must be greater than zero');
  const storageClass = spec.storageClassName;
  if (typeof storageClass === 'string' && storageClass !== '' && !isDns1123Subdomain(storageClass)) {
    out.add(R.STORAGE, 'spec.storageClassName', storageClass, 'not a DNS-1123 subdomain');
  }
}

export const PVC_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  rules: R,
  validate: (o, _ctx, out) => validatePersistentVolumeClaim(o, out),
});
