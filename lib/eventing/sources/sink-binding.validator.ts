// SinkBinding (`sources.knative.dev/v1`): the subject as the webhook checks
// it, the sink and ceOverrides as every source; app-wide, that the subject
// exists and is bound once. Rules and upstream refs in sink-binding.rules.ts.
import type { CrossObjectValidator, ManifestValidator } from '../../settings/validation';
import { defineValidator } from '../../engine/validator';
import { FindingList } from '../../engine/rule';
import { ClusterSettings } from '../../settings/settings';
import { DESTINATION_RULES } from '../delivery';
import { checkLabelSelector, decodesAsSelector, selects } from '../../k8s/label-selectors';
import { createdJobLabels } from '../../k8s/pod-templates';
import { isDns1123Label, isQualifiedName } from '../../k8s/names';
import { reportMissingReference } from '../../k8s/external-refs';
import { groupKind, ObjectIndex } from '../../k8s/object-index';
import { Located, objectLabel } from '../../engine/engine';
import { SINK_BINDING_APP_RULES as A, SINK_BINDING_RULES as R } from './sink-binding.rules';
import { SOURCE_RULES } from './source.rules';
import { checkSourceSpec } from './source.validator';
import { canonical, isObject, objOrEmpty as obj, valueAt } from '../../engine/json';

/** Subject kinds whose pod template is not at `spec.template`, with what to bind instead. */
const NO_POD_TEMPLATE: Record<string, string> = {
  'batch/CronJob': 'bind its Jobs: kind Job with a selector on the job template\'s labels',
  '/Pod': 'bind the workload that creates the Pod',
  'keda.sh/ScaledObject': 'bind the Deployment it scales',
  'keda.sh/ScaledJob': 'bind its Jobs: kind Job with the selector `scaledjob.keda.sh/name: <the ScaledJob\'s name>`, the label KEDA gives each Job',
};

const present = (v: unknown) => v !== undefined && v !== null && v !== '';
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks a rendered or hand-written SinkBinding. Pure. */
export function validateSinkBinding(m: unknown, settings: ClusterSettings, out: FindingList): void {
  checkSourceSpec(m, settings, out);
  const subject = obj(valueAt(m, 'spec', 'subject'));
  const missing = ['apiVersion', 'kind'].filter((k) => !present(subject[k]));
  if (missing.length > 0) out.add(R.SUBJECT_FIELDS, 'spec.subject', valueAt(m, 'spec', 'subject'), `no ${missing.join(' and no ')}`);
  const hasName = present(subject.name);
  const hasSelector = subject.selector !== undefined && subject.selector !== null;
  if (hasName && hasSelector) out.add(R.SUBJECT_FIELDS, 'spec.subject', ['name', 'selector'], 'both `name` and `selector`');
  else if (!hasName && !hasSelector) out.add(R.SUBJECT_FIELDS, 'spec.subject', valueAt(m, 'spec', 'subject') ?? null, 'neither `name` nor `selector`');
  // tracker.Reference.Validate: the apiVersion is a qualified name (`group/version` or `version`).
  if (typeof subject.apiVersion === 'string' && subject.apiVersion !== '' && !isQualifiedName(subject.apiVersion)) out.add(R.SUBJECT_SYNTAX, 'spec.subject.apiVersion', subject.apiVersion, 'not a qualified name (`group/version`: a DNS subdomain, `/`, then at most 63 alphanumerics, `-`, `_` or `.`)');
  if (typeof subject.kind === 'string' && subject.kind !== '' && !C_IDENTIFIER.test(subject.kind)) out.add(R.SUBJECT_SYNTAX, 'spec.subject.kind', subject.kind, 'not a C identifier');
  for (const k of ['name', 'namespace']) {
    const v = subject[k];
    if (typeof v === 'string' && v !== '' && !isDns1123Label(v)) out.add(R.SUBJECT_SYNTAX, `spec.subject.${k}`, v, v.length > 63 ? `${v.length} characters, at most 63` : undefined);
  }
  if (hasSelector && !hasName) checkLabelSelector(subject.selector, 'spec.subject.selector', R.SUBJECT_SYNTAX, out);
  const ns = valueAt(m, 'metadata', 'namespace');
  if (present(subject.namespace) && present(ns) && subject.namespace !== ns) out.add(R.SUBJECT_NAMESPACE, 'spec.subject.namespace', subject.namespace, `the SinkBinding is in namespace "${String(ns)}"`);
  const instead = NO_POD_TEMPLATE[groupKind(subject.apiVersion, subject.kind)];
  if (typeof subject.apiVersion === 'string' && instead) out.add(R.SUBJECT_KIND, 'spec.subject.kind', subject.kind, `a ${String(subject.kind)} has no pod template at spec.template: nothing gets K_SINK`, instead);
}

