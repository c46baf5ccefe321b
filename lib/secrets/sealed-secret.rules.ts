import { defineRules } from '../engine/rule';

/** Rules of a `bitnami.com/v1alpha1` SealedSecret. */
export const SEALED_SECRET_RULES = defineRules({
  SEALED_EMPTY: {
    id: 'SECRET-SEAL-001',
    title: 'a SealedSecret needs at least one encrypted value',
    why: 'An empty `encryptedData` unseals into an empty Secret: the agent starts without any value.',
    fix: 'seal each value with `kubeseal --raw` and pass it in `encryptedData`',
    yamlFix: 'seal each value with `kubeseal --raw` and put it under `spec.encryptedData`',
    upstream: 'crd:sealed-secrets/sealedsecrets.yaml#L111-112 (encryptedData)',
    effect: 'ignored',
  },
  SEALED_NOT_CIPHERTEXT: {
    id: 'SECRET-SEAL-002',
    title: 'an `encryptedData` value must be kubeseal ciphertext (base64)',
    why: 'The controller cannot unseal a value that is not base64 ciphertext, so the Secret is never created; a readable value there is most likely a plaintext secret committed by mistake.',
    fix: 'encrypt the value with `kubeseal --raw --namespace <ns> --name <name>` and paste the output; rotate the value if plaintext was committed',
    upstream: 'sealed-secrets v0.36.6 pkg/apis/sealedsecrets/v1alpha1/sealedsecret_expansion.go (Unseal: base64 decode, then decrypt)',
    effect: 'runtime',
  },
  SEALED_NAMESPACE: {
    id: 'SECRET-SEAL-003',
    title: 'a strictly scoped SealedSecret should name its namespace',
    why: 'Strict ciphertext is bound to the namespace and name it was sealed for; without `metadata.namespace` it unseals only if it happens to be applied to that namespace.',
    fix: 'set the namespace the value was sealed for (or the Chart\'s namespace), or seal with `SealingScope.NAMESPACE_WIDE`/`CLUSTER_WIDE`',
    yamlFix: 'set `metadata.namespace` to the namespace the value was sealed for, or seal with the annotation `sealedsecrets.bitnami.com/namespace-wide: "true"` (or `cluster-wide`)',
    upstream: 'sealed-secrets v0.36.6 pkg/apis/sealedsecrets/v1alpha1/types.go#L21-29, sealedsecret_expansion.go#L113-118',
    effect: 'runtime',
    severity: 'warning',
    openWorld: 'a kustomization or a Flux Kustomization `targetNamespace` may set the namespace when it is applied',
  },
});
