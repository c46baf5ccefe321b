// A picture of an app, drawn from its rendered manifests: a Mermaid flowchart
// of sources, brokers, triggers (with their filters), sequences, parallels,
// agents, replies, dead-letter sinks, KEDA scalers, egress targets and the
// Ingresses in front of the agents. Synth
// writes it beside the manifests (`topology.md`); being built from manifests,
// it draws hand-written YAML as well.
import { arr, isObject, JsonObject, obj, str, valueAt } from './engine/json';
import { selects } from './k8s/label-selectors';
import { groupKind } from './k8s/object-index';
import { createdJobLabels, podTemplateOf } from './k8s/pod-templates';

interface Node { readonly id: string; readonly label: string; readonly shape: 'agent' | 'job' | 'broker' | 'source' | 'flow' | 'external' | 'host' | 'ingress' }

const SOURCE_KINDS = new Set(['sources.knative.dev/PingSource', 'sources.knative.dev/ApiServerSource', 'sources.knative.dev/KafkaSource', 'sources.knative.dev/ContainerSource', 'sources.knative.dev/SinkBinding']);
const WORKLOAD_KINDS = new Set(['serving.knative.dev/Service', 'apps/Deployment', 'apps/StatefulSet', 'batch/Job', 'batch/CronJob', 'keda.sh/ScaledJob']);

/** The Mermaid flowchart (`flowchart LR`) of the objects; empty when nothing in them is drawn. */
export function topologyOf(objects: readonly unknown[]): string {
  const drawing = new Drawing(objects.filter(isObject));
  return drawing.render();
}

/** `topology.md`: a heading, the chart as a Mermaid block, and a legend. */
export function topologyMarkdown(title: string, objects: readonly unknown[]): string | undefined {
  const chart = topologyOf(objects);
  if (chart === '') return undefined;
  return [
    `# ${title}: topology`,
    '',
    'Written by cdk8s-agents at synth, from the manifests beside it. Agents are boxes, Brokers hexagons, event sources stadiums,',
    'jobs parallelograms, egress targets flags, Ingresses trapezoids (host and path on the arrow); dotted arrows are replies, dead letters and egress.',
    '',
    '```mermaid',
    chart.trimEnd(),
    '```',
    '',
  ].join('\n');
}

class Drawing {
  private readonly nodes = new Map<string, Node>();
  private readonly edges: string[] = [];
  private readonly subgraphs: string[] = [];
  private readonly byRef = new Map<string, string>();

  public constructor(private readonly objects: readonly JsonObject[]) {
    for (const o of objects) this.declare(o);
    for (const o of objects) this.connect(o);
  }

  public render(): string {
    if (this.nodes.size === 0) return '';
    const lines = ['flowchart LR'];
    for (const n of this.nodes.values()) lines.push(`  ${n.id}${shape(n)}`);
    lines.push(...this.subgraphs, ...this.edges);
    lines.push('  classDef external stroke-dasharray: 4 3;');
    const external = [...this.nodes.values()].filter((n) => n.shape === 'external').map((n) => n.id);
    if (external.length > 0) lines.push(`  class ${external.join(',')} external;`);
    return `${lines.join('\n')}\n`;
  }

  /** Every object drawn as a node gets an id from its kind, namespace and name. */
  private declare(o: JsonObject): void {
    const gk = groupKind(o.apiVersion, o.kind);
    const name = str(valueAt(o, 'metadata', 'name'));
    if (name === undefined) return;
    const kind = String(o.kind);
    let node: Node | undefined;
    if (WORKLOAD_KINDS.has(gk) && podTemplateOf(o)) node = { id: '', label: `${esc(name)}<br/><small>${kindLabel(gk)}</small>`, shape: gk.startsWith('batch/') || gk === 'keda.sh/ScaledJob' ? 'job' : 'agent' };
    else if (gk === 'sinks.knative.dev/JobSink') node = { id: '', label: `${esc(name)}<br/><small>JobSink</small>`, shape: 'job' };
    else if (gk === 'eventing.knative.dev/Broker') node = { id: '', label: `${esc(name)}<br/><small>Broker</small>`, shape: 'broker' };
    else if (SOURCE_KINDS.has(gk)) node = { id: '', label: `${esc(name)}<br/><small>${esc(kind)}${esc(sourceDetail(o))}</small>`, shape: 'source' };
    else if (gk === 'flows.knative.dev/Sequence' || gk === 'flows.knative.dev/Parallel') node = { id: '', label: `${esc(name)}<br/><small>${kind}</small>`, shape: 'flow' };
    else if (gk === 'networking.k8s.io/Ingress') node = { id: '', label: `${esc(name)}<br/><small>Ingress</small>`, shape: 'ingress' };
    if (node) this.add({ ...node, id: nodeId(gk, namespaceOf(o), name) }, refKey(gk, namespaceOf(o), name));
  }

