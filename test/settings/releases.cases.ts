// Triggers and near misses of what differs between the Knative releases the
// catalogue implements (1.22 and 1.23, `git diff knative-v1.22.1
// knative-v1.23.0 -- pkg/apis config/core` in knative/serving), each for
// both releases, and of the release declaration itself (PROFILE-003).
import { FeatureState } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { agent } from '../serving/fixtures';
import { profile } from './fixtures';

const TPL = 'spec.template.spec';

/** A hand-written Knative Service with `spec` merged into its pod spec. */
export function ksvc(spec: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name: 'agent', namespace: 'agents' },
    spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/agent:1.0', ports: [{ containerPort: 8080 }] }], ...spec } } },
  };
}

/** A generic ephemeral volume mounted writable at /scratch (Knative 1.23, `kubernetes.podspec-volumes-ephemeral`). */
export const EPHEMERAL = {
  volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }],
  containers: [{ image: 'ghcr.io/acme/agent:1.0', ports: [{ containerPort: 8080 }], volumeMounts: [{ name: 'scratch', mountPath: '/scratch', readOnly: false }] }],
};
const EPHEMERAL_VALUE = '{"volumeClaimTemplate":';

/** A sidecar with a startup probe (gated by `multi-container-probing` from 1.23 on). */
export const SIDECAR_STARTUP_PROBE = {
  containers: [
    { image: 'ghcr.io/acme/agent:1.0', ports: [{ containerPort: 8080 }] },
    { name: 'proxy', image: 'ghcr.io/acme/proxy:1.0', startupProbe: { tcpSocket: { port: 9000 } } },
  ],
};

const ENABLED = FeatureState.ENABLED;

