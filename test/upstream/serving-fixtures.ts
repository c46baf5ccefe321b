// Builders of the objects Knative Serving's tests validate, wrapped as the
// webhook receives them: a Service in namespace `default`. A RevisionSpec or
// RevisionTemplateSpec of upstream's tests becomes the Service's template
// (the Service webhook validates its template with the same code).
type Obj = Record<string, unknown>;

export const SERVING_TAG = 'knative/serving@knative-v1.22.1';

/** A Service named `name` whose template has `podSpec` (plus RevisionSpec fields) and template metadata. */
export function ksvc(opts: { name?: string; metadata?: Obj; spec?: Obj; templateMetadata?: Obj; traffic?: unknown[] | null } = {}): Obj {
  const spec: Obj = { template: { ...(opts.templateMetadata ? { metadata: opts.templateMetadata } : {}), spec: opts.spec ?? { containers: [{ image: 'busybox' }] } } };
  if (opts.traffic !== null) spec.traffic = opts.traffic ?? [{ latestRevision: true, percent: 100 }];
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name: opts.name ?? 'valid', namespace: 'default', ...(opts.metadata ?? {}) },
    spec,
  };
}

/** A Service whose template carries `annotations` (autoscaling annotations are validated there). */
export function annotated(annotations: Record<string, string>, name = 'valid'): Obj {
  return ksvc({ name, templateMetadata: { annotations } });
}

/** A Service whose template's pod spec is `podSpec` (pod-spec tests of k8s_validation_test.go). */
export function withPodSpec(podSpec: Obj, templateMetadata?: Obj): Obj {
  return ksvc({ spec: podSpec, templateMetadata });
}
