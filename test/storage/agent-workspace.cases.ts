// Triggers and near misses of the PersistentVolumeClaim rules (PVC-*), through
// synth (AgentWorkspace, overrides where the typed props cannot go wrong) and
// hand-written YAML.
import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentWorkspace, AgentWorkspaceProps } from '../../lib';
import { RuleCases } from '../support/rule-cases';

const WORKSPACE = 'test/workspace';

function workspace(chart: Chart, props: Partial<AgentWorkspaceProps> = {}): AgentWorkspace {
  return new AgentWorkspace(chart, 'workspace', { size: Size.gibibytes(50), ...props });
}

/** A hand-written claim; `spec` replaces the valid one's fields. */
export function claim(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'workspace', namespace: 'agents' },
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '50Gi' } }, ...spec },
  };
}

export const CASES: RuleCases = {
  triggers: [
    { id: 'PVC-001', name: 'the access modes are overridden to none', build: (c) => workspace(c).addOverride('spec.accessModes', []), path: WORKSPACE, field: 'spec.accessModes', value: '[]' },
    { id: 'PVC-001', name: 'a hand-written claim has no access modes', manifests: [claim({ accessModes: undefined })], field: 'spec.accessModes', value: '(unset)' },
    { id: 'PVC-001', name: 'a hand-written claim has an unknown access mode', manifests: [claim({ accessModes: ['ReadWriteAll'] })], field: 'spec.accessModes[0]', value: '"ReadWriteAll"' },
    {
      id: 'PVC-001', name: 'a hand-written claim has ReadWriteOncePod beside ReadWriteOnce',
      manifests: [claim({ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] })], field: 'spec.accessModes', value: '["ReadWriteOncePod","ReadWriteOnce"]',
    },
    { id: 'PVC-002', name: 'the size is zero', build: (c) => workspace(c, { size: Size.gibibytes(0) }), path: WORKSPACE, field: 'spec.resources.requests.storage', value: '"0Gi"' },
    { id: 'PVC-002', name: 'the storage class name has an underscore', build: (c) => workspace(c, { storageClassName: 'longhorn_ssd' }), path: WORKSPACE, field: 'spec.storageClassName', value: '"longhorn_ssd"' },
    { id: 'PVC-002', name: 'a hand-written claim requests no storage', manifests: [claim({ resources: { requests: {} } })], field: 'spec.resources.requests.storage', value: '(unset)' },
  ],
  passes: [
    { name: 'a workspace with the defaults', build: (c) => workspace(c) },
    { name: 'a ReadWriteOncePod workspace of 1 KiB on a named class', build: (c) => workspace(c, { size: Size.kibibytes(1), accessMode: kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD, storageClassName: 'longhorn' }) },
    { name: 'a hand-written claim with an empty storage class (no dynamic provisioning) and two access modes', manifests: [claim({ storageClassName: '', accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] })] },
  ],
};