export const CASES: RuleCases = {
  triggers: [
    // --- ephemeral volumes: 1.23 gates them by a flag that wants exactly Enabled; 1.22 has neither the flag nor the field
    {
      id: 'KSVC-VOL-003', name: 'an ephemeral volume on Knative 1.23 with kubernetes.podspec-volumes-ephemeral at its default (Disabled)',
      manifests: [ksvc(EPHEMERAL)], settings: { knativeVersion: '1.23' }, field: `${TPL}.volumes[0].ephemeral`, value: EPHEMERAL_VALUE,
    },
    {
      id: 'KSVC-VOL-003', name: 'an ephemeral volume on Knative 1.23 with the flag only Allowed (validateVolume wants Enabled)',
      manifests: [ksvc(EPHEMERAL)], settings: { knativeVersion: '1.23', serving: { features: { podspecVolumesEphemeral: FeatureState.ALLOWED } } },
      field: `${TPL}.volumes[0].ephemeral`, value: EPHEMERAL_VALUE,
    },
    {
      id: 'KSVC-VOL-003', name: 'an ephemeral volume on Knative 1.22, even with the flag Enabled (1.22 has no such flag)',
      manifests: [ksvc(EPHEMERAL)], settings: { knativeVersion: '1.22', serving: { features: { podspecVolumesEphemeral: ENABLED } } },
      field: `${TPL}.volumes[0].ephemeral`, value: EPHEMERAL_VALUE,
      also: ['SCHEMA-001'], // the 1.22 CRD prunes it
    },
    {
      id: 'SCHEMA-001', name: 'an ephemeral volume on Knative 1.22: the 1.22 Service CRD has no `ephemeral` (pruned)',
      manifests: [ksvc(EPHEMERAL)], settings: { knativeVersion: '1.22' },
      field: `${TPL}.volumes[0].ephemeral`, value: EPHEMERAL_VALUE,
      also: ['KSVC-VOL-003'],
    },
    {
      id: 'KSVC-VOL-003', name: 'an ephemeral volume built with constructs, the repository release 1.22 declared on the profile',
      build: (c) => {
        profile(c, { knativeVersion: '1.22', features: { podspecVolumesEphemeral: ENABLED } });
        agent(c).addOverride(`${TPL}.volumes.1`, EPHEMERAL.volumes[0]);
      },
      field: `${TPL}.volumes[1].ephemeral`, value: EPHEMERAL_VALUE,
      also: ['SCHEMA-001', 'KSVC-VOL-002'], // pruned by the 1.22 CRD; mounted by no container
    },
    // --- startup probes on sidecars: 1.23 gates them by multi-container-probing, as liveness and readiness probes
    {
      id: 'KSVC-POD-001', name: 'a sidecar startup probe on Knative 1.23 without multi-container-probing',
      manifests: [ksvc(SIDECAR_STARTUP_PROBE)], settings: { knativeVersion: '1.23' },
      field: `${TPL}.containers[1].startupProbe`, value: '{"tcpSocket":{"port":9000}}',
    },
    {
      id: 'KSVC-POD-001', name: 'a sidecar startup probe on Knative 1.23 with multi-container-probing only Allowed',
      manifests: [ksvc(SIDECAR_STARTUP_PROBE)], settings: { knativeVersion: '1.23', serving: { features: { multiContainerProbing: FeatureState.ALLOWED } } },
      field: `${TPL}.containers[1].startupProbe`, value: '{"tcpSocket":{"port":9000}}',
    },
    {
      id: 'KSVC-POD-001', name: 'a sidecar startup probe on a newer release than the catalogue knows (checked by the 1.23 rules)',
      manifests: [ksvc(SIDECAR_STARTUP_PROBE)], settings: { knativeVersion: '1.24' },
      field: `${TPL}.containers[1].startupProbe`, value: '{"tcpSocket":{"port":9000}}',
      also: ['PROFILE-003'],
    },
    // --- the declared release
    {
      id: 'PROFILE-003', name: 'the cluster runs Knative 1.24, newer than the catalogue (checked with the 1.23 rules, not refused)',
      build: (c) => { profile(c, { knativeVersion: '1.24' }); agent(c); }, path: 'cluster', field: 'knativeVersion', value: '"1.24"',
    },
    {
      id: 'PROFILE-003', name: 'the settings of check declare Knative v1.30.2',
      manifests: [], settings: { knativeVersion: 'v1.30.2' }, path: 'cluster settings', field: 'knativeVersion', value: '"v1.30.2"',
    },
    {
      id: 'PROFILE-002', name: 'the Knative version is no release at all',
      build: (c) => { profile(c, { knativeVersion: 'latest' }); agent(c); }, path: 'cluster', field: 'knativeVersion', value: '"latest"',
    },
  ],
  passes: [
    {
      name: 'an ephemeral volume on Knative 1.23 with kubernetes.podspec-volumes-ephemeral Enabled, mounted writable (1.23 does not force its mounts read-only)',
      manifests: [ksvc(EPHEMERAL)], settings: { knativeVersion: '1.23', serving: { features: { podspecVolumesEphemeral: ENABLED } } },
    },
    {
      name: 'an ephemeral volume on a newer release with the flag Enabled (the 1.23 rules)',
      manifests: [ksvc(EPHEMERAL)], settings: { knativeVersion: '1.23.4', serving: { features: { podspecVolumesEphemeral: ENABLED } } },
    },
    { name: 'a sidecar startup probe on Knative 1.22 without multi-container-probing (1.22 lets it through)', manifests: [ksvc(SIDECAR_STARTUP_PROBE)], settings: { knativeVersion: '1.22' } },
    {
      name: 'a sidecar startup probe on Knative 1.23 with multi-container-probing Enabled',
      manifests: [ksvc(SIDECAR_STARTUP_PROBE)], settings: { knativeVersion: '1.23', serving: { features: { multiContainerProbing: ENABLED } } },
    },
    { name: 'an emptyDir volume on Knative 1.22 (no ephemeral)', manifests: [ksvc({ ...EPHEMERAL, volumes: [{ name: 'scratch', emptyDir: {} }] })], settings: { knativeVersion: '1.22' } },
    { name: 'Knative 1.22 declared (implemented, past its support window)', build: (c) => { profile(c, { knativeVersion: '1.22' }); agent(c); } },
    { name: 'Knative v1.23.0 declared as a tag', build: (c) => { profile(c, { knativeVersion: 'v1.23.0' }); agent(c); } },
  ],
};