export const SINK_BINDING_VALIDATOR: ManifestValidator = defineValidator<ClusterSettings>({
  apiVersion: 'sources.knative.dev/v1',
  kind: 'SinkBinding',
  rules: [R, SOURCE_RULES, DESTINATION_RULES],
  // A null selector expression: the defaulting round trip writes the zero LabelSelectorRequirement (knative.dev/pkg
  // defaulting.go#L332, #L466-475), which the webhook's LabelSelectorAsSelector refuses (EVT-BINDING-002).
  schema: { zeroNullItems: ['spec.subject.selector.matchExpressions[]'] },
  validate: (o, ctx, out) => validateSinkBinding(o, ctx.settings, out),
});

/** String-valued labels of a manifest's metadata. */
function labelsOf(o: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(valueAt(o, 'metadata', 'labels'))).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * The labels of the app's objects a subject of `gk` in `namespace` (undefined:
 * any) can be, as the binding webhook sees them when they are created: each
 * object's own labels, and for kind Job those of the Jobs the app's CronJobs
 * and ScaledJobs create. An object without a namespace may land in any.
 */
function subjectCandidates(objects: readonly Located[], gk: string, namespace: unknown): Readonly<Record<string, string>>[] {
  const out: Readonly<Record<string, string>>[] = [];
  for (const { object } of objects) {
    const ns = valueAt(object, 'metadata', 'namespace');
    if (typeof namespace === 'string' && typeof ns === 'string' && ns !== '' && ns !== namespace) continue;
    const o = obj(object);
    if (groupKind(o.apiVersion, o.kind) === gk) out.push(labelsOf(object));
    const jobs = gk === 'batch/Job' ? createdJobLabels(object) : undefined;
    if (jobs) out.push(jobs);
  }
  return out;
}

/** EVT-BINDING-005 to 007: the subject by name exists, one by selector matches something, and no workload (nor one selector's objects) is bound twice. */
export const SINK_BINDING_SUBJECTS: CrossObjectValidator = {
  name: 'SinkBinding subjects',
  rules: [A.MISSING_SUBJECT, A.TWO_BINDINGS, A.UNMATCHED_SELECTOR],
  validate(ctx, report) {
    const index = ObjectIndex.of(ctx.objects);
    const bound = new Map<string, string>();
    for (const at of ctx.objects) {
      const o = obj(at.object);
      if (o.apiVersion !== 'sources.knative.dev/v1' || o.kind !== 'SinkBinding') continue;
      const subject = obj(valueAt(o, 'spec', 'subject'));
      if (typeof subject.kind !== 'string' || typeof subject.apiVersion !== 'string') continue;
      const ns = typeof subject.namespace === 'string' && subject.namespace !== '' ? subject.namespace : valueAt(o, 'metadata', 'namespace');
      const gk = groupKind(subject.apiVersion, subject.kind);
      if (typeof subject.name !== 'string' || subject.name === '') {
        // By selector: the same selector twice binds the same objects twice (EVT-BINDING-001 reports a subject with neither).
        if (!isObject(subject.selector)) continue;
        const key = `${gk}|${String(ns ?? '')}|selector ${canonical(subject.selector)}`;
        const first = bound.get(key);
        if (first) report(at, { rule: A.TWO_BINDINGS, field: 'spec.subject.selector', value: subject.selector, problem: `${first} binds the ${subject.kind}s of this selector too: only one K_SINK reaches their containers` });
        else bound.set(key, `${objectLabel(o)} (${at.where})`);
        // A kind without a pod template at spec.template is EVT-BINDING-004's, an invalid selector EVT-BINDING-002's, one that does not decode SCHEMA-002's.
        const invalid = new FindingList();
        checkLabelSelector(subject.selector, 'spec.subject.selector', R.SUBJECT_SYNTAX, invalid);
        if (!NO_POD_TEMPLATE[gk] && invalid.items.length === 0 && decodesAsSelector(subject.selector) && !subjectCandidates(ctx.objects, gk, ns).some((labels) => selects(subject.selector, labels))) {
          report(at, {
            rule: A.UNMATCHED_SELECTOR, field: 'spec.subject.selector', value: subject.selector,
            problem: `no ${subject.kind} of the app${typeof ns === 'string' ? ` in namespace "${ns}"` : ''}${gk === 'batch/Job' ? ' (nor a Job its CronJobs and ScaledJobs create)' : ''} has labels this selector matches: nothing gets K_SINK`,
          });
        }
        continue;
      }
      if (!index.find(gk, subject.name, ns)) {
        reportMissingReference(ctx.world, o, {
          rule: A.MISSING_SUBJECT, field: 'spec.subject.name', ref: { kind: subject.kind, name: subject.name, namespace: typeof ns === 'string' ? ns : undefined },
          problem: `no ${subject.kind} "${subject.name}"${typeof ns === 'string' ? ` in namespace "${ns}"` : ''} in the app, and none declared external`,
        }, (raw) => report(at, raw));
      }
      const key = `${gk}|${String(ns ?? '')}|${subject.name}`;
      const first = bound.get(key);
      if (first) report(at, { rule: A.TWO_BINDINGS, field: 'spec.subject.name', value: subject.name, problem: `${first} binds ${subject.kind} "${subject.name}" too: only one K_SINK reaches its containers` });
      else bound.set(key, `${objectLabel(o)} (${at.where})`);
    }
  },
};
