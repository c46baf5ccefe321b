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

/**
 * The label KEDA puts on every Job of a ScaledJob, with the ScaledJob's name
 * (kedacore/keda v2.20.2 pkg/scaling/executor/scale_jobs.go#L150-L156).
 */
export const SCALED_JOB_NAME_LABEL = 'scaledjob.keda.sh/name';

/**
 * The labels of the Jobs a CronJob or a KEDA ScaledJob creates (those known
 * from the manifest), or undefined for other kinds. A CronJob's Jobs carry
 * its job template's labels; a ScaledJob's carry KEDA's own (its name as
 * `app.kubernetes.io/name`, `part-of` and `scaledjob.keda.sh/name`,
 * managed-by `keda-operator`) overridden by the ScaledJob's labels
 * but those its `scaledjob.keda.sh/job-excluded-labels` annotation lists
 * (scale_jobs.go#L150-L172; the job template's labels go to the pods).
 */
export function createdJobLabels(object: unknown): Readonly<Record<string, string>> | undefined {
  const o = obj(object);
  const name = valueAt(o, 'metadata', 'name');
  if (o?.apiVersion === 'batch/v1' && o.kind === 'CronJob') return stringLabels(valueAt(o, 'spec', 'jobTemplate', 'metadata', 'labels'));
  if (o?.apiVersion === 'keda.sh/v1alpha1' && o.kind === 'ScaledJob' && typeof name === 'string') {
    const excluded = String(valueAt(o, 'metadata', 'annotations', 'scaledjob.keda.sh/job-excluded-labels') ?? '').split(',');
    const own = Object.entries(stringLabels(valueAt(o, 'metadata', 'labels'))).filter(([k]) => !excluded.includes(k));
    return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': name, 'app.kubernetes.io/managed-by': 'keda-operator', [SCALED_JOB_NAME_LABEL]: name, ...Object.fromEntries(own) };
  }
  return undefined;
}
