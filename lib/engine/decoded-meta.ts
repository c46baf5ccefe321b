// Object metadata as the API server reads it. Before any admission check, it
// decodes `metadata` into Go's ObjectMeta (for a custom resource too:
// k8s.io/apiextensions-apiserver v0.35.5 pkg/apiserver/customresource_handler.go#L1416,
// #L1465: schema/objectmeta GetObjectMetaWithOptions, then SetObjectMeta writes
// the decoded form back), so a few written forms mean something else
// than they look: validators read the decoded form, from here. Pure.
import { isObject, JsonObject } from './json';

/**
 * A Go `map[string]string` as encoding/json decodes it: a null value becomes
 * "" (the key stays; Go decodes null into a string as its zero value). The
 * map itself when no value is null; anything that is not a map as it is
 * (a wrong type is the schema check's).
 */
export function goStringMap(v: unknown): unknown {
  if (!isObject(v) || !Object.values(v).includes(null)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === null ? '' : x]));
}

/**
 * A string map a CRD declares (`additionalProperties: {type: string}`), as
 * the API server stores it: a null value is dropped, the key with it (it
 * prunes nulls of non-nullable fields without a default before any webhook
 * sees the object: k8s.io/apiextensions-apiserver v0.35.5
 * pkg/apiserver/customresource_handler.go#L1439,
 * pkg/apiserver/schema/defaulting/prunenulls.go PruneNonNullableNullsWithoutDefaults).
 * The map itself when no value is null; anything that is not a map as it is.
 */
export function prunedStringMap(v: unknown): unknown {
  if (!isObject(v) || !Object.values(v).includes(null)) return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null));
}

/**
 * The object with its `metadata` as the API server decodes it: a null or
 * empty `namespace` is no namespace (the request's namespace is used, which
 * kubectl takes from its context: k8s.io/apiserver v0.35.5
 * pkg/endpoints/handlers/create.go#L175, pkg/registry/rest/meta.go#L47-57
 * EnsureObjectNamespaceMatchesRequestNamespace),
 * a null label or annotation value is "", and a null `ownerReferences` item
 * the zero OwnerReference (every field "", which ValidateOwnerReferences
 * refuses: k8s.io/apimachinery v0.35.5
 * pkg/api/validation/objectmeta.go ValidateOwnerReferences). The object
 * itself when nothing changes (never mutated).
 */
export function withDecodedMeta(o: unknown): unknown {
  if (!isObject(o) || !isObject(o.metadata)) return o;
  const meta = o.metadata;
  const noNamespace = 'namespace' in meta && (meta.namespace === null || meta.namespace === '');
  const labels = goStringMap(meta.labels);
  const annotations = goStringMap(meta.annotations);
  const owners = Array.isArray(meta.ownerReferences) && meta.ownerReferences.includes(null) ? meta.ownerReferences.map((r) => r ?? {}) : meta.ownerReferences;
  if (!noNamespace && labels === meta.labels && annotations === meta.annotations && owners === meta.ownerReferences) return o;
  const decoded: Record<string, unknown> = { ...meta };
  if (noNamespace) delete decoded.namespace;
  if (labels !== meta.labels) decoded.labels = labels;
  if (annotations !== meta.annotations) decoded.annotations = annotations;
  if (owners !== meta.ownerReferences) decoded.ownerReferences = owners;
  return { ...o, metadata: decoded as JsonObject };
}
