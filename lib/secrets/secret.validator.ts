// Checks of a plain `v1` Secret, built from its rule table.
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { PLAIN_SECRET_RULES as R } from './secret.rules';
import { isObject, obj } from '../engine/json';
import type { KubeObject } from '../engine/engine';

/** A value SOPS encrypted: `ENC[AES256_GCM,data:...,type:str]`. */
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,/;

function validateSecret(o: KubeObject, out: FindingList): void {
  // A SOPS-encrypted file carries its metadata in a top-level `sops` map; Flux or
  // the sops CLI decrypts it on apply. Its values are ciphertext, whatever they look like.
  if (isObject(o.sops)) return;
  for (const field of ['data', 'stringData']) {
    const values = o[field];
    if (!isObject(values)) continue;
    const plain = Object.keys(values).filter((k) => !(typeof values[k] === 'string' && SOPS_VALUE.test(values[k] as string)));
    if (plain.length > 0) {
      // The keys only: the values are what must not spread further.
      out.add(R.PLAINTEXT, field, plain.sort(), `Secret "${obj(o.metadata)?.name ?? ''}" carries ${plain.length} value(s) readable by anyone with the repository`);
    }
  }
}

export const SECRET_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'v1',
  kind: 'Secret',
  rules: R,
  validate: (o, _ctx, out) => validateSecret(o, out),
});
