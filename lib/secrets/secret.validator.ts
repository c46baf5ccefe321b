// Checks of a plain `v1` Secret, built from its rule table.
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { PLAIN_SECRET_RULES as R } from './secret.rules';
import { isObject, obj } from '../engine/json';
import type { KubeObject } from '../engine/engine';

function validateSecret(o: KubeObject, out: FindingList): void {
  for (const field of ['data', 'stringData']) {
    const values = o[field];
    if (isObject(values) && Object.keys(values).length > 0) {
      // The keys only: the values are what must not spread further.
      out.add(R.PLAINTEXT, field, Object.keys(values).sort(), `Secret "${obj(o.metadata)?.name ?? ''}" carries ${Object.keys(values).length} value(s) readable by anyone with the repository`);
    }
  }
}

export const SECRET_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'v1',
  kind: 'Secret',
  rules: R,
  validate: (o, _ctx, out) => validateSecret(o, out),
});
