// What a change to rendered manifests does, in a reviewer's words: which
// agents get a new revision and why, traffic moved, scale bounds, egress and
// ingress widened or narrowed, secrets, triggers and sources, objects Flux
// prune deletes. Pure: two lists of objects in, a plan out (`cdk8s-agents diff`).
import { arr, canonical, isObject, JsonObject, obj, str, valueAt } from '../engine/json';
import { groupKind } from '../k8s/object-index';
import { podTemplateOf } from '../k8s/pod-templates';

/** What a change is about, for grouping in the report. */
export type ChangeTopic = 'revision' | 'rollout' | 'traffic' | 'scale' | 'egress' | 'ingress' | 'secrets' | 'events' | 'other';

/** One thing a change does to one object. */
export interface ChangeEffect {
  readonly topic: ChangeTopic;
  /** A sentence for the reviewer, e.g. "image `a:1` → `a:2`". */
  readonly detail: string;
  /** For egress and ingress: the rule grows (`widened`) or shrinks (`narrowed`). @default - neither (an object added or deleted says what it holds) */
  readonly direction?: 'widened' | 'narrowed';
}

/** An object added, deleted or changed. */
export interface ObjectChange {
  readonly change: 'added' | 'deleted' | 'changed';
  readonly apiVersion: string;
  readonly kind: string;
  /** @default - a cluster-scoped object, or one applied to the namespace of the apply */
  readonly namespace?: string;
  readonly name: string;
  readonly effects: readonly ChangeEffect[];
}

/** The plan of a change: every object that differs, in a stable order. */
export interface Plan {
  readonly changes: readonly ObjectChange[];
  readonly summary: { readonly added: number; readonly deleted: number; readonly changed: number; readonly unchanged: number };
}

interface Keyed { readonly key: string; readonly object: JsonObject }

function keyed(objects: readonly unknown[]): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const o of objects) {
    const k = keyOf(o);
    if (k) out.set(k.key, k.object);
  }
  return out;
}

