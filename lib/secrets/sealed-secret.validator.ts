// Checks of a `bitnami.com/v1alpha1` SealedSecret, built from its rule table.
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { SEALED_SECRET_RULES as R } from './sealed-secret.rules';
import { obj, objOrEmpty } from '../engine/json';
import type { KubeObject } from '../engine/engine';

/** kubeseal ciphertext: standard base64, long enough to hold the session key header. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MIN_CIPHERTEXT_LENGTH = 64;

function validateSealedSecret(o: KubeObject, out: FindingList): void {
  const spec = objOrEmpty(o.spec);
  const data = objOrEmpty(spec.encryptedData);
  if (Object.keys(data).length === 0) out.add(R.SEALED_EMPTY, 'spec.encryptedData', spec.encryptedData ?? null);
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' && (!BASE64.test(value) || value.length < MIN_CIPHERTEXT_LENGTH)) {
      // Never echo what may be a plaintext secret.
      out.add(R.SEALED_NOT_CIPHERTEXT, `spec.encryptedData["${key}"]`, `(${value.length} characters, not shown)`,
        !BASE64.test(value) ? 'not base64' : `too short for kubeseal ciphertext (${value.length} characters)`);
    }
  }
  const meta = obj(o.metadata);
  const annotations = objOrEmpty(meta?.annotations);
  const wide = annotations['sealedsecrets.bitnami.com/namespace-wide'] === 'true' || annotations['sealedsecrets.bitnami.com/cluster-wide'] === 'true';
  if (!wide && !(typeof meta?.namespace === 'string' && meta.namespace)) out.add(R.SEALED_NAMESPACE, 'metadata.namespace', meta?.namespace);
}

export const SEALED_SECRET_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  rules: R,
  validate: (o, _ctx, out) => validateSealedSecret(o, out),
});