  private add(node: Node, key?: string): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    if (key) this.byRef.set(key, node.id);
    return node.id;
  }

  /** The node a Destination (`sink`, `subscriber`, `reply`, `deadLetterSink`) points at, drawn as external when not among the objects. */
  private destination(d: unknown, namespace: string): string | undefined {
    const dest = obj(d);
    if (!dest) return undefined;
    const ref = obj(dest.ref);
    if (ref && typeof ref.kind === 'string' && typeof ref.name === 'string') {
      const gk = groupKind(ref.apiVersion, ref.kind);
      const ns = str(ref.namespace) ?? namespace;
      const found = this.byRef.get(refKey(gk, ns, ref.name)) ?? this.byRef.get(refKey(gk, '', ref.name));
      if (found) return found;
      return this.add({ id: nodeId(gk, ns, ref.name), label: `${esc(ref.name)}<br/><small>${esc(ref.kind)}, not in this app</small>`, shape: 'external' }, refKey(gk, ns, ref.name));
    }
    if (typeof dest.uri === 'string') return this.add({ id: `uri_${slug(dest.uri)}`, label: esc(dest.uri), shape: 'external' });
    return undefined;
  }

  private edge(from: string | undefined, to: string | undefined, label?: string, dotted = false): void {
    if (!from || !to) return;
    const text = label ? `|${quote(esc(label))}|` : '';
    this.edges.push(`  ${from} ${dotted ? '-.->' : '-->'}${text} ${to}`);
  }

  private deadLetters(from: string | undefined, delivery: unknown, namespace: string): void {
    const dls = valueAt(delivery, 'deadLetterSink');
    if (dls !== undefined) this.edge(from, this.destination(dls, namespace), 'dead letters', true);
  }

  private connect(o: JsonObject): void {
    const gk = groupKind(o.apiVersion, o.kind);
    const name = str(valueAt(o, 'metadata', 'name'));
    if (name === undefined) return;
    const ns = namespaceOf(o);
    const self = this.byRef.get(refKey(gk, ns, name));
    const spec = obj(o.spec) ?? {};
    if (SOURCE_KINDS.has(gk)) {
      this.edge(self, this.destination(spec.sink, ns));
      this.deadLetters(self, spec.delivery, ns);
      if (gk === 'sources.knative.dev/SinkBinding') {
        // The bound workload publishes to the sink: draw the publisher, not the binding.
        const subject = obj(spec.subject);
        if (subject && typeof subject.kind === 'string' && typeof subject.name === 'string') {
          const publisher = this.destination({ ref: subject }, ns);
          this.edge(publisher, self, 'publishes');
        } else if (subject && groupKind(subject.apiVersion, subject.kind) === 'batch/Job' && isObject(subject.selector)) {
          // Jobs by selector: the CronJobs and ScaledJobs whose Jobs it matches publish.
          for (const w of this.objects.filter((x) => namespaceOf(x) === (str(subject.namespace) ?? ns))) {
            const labels = createdJobLabels(w);
            if (labels && selects(subject.selector, labels)) this.edge(this.byRef.get(refKey(groupKind(w.apiVersion, w.kind), ns, String(valueAt(w, 'metadata', 'name')))), self, 'publishes');
          }
        }
      }
    } else if (gk === 'eventing.knative.dev/Broker') {
      this.deadLetters(self, spec.delivery, ns);
    } else if (gk === 'eventing.knative.dev/Trigger') {
      const broker = str(spec.broker) ?? 'default';
      const from = this.byRef.get(refKey('eventing.knative.dev/Broker', ns, broker))
        ?? this.add({ id: nodeId('eventing.knative.dev/Broker', ns, broker), label: `${esc(broker)}<br/><small>Broker, not in this app</small>`, shape: 'external' }, refKey('eventing.knative.dev/Broker', ns, broker));
      const to = this.destination(spec.subscriber, ns);
      this.edge(from, to, `${name}: ${filterText(spec)}`);
      this.deadLetters(to, spec.delivery, ns);
    } else if (gk === 'flows.knative.dev/Sequence') {
      const steps = arr(spec.steps).map((s) => this.destination(s, ns));
      const entry = self;
      let prev = entry;
      steps.forEach((s, i) => {
        this.edge(prev, s, `step ${i + 1}`);
        this.deadLetters(s, valueAt(arr(spec.steps)[i], 'delivery'), ns);
        prev = s;
      });
      if (spec.reply !== undefined) this.edge(prev, this.destination(spec.reply, ns), 'reply', true);
    } else if (gk === 'flows.knative.dev/Parallel') {
      arr(spec.branches).filter(isObject).forEach((b, i) => {
        const filter = b.filter !== undefined ? this.destination(b.filter, ns) : undefined;
        const subscriber = this.destination(b.subscriber, ns);
        if (filter) {
          this.edge(self, filter, `branch ${i + 1} filter`);
          this.edge(filter, subscriber, 'pass');
        } else {
          this.edge(self, subscriber, `branch ${i + 1}`);
        }
        if (b.reply !== undefined) this.edge(subscriber, this.destination(b.reply, ns), 'reply', true);
      });
      if (spec.reply !== undefined) this.edge(self, this.destination(spec.reply, ns), 'reply', true);
    } else if (gk === 'keda.sh/ScaledObject' || gk === 'keda.sh/ScaledJob') {
      const target = gk === 'keda.sh/ScaledJob' ? self : this.byRef.get(refKey(groupKind(valueAt(spec, 'scaleTargetRef', 'apiVersion') ?? 'apps/v1', valueAt(spec, 'scaleTargetRef', 'kind') ?? 'Deployment'), ns, String(valueAt(spec, 'scaleTargetRef', 'name'))));
      for (const t of arr(spec.triggers).filter(isObject)) {
        const what = triggerSource(t);
        if (!what) continue;
        const src = this.add({ id: `scaler_${slug(what)}`, label: esc(what), shape: 'external' });
        this.edge(src, target, `scales on ${String(t.type)}`, true);
      }
    } else if (gk === 'networking.k8s.io/NetworkPolicy' || gk === 'cilium.io/CiliumNetworkPolicy') {
      this.egress(o, gk, ns);
    } else if (gk === 'networking.k8s.io/Ingress') {
      this.ingress(self, spec, ns);
    }
  }

  /** An Ingress' routes (`host` + `path` on the arrow) to what its backends name; `defaultBackend` as `host *`. */
  private ingress(self: string | undefined, spec: JsonObject, ns: string): void {
    const routes: { readonly label: string; readonly backend: unknown }[] = [];
    for (const rule of arr(spec.rules).filter(isObject)) {
      const host = str(rule.host) ?? '*';
      for (const p of arr(valueAt(rule, 'http', 'paths')).filter(isObject)) routes.push({ label: `${host}${str(p.path) ?? '/'}`, backend: p.backend });
    }
    if (spec.defaultBackend !== undefined) routes.push({ label: 'default backend', backend: spec.defaultBackend });
    for (const r of routes) {
      for (const to of this.backends(r.backend, ns)) this.edge(self, to, r.label);
    }
  }

  /**
   * The nodes an Ingress backend reaches: a Service of the objects leads to the
   * workloads its selector picks; a Knative Service's name is also the name of
   * the Service Knative makes for it; anything else is drawn as not in this app.
   */
  private backends(b: unknown, ns: string): string[] {
    const backend = obj(b);
    if (!backend) return [];
    const name = str(valueAt(backend, 'service', 'name'));
    if (name !== undefined) {
      const service = this.objects.find((o) => groupKind(o.apiVersion, o.kind) === '/Service' && namespaceOf(o) === ns && valueAt(o, 'metadata', 'name') === name);
      const selector = obj(valueAt(service, 'spec', 'selector'));
      if (service && selector && Object.keys(selector).length > 0) {
        const picked = this.objects.filter((w) => namespaceOf(w) === ns && WORKLOAD_KINDS.has(groupKind(w.apiVersion, w.kind)))
          .filter((w) => { const t = podTemplateOf(w); return t !== undefined && selects({ matchLabels: selector }, t.labels); })
          .map((w) => this.byRef.get(refKey(groupKind(w.apiVersion, w.kind), ns, String(valueAt(w, 'metadata', 'name')))))
          .filter((id): id is string => id !== undefined);
        if (picked.length > 0) return picked;
      }
      const knative = service ? undefined : this.byRef.get(refKey('serving.knative.dev/Service', ns, name));
      if (knative) return [knative];
      return [this.add({ id: nodeId('/Service', ns, name), label: `${esc(name)}<br/><small>Service, ${service ? 'selects no workload of this app' : 'not in this app'}</small>`, shape: 'external' }, refKey('/Service', ns, name))];
    }
    const resource = obj(backend.resource);
    if (resource && typeof resource.kind === 'string' && typeof resource.name === 'string') {
      const gk = `${str(resource.apiGroup) ?? ''}/${resource.kind}`;
      return [this.byRef.get(refKey(gk, ns, resource.name))
        ?? this.add({ id: nodeId(gk, ns, resource.name), label: `${esc(resource.name)}<br/><small>${esc(resource.kind)}, not in this app</small>`, shape: 'external' }, refKey(gk, ns, resource.name))];
    }
    return [];
  }

  /** Egress targets outside the cluster (hosts and CIDRs) of the pods a policy selects. */
  private egress(o: JsonObject, gk: string, ns: string): void {
    const cilium = gk === 'cilium.io/CiliumNetworkPolicy';
    const selector = cilium ? valueAt(o, 'spec', 'endpointSelector') : valueAt(o, 'spec', 'podSelector');
    const targets: string[] = [];
    for (const rule of arr(valueAt(o, 'spec', 'egress')).filter(isObject)) {
      if (cilium) {
        for (const f of arr(rule.toFQDNs).filter(isObject)) targets.push(String(f.matchName ?? f.matchPattern));
        for (const c of arr(rule.toCIDRSet).filter(isObject)) targets.push(String(c.cidr));
        for (const c of arr(rule.toCIDR)) targets.push(String(c));
      } else {
        for (const peer of arr(rule.to).filter(isObject)) {
          const cidr = str(valueAt(peer, 'ipBlock', 'cidr'));
          if (cidr) targets.push(cidr);
        }
      }
    }
    if (targets.length === 0) return;
    const pods = this.objects.filter((w) => namespaceOf(w) === ns && WORKLOAD_KINDS.has(groupKind(w.apiVersion, w.kind)))
      .filter((w) => {
        const t = podTemplateOf(w);
        return t !== undefined && selects(selector, t.labels, cilium ? (k) => k.replace(/^k8s:/, '') : undefined);
      });
    for (const w of pods) {
      const from = this.byRef.get(refKey(groupKind(w.apiVersion, w.kind), ns, String(valueAt(w, 'metadata', 'name'))));
      for (const t of [...new Set(targets)].sort()) this.edge(from, this.add({ id: `host_${slug(t)}`, label: esc(t), shape: 'host' }), 'egress', true);
    }
  }
}

