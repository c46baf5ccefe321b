// The rules of a core v1 PersistentVolumeClaim: what the API server refuses
// in its spec. K = kubernetes pkg/apis/core/validation/validation.go
// (ValidatePersistentVolumeClaimSpec) at a7264f9.
import { defineRules } from '../engine/rule';

/** A `v1` PersistentVolumeClaim (AgentWorkspace, or hand-written). */
export const PVC_RULES = defineRules({
  ACCESS_MODES: {
    id: 'PVC-001',
    title: 'a PersistentVolumeClaim needs at least one access mode of ReadWriteOnce, ReadOnlyMany, ReadWriteMany and ReadWriteOncePod, and ReadWriteOncePod only alone',
    why: 'The API server rejects a claim without access modes ("at least 1 access mode is required"), with an unknown one, or with ReadWriteOncePod beside another ("may not use ReadWriteOncePod with other access modes").',
    fix: 'use `accessMode: PersistentVolumeAccessMode.READ_WRITE_MANY` for a workspace several pods share, `READ_WRITE_ONCE` for one pod',
    yamlFix: 'set `spec.accessModes` to `[ReadWriteMany]` (shared by several pods) or `[ReadWriteOnce]` (one node)',
    upstream: 'K: ValidatePersistentVolumeClaimSpec (accessModes required, supportedAccessModes, ReadWriteOncePod alone)',
    effect: 'reject',
  },
  STORAGE: {
    id: 'PVC-002',
    title: 'a PersistentVolumeClaim needs a positive `storage` request, and a storage class name that is a DNS-1123 subdomain',
    why: 'The API server rejects a claim without `spec.resources.requests.storage` ("Required value"), with a storage request of zero or less ("must be greater than zero"), or with a storage class name that is not a DNS-1123 subdomain.',
    fix: 'give `size` such as `Size.gibibytes(50)`, and the name of a StorageClass of the cluster such as `longhorn`',
    yamlFix: 'set `spec.resources.requests.storage` to a size such as `50Gi`, and `spec.storageClassName` to a StorageClass name such as `longhorn`',
    upstream: 'K: ValidatePersistentVolumeClaimSpec (storage request required, ValidatePositiveQuantityValue, ValidateClassName)',
    effect: 'reject',
  },
});
