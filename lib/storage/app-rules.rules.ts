// Rules across the objects of an app that involve PersistentVolumeClaims.
import { defineRules } from '../engine/rule';

export const STORAGE_APP_RULES = defineRules({
  SINGLE_NODE_CLAIM_SHARED: {
    id: 'PVC-003',
    title: 'a ReadWriteOnce or ReadWriteOncePod claim should be mounted by one pod (or pods of one node)',
    why: 'A ReadWriteOnce volume attaches to one node: a second pod scheduled elsewhere waits in ContainerCreating ("Multi-Attach error for volume"); a ReadWriteOncePod volume admits one pod, the others stay Pending. Seed 002 uses ReadWriteMany for the shared workspace, ReadWriteOnce only when a single replica mounts it. Whether the pods share a node is the scheduler\'s choice, so this is a warning.',
    fix: 'give the workspace `accessMode: PersistentVolumeAccessMode.READ_WRITE_MANY` on a storage class that supports it (Longhorn, NFS, CephFS), or mount it from a single-replica workload',
    yamlFix: 'set `spec.accessModes: [ReadWriteMany]` on a storage class that supports it, or mount the claim from one single-replica workload',
    upstream: 'kubernetes pkg/controller/volume/attachdetach/reconciler/reconciler.go (Multi-Attach error); pkg/scheduler/framework/plugins/volumerestrictions (ReadWriteOncePod)',
    effect: 'runtime',
    severity: 'warning',
    openWorld: 'the scheduler may place every pod that mounts the claim on one node',
  },
});