function namespaceOf(o: JsonObject): string {
  return str(valueAt(o, 'metadata', 'namespace')) ?? '';
}

const refKey = (gk: string, ns: string, name: string) => `${gk}|${ns}|${name}`;
const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
const nodeId = (gk: string, ns: string, name: string) => `${slug(gk.split('/')[1] ?? gk).toLowerCase()}_${slug(ns)}_${slug(name)}`;

function kindLabel(gk: string): string {
  return { 'serving.knative.dev/Service': 'Knative Service', 'keda.sh/ScaledJob': 'KEDA ScaledJob' }[gk] ?? gk.split('/')[1];
}

function sourceDetail(o: JsonObject): string {
  const spec = obj(o.spec) ?? {};
  if (o.kind === 'PingSource') return `: ${String(spec.schedule ?? '')}`;
  if (o.kind === 'KafkaSource') return `: ${arr(spec.topics).join(', ')}`;
  if (o.kind === 'ApiServerSource') return `: ${arr(spec.resources).filter(isObject).map((r) => String(r.kind)).join(', ')}`;
  return '';
}

function filterText(spec: JsonObject): string {
  const attrs = obj(valueAt(spec, 'filter', 'attributes'));
  const parts = attrs ? Object.entries(attrs).map(([k, v]) => `${k}=${String(v)}`) : [];
  for (const f of arr(spec.filters).filter(isObject)) {
    for (const [op, v] of Object.entries(f)) parts.push(isObject(v) ? `${op} ${Object.entries(v).map(([k, x]) => `${k}=${String(x)}`).join(' ')}` : `${op} ${String(v)}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'every event';
}

function triggerSource(t: JsonObject): string | undefined {
  const m = obj(t.metadata) ?? {};
  switch (t.type) {
    case 'kafka': return `kafka ${String(m.topic ?? '')}`.trim();
    case 'rabbitmq': return `rabbitmq ${String(m.queueName ?? '')}`.trim();
    case 'aws-sqs-queue': return `sqs ${String(m.queueURL ?? '')}`.trim();
    case 'redis': return `redis ${String(m.listName ?? '')}`.trim();
    case 'prometheus': return 'prometheus query';
    case 'temporal': return `temporal ${String(m.taskQueue ?? '')}`.trim();
    case 'cron': return `cron ${String(m.start ?? '')}`.trim();
    default: return typeof t.type === 'string' ? t.type : undefined;
  }
}

/** Text from a manifest inside a Mermaid label: quotes and angle brackets become entities (labels use `<br/>` and `<small>` themselves). */
function esc(text: unknown): string {
  return String(text).replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

const quote = (label: string) => `"${label}"`;

function shape(n: Node): string {
  const q = quote(n.label);
  switch (n.shape) {
    case 'agent': return `[${q}]`;
    case 'job': return `[/${q}/]`;
    case 'broker': return `{{${q}}}`;
    case 'source': return `([${q}])`;
    case 'flow': return `[[${q}]]`;
    case 'host': return `>${q}]`;
    case 'ingress': return `[/${q}\\]`;
    default: return `(${q})`;
  }
}