function keyOf(o: unknown): Keyed | undefined {
  if (!isObject(o) || typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') return undefined;
  const name = str(valueAt(o, 'metadata', 'name')) ?? str(valueAt(o, 'metadata', 'generateName'));
  if (name === undefined) return undefined;
  const ns = str(valueAt(o, 'metadata', 'namespace')) ?? '';
  return { key: `${groupKind(o.apiVersion, o.kind)} ${ns}/${name}`, object: o };
}

/** The plan that turns `before` into `after` (objects as decoded from YAML; others are ignored). */
export function planChanges(before: readonly unknown[], after: readonly unknown[]): Plan {
  const old = keyed(before);
  const now = keyed(after);
  const changes: ObjectChange[] = [];
  let unchanged = 0;
  for (const key of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(key);
    const b = now.get(key);
    if (a && b && canonical(a) === canonical(b)) {
      unchanged++;
      continue;
    }
    const o = (b ?? a)!;
    const head = {
      apiVersion: String(o.apiVersion),
      kind: String(o.kind),
      ...(str(valueAt(o, 'metadata', 'namespace')) !== undefined ? { namespace: str(valueAt(o, 'metadata', 'namespace')) } : {}),
      name: str(valueAt(o, 'metadata', 'name')) ?? str(valueAt(o, 'metadata', 'generateName')) ?? '',
    };
    if (!a) changes.push({ change: 'added', ...head, effects: effectsOf({}, o, true) });
    else if (!b) changes.push({ change: 'deleted', ...head, effects: effectsOf(o, {}, true) });
    else changes.push({ change: 'changed', ...head, effects: effectsOf(a, b, false) });
  }
  const count = (c: ObjectChange['change']) => changes.filter((x) => x.change === c).length;
  return { changes, summary: { added: count('added'), deleted: count('deleted'), changed: count('changed'), unchanged } };
}

/** What differs between two versions of one object ({} stands for the side that does not exist). */
function effectsOf(a: JsonObject, b: JsonObject, wholeObject: boolean): ChangeEffect[] {
  const effects: ChangeEffect[] = [];
  const o = b.kind !== undefined ? b : a;
  const gk = groupKind(o.apiVersion, o.kind);
  const covered: string[][] = [['metadata', 'resourceVersion'], ['status']];
  if (!wholeObject) podEffects(a, b, gk, effects, covered);
  scaleEffects(a, b, gk, effects, covered, wholeObject);
  if (gk === 'serving.knative.dev/Service' || gk === 'serving.knative.dev/Route') trafficEffects(a, b, effects, covered, wholeObject);
  if (gk === 'networking.k8s.io/NetworkPolicy' || gk === 'cilium.io/CiliumNetworkPolicy' || gk === 'cilium.io/CiliumClusterwideNetworkPolicy') {
    policyEffects(a, b, gk, effects, wholeObject);
    covered.push(['spec'], ['specs']);
  }
  if (secretEffects(a, b, gk, effects, wholeObject)) covered.push(['data'], ['stringData'], ['spec']);
  if (EVENT_KINDS.has(gk) && !wholeObject) {
    for (const p of changedPaths(a.spec, b.spec, ['spec'])) effects.push({ topic: 'events', detail: `${p.path}: ${show(p.before)} → ${show(p.after)}` });
    covered.push(['spec']);
  }
  if (!wholeObject) {
    const rest = changedPaths(a, b, []).filter((p) => !covered.some((c) => startsWith(p.segments, c)));
    for (const p of rest.slice(0, MAX_OTHER)) effects.push({ topic: 'other', detail: `${p.path}: ${gk === '/Secret' ? '(value hidden)' : `${show(p.before)} → ${show(p.after)}`}` });
    if (rest.length > MAX_OTHER) effects.push({ topic: 'other', detail: `and ${rest.length - MAX_OTHER} more fields` });
  }
  return effects;
}

const MAX_OTHER = 8;

const EVENT_KINDS = new Set([
  'eventing.knative.dev/Trigger', 'eventing.knative.dev/Broker', 'eventing.knative.dev/EventPolicy', 'flows.knative.dev/Sequence',
  'flows.knative.dev/Parallel', 'sources.knative.dev/PingSource', 'sources.knative.dev/ApiServerSource', 'sources.knative.dev/KafkaSource',
  'sources.knative.dev/SinkBinding', 'sources.knative.dev/ContainerSource', 'sinks.knative.dev/JobSink',
]);

// ---------------------------------------------------------------- pods

const SCALE_ANNOTATIONS = ['autoscaling.knative.dev/min-scale', 'autoscaling.knative.dev/max-scale', 'autoscaling.knative.dev/minScale', 'autoscaling.knative.dev/maxScale'];

/** A pod template changed: Knative makes a new revision, other controllers roll the pods. */
function podEffects(a: JsonObject, b: JsonObject, gk: string, effects: ChangeEffect[], covered: string[][]): void {
  const before = podTemplateOf(a);
  const after = podTemplateOf(b);
  if (!before || !after) return;
  const templatePath = after.field.replace(/\.spec$/, '').split('.');
  covered.push(templatePath);
  const topic: ChangeTopic = after.knative ? 'revision' : 'rollout';
  const reasons: string[] = [];
  const containers = (spec: JsonObject) => new Map([...arr(spec.initContainers), ...arr(spec.containers)].filter(isObject).map((c) => [String(c.name ?? ''), c]));
  const ca = containers(before.spec);
  const cb = containers(after.spec);
  const several = new Set([...ca.keys(), ...cb.keys()]).size > 1;
  for (const name of [...new Set([...ca.keys(), ...cb.keys()])].sort()) {
    const x = ca.get(name);
    const y = cb.get(name);
    const who = several ? `container \`${name}\`: ` : '';
    if (!x) { reasons.push(`container \`${name}\` added (image \`${String(y?.image)}\`)`); continue; }
    if (!y) { reasons.push(`container \`${name}\` removed`); continue; }
    if (x.image !== y.image) reasons.push(`${who}image \`${String(x.image)}\` → \`${String(y.image)}\``);
    reasons.push(...envChanges(x, y).map((r) => who + r));
    for (const p of changedPaths(x.resources, y.resources, ['resources'])) reasons.push(`${who}${p.path.replace(/^resources\./, '')} ${show(p.before)} → ${show(p.after)}`);
    const rest = changedPaths(x, y, []).filter((p) => !['image', 'env', 'envFrom', 'resources'].includes(p.segments[0]));
    if (rest.length > 0) reasons.push(`${who}${rest.map((p) => p.path).slice(0, 4).join(', ')}${rest.length > 4 ? ', ...' : ''} changed`);
  }
  const specRest = changedPaths(before.spec, after.spec, []).filter((p) => !['containers', 'initContainers'].includes(p.segments[0]));
  if (specRest.length > 0) reasons.push(`pod ${specRest.map((p) => p.path).slice(0, 4).join(', ')}${specRest.length > 4 ? ', ...' : ''} changed`);
  const templateA = obj(valueAt(a, ...templatePath)) ?? {};
  const templateB = obj(valueAt(b, ...templatePath)) ?? {};
  const metaRest = changedPaths(templateA.metadata, templateB.metadata, ['metadata'])
    .filter((p) => !(p.segments[1] === 'annotations' && SCALE_ANNOTATIONS.includes(p.segments[2] ?? '')));
  if (metaRest.length > 0) reasons.push(`${metaRest.map((p) => p.path).slice(0, 4).join(', ')}${metaRest.length > 4 ? ', ...' : ''} changed`);
  if (reasons.length === 0 && canonical(templateA) === canonical(templateB)) return;
  const what = after.knative ? 'new revision' : gk === 'batch/CronJob' || gk === 'batch/Job' || gk === 'keda.sh/ScaledJob' ? 'new pods for the next jobs' : 'pods replaced (rolling update)';
  effects.push({ topic, detail: reasons.length > 0 ? `${what}: ${reasons.join('; ')}` : `${what}: only the scale bounds changed` });
}

function envChanges(x: JsonObject, y: JsonObject): string[] {
  const env = (c: JsonObject) => new Map(arr(c.env).filter(isObject).map((e) => [String(e.name ?? ''), e]));
  const ea = env(x);
  const eb = env(y);
  const out: string[] = [];
  for (const name of [...new Set([...ea.keys(), ...eb.keys()])].sort()) {
    const p = ea.get(name);
    const q = eb.get(name);
    if (!p) out.push(`env \`${name}\` added (${envSource(q!)})`);
    else if (!q) out.push(`env \`${name}\` removed`);
    else if (canonical(p) !== canonical(q)) out.push(`env \`${name}\` ${envSource(p)} → ${envSource(q)}`);
  }
  const from = (c: JsonObject) => new Set(arr(c.envFrom).map((e) => canonical(e)));
  const fa = from(x);
  const fb = from(y);
  for (const e of fb) if (!fa.has(e)) out.push(`envFrom ${e} added`);
  for (const e of fa) if (!fb.has(e)) out.push(`envFrom ${e} removed`);
  return out;
}

function envSource(e: JsonObject): string {
  const secret = obj(valueAt(e, 'valueFrom', 'secretKeyRef'));
  if (secret) return `from Secret \`${String(secret.name)}\` key \`${String(secret.key)}\``;
  const cm = obj(valueAt(e, 'valueFrom', 'configMapKeyRef'));
  if (cm) return `from ConfigMap \`${String(cm.name)}\` key \`${String(cm.key)}\``;
  if (e.valueFrom !== undefined) return `from ${canonical(e.valueFrom)}`;
  return show(e.value);
}

// ---------------------------------------------------------------- scale and traffic

function scaleEffects(a: JsonObject, b: JsonObject, gk: string, effects: ChangeEffect[], covered: string[][], wholeObject: boolean): void {
  const bounds = (o: JsonObject): Record<string, unknown> => {
    if (gk === 'serving.knative.dev/Service' || gk === 'serving.knative.dev/Configuration') {
      const ann = obj(valueAt(o, 'spec', 'template', 'metadata', 'annotations')) ?? {};
      return { min: ann['autoscaling.knative.dev/min-scale'] ?? ann['autoscaling.knative.dev/minScale'], max: ann['autoscaling.knative.dev/max-scale'] ?? ann['autoscaling.knative.dev/maxScale'] };
    }
    if (gk === 'keda.sh/ScaledObject') return { min: valueAt(o, 'spec', 'minReplicaCount'), max: valueAt(o, 'spec', 'maxReplicaCount') };
    if (gk === 'keda.sh/ScaledJob') return { max: valueAt(o, 'spec', 'maxReplicaCount') };
    if (gk === 'autoscaling/HorizontalPodAutoscaler') return { min: valueAt(o, 'spec', 'minReplicas'), max: valueAt(o, 'spec', 'maxReplicas') };
    if (gk === 'apps/Deployment' || gk === 'apps/StatefulSet') return { replicas: valueAt(o, 'spec', 'replicas') };
    return {};
  };
  if (wholeObject) return;
  const x = bounds(a);
  const y = bounds(b);
  const moved = Object.keys(y).filter((k) => canonical(x[k]) !== canonical(y[k]));
  if (moved.length > 0) effects.push({ topic: 'scale', detail: moved.map((k) => `${k} ${show(x[k])} → ${show(y[k])}`).join(', ') });
  if (gk === 'keda.sh/ScaledObject' || gk === 'keda.sh/ScaledJob') {
    for (const p of changedPaths(valueAt(a, 'spec', 'triggers'), valueAt(b, 'spec', 'triggers'), ['spec', 'triggers'])) {
      effects.push({ topic: 'scale', detail: `${p.path}: ${show(p.before)} → ${show(p.after)}` });
    }
    covered.push(['spec', 'minReplicaCount'], ['spec', 'maxReplicaCount'], ['spec', 'triggers']);
  }
  if (gk === 'autoscaling/HorizontalPodAutoscaler') covered.push(['spec', 'minReplicas'], ['spec', 'maxReplicas']);
  if (gk === 'apps/Deployment' || gk === 'apps/StatefulSet') covered.push(['spec', 'replicas']);
}

function trafficEffects(a: JsonObject, b: JsonObject, effects: ChangeEffect[], covered: string[][], wholeObject: boolean): void {
  covered.push(['spec', 'traffic']);
  const targets = (o: JsonObject) => new Map(arr(valueAt(o, 'spec', 'traffic')).filter(isObject).map((t) => [
    t.revisionName !== undefined ? `revision \`${String(t.revisionName)}\`` : t.latestRevision === false ? 'latest ready revision (pinned off)' : 'latest revision',
    { percent: t.percent ?? 0, tag: t.tag },
  ]));
  const x = targets(a);
  const y = targets(b);
  if (wholeObject) return;
  const lines: string[] = [];
  for (const k of [...new Set([...x.keys(), ...y.keys()])]) {
    const p = x.get(k);
    const q = y.get(k);
    if (canonical(p) === canonical(q)) continue;
    const tag = (t?: { tag: unknown }) => (t?.tag !== undefined ? ` (tag \`${String(t.tag)}\`)` : '');
    lines.push(`${k}${tag(q ?? p)} ${p ? `${String(p.percent)}%` : 'none'} → ${q ? `${String(q.percent)}%` : 'none'}`);
  }
  if (lines.length > 0) effects.push({ topic: 'traffic', detail: lines.join(', ') });
}

// ---------------------------------------------------------------- network policies

/** Each allowed peer and port of a policy's rules, as text: the unit of widening and narrowing. */
function allowances(o: JsonObject, gk: string, direction: 'egress' | 'ingress'): Set<string> {
  const out = new Set<string>();
  if (gk === 'networking.k8s.io/NetworkPolicy') {
    const spec = obj(o.spec) ?? {};
    const selects = `pods ${selector(spec.podSelector)}`;
    for (const rule of arr(spec[direction]).filter(isObject)) {
      const peers = arr(rule[direction === 'egress' ? 'to' : 'from']).filter(isObject);
      const ports = arr(rule.ports).filter(isObject).map((p) => `${String(p.port ?? 'any port')}${p.endPort !== undefined ? `-${String(p.endPort)}` : ''}/${String(p.protocol ?? 'TCP')}`);
      const peerTexts = peers.length === 0 ? ['anywhere'] : peers.map(npPeer);
      for (const peer of peerTexts) for (const port of ports.length ? ports : ['all ports']) out.add(`${selects} ${direction === 'egress' ? 'to' : 'from'} ${peer} on ${port}`);
    }
    return out;
  }
  const specs = [obj(o.spec), ...arr(o.specs).map(obj)].filter((s): s is JsonObject => s !== undefined);
  for (const spec of specs) {
    const selects = `endpoints ${selector(spec.endpointSelector)}`;
    for (const [list, verb] of [[direction, 'allow'], [`${direction}Deny`, 'deny']] as const) {
      for (const rule of arr(spec[list]).filter(isObject)) {
        const peers = ciliumPeers(rule, direction);
        const ports = arr(rule.toPorts).filter(isObject).flatMap((tp) => arr(tp.ports).filter(isObject).map((p) => `${String(p.port ?? 'any port')}/${String(p.protocol ?? 'ANY')}`));
        for (const peer of peers.length ? peers : ['anywhere']) for (const port of ports.length ? ports : ['all ports']) {
          out.add(`${verb === 'deny' ? 'DENY ' : ''}${selects} ${direction === 'egress' ? 'to' : 'from'} ${peer} on ${port}`);
        }
      }
    }
  }
  return out;
}

function npPeer(p: JsonObject): string {
  const block = obj(p.ipBlock);
  if (block) return `${String(block.cidr)}${arr(block.except).length ? ` except ${arr(block.except).join(', ')}` : ''}`;
  const parts: string[] = [];
  if (p.namespaceSelector !== undefined) parts.push(`namespaces ${selector(p.namespaceSelector)}`);
  if (p.podSelector !== undefined) parts.push(`pods ${selector(p.podSelector)}`);
  return parts.join(' ') || 'anywhere';
}

function ciliumPeers(rule: JsonObject, direction: 'egress' | 'ingress'): string[] {
  const to = direction === 'egress' ? 'to' : 'from';
  const out: string[] = [];
  for (const f of arr(rule.toFQDNs).filter(isObject)) out.push(f.matchName !== undefined ? `host ${String(f.matchName)}` : `hosts ${String(f.matchPattern)}`);
  for (const c of arr(rule[`${to}CIDR`])) out.push(String(c));
  for (const c of arr(rule[`${to}CIDRSet`]).filter(isObject)) out.push(`${String(c.cidr)}${arr(c.except).length ? ` except ${arr(c.except).join(', ')}` : ''}`);
  for (const e of arr(rule[`${to}Entities`])) out.push(`entity ${String(e)}`);
  for (const e of arr(rule[`${to}Endpoints`])) out.push(`endpoints ${selector(e)}`);
  for (const s of arr(rule.toServices)) out.push(`service ${canonical(s)}`);
  return out;
}

function selector(s: unknown): string {
  const o = obj(s);
  if (!o) return '(all)';
  const labels = Object.entries(obj(o.matchLabels) ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  const exprs = arr(o.matchExpressions).filter(isObject).map((e) => `${String(e.key)} ${String(e.operator)} ${arr(e.values).join('|')}`.trim());
  const all = [...labels, ...exprs];
  return all.length ? `{${all.join(', ')}}` : '(all)';
}

function policyEffects(a: JsonObject, b: JsonObject, gk: string, effects: ChangeEffect[], wholeObject: boolean): void {
  for (const direction of ['egress', 'ingress'] as const) {
    const x = allowances(a, gk, direction);
    const y = allowances(b, gk, direction);
    if (wholeObject) {
      // A policy added or deleted widens or narrows depending on the other policies selecting the same pods: say what it holds.
      for (const t of y) effects.push({ topic: direction, detail: `${t.startsWith('DENY ') ? 'denies' : 'allows'} ${t.replace(/^DENY /, '')}` });
      for (const t of x) effects.push({ topic: direction, detail: `${t.startsWith('DENY ') ? 'denied' : 'allowed'} ${t.replace(/^DENY /, '')}` });
      continue;
    }
    for (const t of y) if (!x.has(t)) effects.push({ topic: direction, direction: t.startsWith('DENY ') ? 'narrowed' : 'widened', detail: `${t.startsWith('DENY ') ? 'denies' : 'allows'} ${t.replace(/^DENY /, '')}` });
    for (const t of x) if (!y.has(t)) effects.push({ topic: direction, direction: t.startsWith('DENY ') ? 'widened' : 'narrowed', detail: `no longer ${t.startsWith('DENY ') ? 'denies' : 'allows'} ${t.replace(/^DENY /, '')}` });
  }
}

// ---------------------------------------------------------------- secrets

/** Keys (never values) a secret-bearing object adds or removes; true when the kind is one. */
function secretEffects(a: JsonObject, b: JsonObject, gk: string, effects: ChangeEffect[], wholeObject: boolean): boolean {
  let keys: (o: JsonObject) => Map<string, string>;
  if (gk === '/Secret') keys = (o) => new Map([...Object.entries(obj(o.data) ?? {}), ...Object.entries(obj(o.stringData) ?? {})].map(([k, v]) => [k, canonical(v)]));
  else if (gk === 'bitnami.com/SealedSecret') keys = (o) => new Map(Object.entries(obj(valueAt(o, 'spec', 'encryptedData')) ?? {}).map(([k, v]) => [k, canonical(v)]));
  else if (gk === 'external-secrets.io/ExternalSecret') {
    keys = (o) => {
      const out = new Map<string, string>();
      for (const d of arr(valueAt(o, 'spec', 'data')).filter(isObject)) out.set(String(d.secretKey), `from ${canonical(d.remoteRef)}`);
      for (const d of arr(valueAt(o, 'spec', 'dataFrom')).filter(isObject)) out.set(`every key of ${canonical(d)}`, '');
      return out;
    };
  } else return false;
  const x = keys(a);
  const y = keys(b);
  const added = [...y.keys()].filter((k) => !x.has(k)).sort();
  const removed = [...x.keys()].filter((k) => !y.has(k)).sort();
  const changed = [...y.keys()].filter((k) => x.has(k) && x.get(k) !== y.get(k)).sort();
  if (added.length) effects.push({ topic: 'secrets', detail: `${wholeObject ? 'holds' : 'adds'} ${added.map((k) => `\`${k}\``).join(', ')}` });
  if (removed.length) effects.push({ topic: 'secrets', detail: `${wholeObject ? 'held' : 'removes'} ${removed.map((k) => `\`${k}\``).join(', ')}` });
  if (changed.length) effects.push({ topic: 'secrets', detail: `${gk === 'external-secrets.io/ExternalSecret' ? 'reads from elsewhere' : 'new value for'} ${changed.map((k) => `\`${k}\``).join(', ')}` });
  if (!wholeObject) {
    const rest = changedPaths(a.spec, b.spec, ['spec']).filter((p) => !['data', 'dataFrom', 'encryptedData'].includes(p.segments[1] ?? ''));
    for (const p of rest.slice(0, MAX_OTHER)) effects.push({ topic: 'secrets', detail: `${p.path}: ${show(p.before)} → ${show(p.after)}` });
  }
  return true;
}

// ---------------------------------------------------------------- generic diff

interface PathChange { readonly segments: string[]; readonly path: string; readonly before: unknown; readonly after: unknown }

/** The leaf fields that differ (arrays of named objects matched by name, other arrays compared whole). */
export function changedPaths(a: unknown, b: unknown, prefix: string[]): PathChange[] {
  if (canonical(a) === canonical(b)) return [];
  if (isObject(a) && isObject(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((k) => changedPaths(a[k], b[k], [...prefix, k]));
  }
  if (Array.isArray(a) && Array.isArray(b) && named(a) && named(b)) {
    const byName = (l: unknown[]) => new Map(l.map((x) => [String((x as JsonObject).name), x]));
    const x = byName(a);
    const y = byName(b);
    return [...new Set([...x.keys(), ...y.keys()])].flatMap((n) => changedPaths(x.get(n), y.get(n), [...prefix, `[${n}]`]));
  }
  return [{ segments: prefix, path: prefix.join('.').replace(/\.\[/g, '['), before: a, after: b }];
}

const named = (l: unknown[]) => l.length > 0 && l.every((x) => isObject(x) && typeof x.name === 'string');

function startsWith(p: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= p.length && prefix.every((s, i) => p[i] === s);
}

function show(v: unknown): string {
  if (v === undefined) return '(unset)';
  const text = typeof v === 'string' ? `"${v}"` : canonical(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// ---------------------------------------------------------------- reports

const SECTIONS: readonly { readonly topic: ChangeTopic; readonly title: string }[] = [
  { topic: 'revision', title: 'Agents with a new revision' },
  { topic: 'rollout', title: 'Workloads whose pods are replaced' },
  { topic: 'traffic', title: 'Traffic moved' },
  { topic: 'scale', title: 'Scale bounds and triggers' },
  { topic: 'egress', title: 'Egress' },
  { topic: 'ingress', title: 'Who may reach the pods' },
  { topic: 'secrets', title: 'Secrets' },
  { topic: 'events', title: 'Event routing: triggers, filters, sources' },
  { topic: 'other', title: 'Other changes' },
];

const label = (c: ObjectChange) => `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;

/** The plan as Markdown, for a pull-request comment. */
export function planToMarkdown(plan: Plan): string {
  const s = plan.summary;
  const lines = [`### cdk8s-agents diff: ${s.changed} changed, ${s.added} added, ${s.deleted} deleted (${s.unchanged} unchanged)`, ''];
  if (plan.changes.length === 0) return `${lines[0]}\n\nNo change.\n`;
  const deleted = plan.changes.filter((c) => c.change === 'deleted');
  if (deleted.length > 0) {
    lines.push('**Deleted** (Flux prunes them from the cluster when the Kustomization has `prune: true`):', '');
    for (const c of deleted) lines.push(`- ${label(c)}`);
    lines.push('');
  }
  const added = plan.changes.filter((c) => c.change === 'added');
  if (added.length > 0) {
    lines.push('**Added:**', '');
    for (const c of added) lines.push(`- ${label(c)}`);
    lines.push('');
  }
  for (const section of SECTIONS) {
    const items = plan.changes.flatMap((c) => c.effects.filter((e) => e.topic === section.topic).map((e) => ({ c, e })));
    if (items.length === 0) continue;
    lines.push(`**${section.title}:**`, '');
    for (const { c, e } of items) {
      const mark = e.direction === 'widened' ? '⚠️ widened: ' : e.direction === 'narrowed' ? 'narrowed: ' : '';
      lines.push(`- ${label(c)}${c.change === 'changed' ? '' : ` (${c.change})`}: ${mark}${e.detail}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The plan as JSON (stable key order). */
export function planToJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
