// The API server's own checks of every object's metadata (apimachinery
// ValidateObjectMeta), whatever its kind: kinds with rules of their own for
// the name (a Knative Service's DNS-1035 label) report it there instead.
import { defineRules } from '../engine/rule';

export const OBJECT_META_RULES = defineRules({
  NAME: {
    id: 'META-001',
    title: 'an object needs a name the API server accepts: a DNS-1123 subdomain for most kinds, a DNS-1035 label for a Service, a DNS-1123 label for a Namespace, a path segment for RBAC kinds',
    why: 'The API server refuses an object without `metadata.name` (or `generateName`) and a name its kind does not allow ("a lowercase RFC 1123 subdomain must consist of ..."); the apply fails.',
    fix: 'give the object a name: lowercase letters, digits, `-` and `.` (at most 253 characters; a Service: a lowercase letter first, `-` only, at most 63)',
    upstream: 'kubernetes apimachinery pkg/api/validation/objectmeta.go (ValidateObjectMeta: "name or generateName is required"), NameIsDNSSubdomain; pkg/apis/core/validation ValidateServiceName (DNS-1035), ValidateNamespaceName (DNS-1123 label); pkg/apis/rbac/validation ValidateRBACName (path segment); apiextensions-apiserver customresource validation (NameIsDNSSubdomain)',
    effect: 'reject',
  },
  NAMESPACE: {
    id: 'META-002',
    title: '`metadata.namespace` is a DNS-1123 label',
    why: 'The API server refuses a namespace that no Namespace can be named (uppercase, dots, longer than 63 characters).',
    fix: 'name an existing namespace: lowercase letters, digits and `-`, at most 63 characters',
    upstream: 'kubernetes apimachinery pkg/api/validation/objectmeta.go (ValidateObjectMeta: ValidateNamespaceName)',
    effect: 'reject',
  },
  OWNER_REFERENCES: {
    id: 'META-003',
    title: 'each `metadata.ownerReferences` entry names its owner fully, and at most one is the controller',
    why: 'The API server refuses an owner reference without apiVersion (with a version), kind, name or uid, an Event as owner, and two references with `controller: true` ("Only one reference can have Controller set to true"); the apply fails.',
    fix: 'give each owner reference apiVersion, kind, name and the owner\'s uid, and set `controller: true` on one of them at most (owner references are usually left to the controllers that create the object)',
    upstream: 'kubernetes apimachinery pkg/api/validation/objectmeta.go#L94-L132 (ValidateOwnerReferences, validateOwnerReference, BannedOwners) at v0.35.5; found by the oracle',
    effect: 'reject',
  },
});
