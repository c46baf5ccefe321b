// SinkBinding (`sources.knative.dev/v1`): the subject as the webhook checks
// it, the sink and ceOverrides as every source; app-wide, that the subject
// exists and is bound once. Rules and upstream refs in sink-binding.rules.ts.
import type { CrossObjectValidator, ManifestValidator } from '../../settings/validation';
import { defineValidator } from '../../engine/validator';
import { FindingList } from '../../engine/rule';
import { ClusterSettings } from '../../settings/settings';
import { DESTINATION_RULES } from '../delivery';
import { checkLabelSelector } from '../../k8s/label-selectors';
import { isDns1123Label, isQualifiedName } from '../../k8s/names';
import { reportMissingReference } from '../../k8s/external-refs';
import { groupKind, ObjectIndex } from '../../k8s/object-index';
import { objectLabel } from '../../engine/engine';
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

/** EVT-BINDING-005 and EVT-BINDING-006: the subject by name exists, and no workload (nor one selector's objects) is bound twice. */
export const SINK_BINDING_SUBJECTS: CrossObjectValidator = {
  name: 'SinkBinding subjects',
  rules: [A.MISSING_SUBJECT, A.TWO_BINDINGS],
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
