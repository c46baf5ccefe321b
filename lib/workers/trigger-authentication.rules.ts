import { defineRules } from '../engine/rule';

// Upstream references are to kedacore/keda at tag v2.20.2 unless noted:
// SOW = apis/keda/v1alpha1/scaledobject_webhook.go, SOT = apis/keda/v1alpha1/scaledobject_types.go,
// SJT = apis/keda/v1alpha1/scaledjob_types.go, STT = apis/keda/v1alpha1/scaletriggers_types.go,
// TAW = apis/keda/v1alpha1/triggerauthentication_webhook.go, TC = pkg/scalers/scalersconfig/typed_config.go,
// SR = pkg/scaling/resolver/scale_resolvers.go, SJE = pkg/scaling/executor/scale_jobs.go;
// crd: = ../shared/crds/keda/. KEDA's webhook fails open (failurePolicy Ignore) and never parses
// scaler metadata, so these checks are the only ones before reconcile.

/** TriggerAuthentication and ClusterTriggerAuthentication manifests. */
export const TRIGGER_AUTHENTICATION_RULES = defineRules({
  AZURE_IDENTITY: {
    id: 'KEDA-AUTH-001',
    title: 'an azure-workload pod identity must not have an empty `identityId` or `identityTenantId`, and `identityAuthorityHost` needs a tenant',
    why: 'The webhook rejects it.',
    fix: 'leave `identityId`/`identityTenantId` out instead of empty, and set `identityTenantId` with `identityAuthorityHost`',
    upstream: 'TAW#L160-175',
    effect: 'reject',
  },
  AWS_IDENTITY: {
    id: 'KEDA-AUTH-002',
    title: 'an aws pod identity\'s `roleArn` needs KEDA as identity owner, and `externalID` needs `roleArn`',
    why: 'The webhook rejects `roleArn` with `identityOwner: workload`, and `externalID` without `roleArn`.',
    fix: 'drop `roleArn` when the workload owns the identity, or set `roleArn` with `externalID`',
    upstream: 'TAW#L176-183',
    effect: 'reject',
  },
  OAUTH2: {
    id: 'KEDA-AUTH-003',
    title: '`oauth2` needs type `clientCredentials`, a `clientId` and an absolute http(s) `tokenUrl`',
    why: 'The webhook rejects other values.',
    fix: 'set `oauth2.clientId` and a `tokenUrl` such as `https://idp.example.com/oauth2/token`',
    upstream: 'TAW#L189-207',
    effect: 'reject',
  },
  REFERENCE: {
    id: 'KEDA-AUTH-004',
    title: 'a Secret or ConfigMap reference needs a valid object name and key',
    why: 'The API server accepts any string, but KEDA cannot read a Secret whose name is not a DNS-1123 subdomain or whose key is not a valid key; the parameter resolves empty and the scaler fails.',
    fix: 'reference the Secret by its lowercase Kubernetes name and use keys such as `kafka-password`',
    upstream: 'SR#L330-340; Kubernetes apimachinery ValidateSecretName, IsConfigMapKey',
    effect: 'runtime',
  },
  DUPLICATE_PARAMETER: {
    id: 'KEDA-AUTH-005',
    title: 'a parameter is defined twice in one TriggerAuthentication',
    why: 'KEDA resolves the sources one after another into one map: the later definition silently replaces the earlier one.',
    fix: 'define each parameter once',
    upstream: 'SR#L303-340',
    effect: 'ignored',
  },
});

/** AgentTriggerAuthentication props that no manifest shows. */
export const TRIGGER_AUTHENTICATION_PROP_RULES = defineRules({
  KEY_MAP: {
    id: 'KEDA-AUTH-006',
    title: 'a trigger parameter must name a variable of the secrets\' key map',
    why: 'The parameter is read from the Secret key the variable maps to; a variable the map does not have would reference no key, so the scaler gets an empty value.',
    fix: 'use one of the variables the AgentSecrets maps (the message lists them), or add the variable to its key map',
    upstream: 'library behaviour: TriggerAuth.fromSecrets, AgentTriggerAuthentication secrets (IAgentSecrets.keys)',
    effect: 'runtime',
  },
});

/** Every TriggerAuthentication rule, manifest and props. */
export const AUTH_RULES = { ...TRIGGER_AUTHENTICATION_RULES, ...TRIGGER_AUTHENTICATION_PROP_RULES };
