// Where each workload kind keeps its pod spec, for rules that look at the
// pods of any kind (env sources, policies selecting pods).
import { isObject, JsonObject, obj, valueAt } from '../engine/json';

/** A pod template found in a manifest. */
export interface PodTemplateRef {
  /** Field path of the pod spec, e.g. `spec.template.spec`. */
  readonly field: string;
  readonly spec: JsonObject;
  /** Labels of the pods, including those the platform adds (Knative's `serving.knative.dev/service`). */
  readonly labels: Readonly<Record<string, string>>;
  /** Knative serves the pods: requests reach them through the activator and the networking layer. */
  readonly knative: boolean;
}

const PATHS: Record<string, string[]> = {
  'serving.knative.dev/v1/Service': ['spec', 'template'],
  'serving.knative.dev/v1/Configuration': ['spec', 'template'],
  'apps/v1/Deployment': ['spec', 'template'],
  'apps/v1/StatefulSet': ['spec', 'template'],
  'apps/v1/DaemonSet': ['spec', 'template'],
  'apps/v1/ReplicaSet': ['spec', 'template'],
  'batch/v1/Job': ['spec', 'template'],
  'batch/v1/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
  'keda.sh/v1alpha1/ScaledJob': ['spec', 'jobTargetRef', 'template'],
};

/** The pod template of a workload manifest, or undefined for other kinds (and malformed objects). */
export function podTemplateOf(object: unknown): PodTemplateRef | undefined {
  const o = obj(object);
  if (!o) return undefined;
  if (o.apiVersion === 'v1' && o.kind === 'Pod') return { field: 'spec', spec: obj(o.spec) ?? {}, labels: stringLabels(valueAt(o, 'metadata', 'labels')), knative: false };
  const path = PATHS[`${o.apiVersion}/${o.kind}`];
  if (!path) return undefined;
  const template = obj(valueAt(o, ...path));
  const labels = stringLabels(valueAt(template, 'metadata', 'labels'));
  const knative = o.apiVersion === 'serving.knative.dev/v1';
  const name = valueAt(o, 'metadata', 'name');
  if (knative && typeof name === 'string') {
    // A Service's pods carry its name as service and as configuration (the Configuration it owns has its name).
    if (o.kind === 'Service') labels['serving.knative.dev/service'] = name;
    labels['serving.knative.dev/configuration'] = name;
  }
  return { field: `${path.join('.')}.spec`, spec: obj(template?.spec) ?? {}, labels, knative };
}

function stringLabels(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}
