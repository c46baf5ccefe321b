import { Rule } from './rule';

export const PLATFORM_RULES = {
  PROFILE_DUPLICATE: {
    id: 'PROFILE-001',
    title: 'an app declares at most one ClusterProfile',
    why: 'Constructs validate against the one profile of their app; two profiles make it ambiguous which cluster settings apply.',
    fix: 'declare one `new ClusterProfile(app, ...)` per app',
    upstream: 'library contract (DESIGN.md, house rules)',
    effect: 'reject',
  },
  PROFILE_VALUE: {
    id: 'PROFILE-002',
    title: 'the cluster profile value is one Knative would refuse in its ConfigMap',
    why: 'The Knative config webhook rejects these config-defaults / config-autoscaler values, so no cluster can have them.',
    fix: 'declare the values your cluster actually runs with (see config-defaults and config-autoscaler in knative-serving)',
    upstream: 'pkg/apis/config/defaults.go#L112-173, pkg/autoscaler/config/config.go#L114-205 (§17)',
    effect: 'reject',
  },
  SECRET_NAME: {
    id: 'SECRET-001',
    title: 'a Secret name must be a DNS-1123 subdomain and env var mappings need a key',
    why: 'The API server rejects the Pod\'s secret references otherwise and the Revision never becomes ready.',
    fix: 'reference the Secret by its lowercase Kubernetes name; map each env var to a non-empty key',
    upstream: 'Kubernetes apimachinery ValidateSecretName',
    effect: 'runtime',
  },
} as const satisfies Record<string, Rule>;
