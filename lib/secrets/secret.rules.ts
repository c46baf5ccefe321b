import { defineRules } from '../engine/rule';

/** Rules of a plain `v1` Secret in the manifests. */
export const PLAIN_SECRET_RULES = defineRules({
  PLAINTEXT: {
    id: 'SECRET-004',
    title: 'a Secret with `data` or `stringData` puts its values in plain text into the manifests',
    why: 'The manifests are committed to git and applied by GitOps: base64 is an encoding, not encryption, so everyone who can read the repository can read the values.',
    fix: 'sync the values from a store with `new AgentSecrets(..., { store: SecretStore.cluster(...) })` (ExternalSecret), commit them encrypted with `AgentSecrets.sealed`, or reference a Secret managed elsewhere with `AgentSecrets.fromSecretName`',
    yamlFix: 'replace the Secret with an ExternalSecret (external-secrets.io) that syncs the values from a store, or a SealedSecret (`kubeseal`), or create the Secret outside git and refer to it by name',
    upstream: 'library policy: no plaintext secret in dist/ (AgentSecrets.unsafePlaintext is the only way to produce one)',
    effect: 'exposed',
    severity: 'warning',
  },
});
