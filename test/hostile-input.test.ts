// No input crashes the library, as a class. Every class exported from
// lib/index.ts is found programmatically, and each of its public
// constructors, static factories and methods (read from the source, so a new
// one is covered or the test fails) is driven with hostile values in every
// argument position, and as every prop of a props object (one prop at a
// time, nested props too, starting from a valid baseline). Each run must end
// in one of:
//  - valid output: synth passes, every object is valid against the upstream
//    schemas (test/support/validate-synth.ts), and no value the baseline
//    rendered is lost or rendered as `{}` / `[]` / null;
//  - an AgentValidationError whose findings name the prop (PROPS-* or a
//    catalogued rule), with no ENGINE-001 crash among them;
//  - a plain Error (never a TypeError, RangeError, ...) naming the class or
//    factory and the argument.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import * as ts from 'typescript';
import * as lib from '../lib';
import {
  AgentKnativeService, AgentSecrets, AgentValidationError, AgentWorker, ApiServerMode, AppValidation, Broker, ChannelTemplate, ClusterProfile, Egress,
  EgressPort, EventFilter, EventPolicyFrom, FeatureState, IAgentSecrets, KafkaAuth, PolicyEngine, ScaleTrigger, ScalingClass, SecretStore,
  SequenceStep, TransportEncryption, Visibility, WatchNamespaces,
} from '../lib';

const SEED = 20260512;
fc.configureGlobal({ seed: SEED });
/** Random (position, hostile value) runs per target (constructor, factory or method), besides the fixed values every position gets. */
const RUNS_PER_TARGET = 20;

const LIB = path.join(__dirname, '..', 'lib');
const IMAGE = 'ghcr.io/acme/agent:1.4.2';

// ---------------------------------------------------------------------------
// The public surface, read from the source: classes, their public members and
// the declared parameters and props (with whether each is optional).

interface Param { readonly name: string; readonly optional: boolean; readonly rest: boolean; readonly type?: ts.TypeNode }
interface Member { readonly name: string; readonly kind: 'static' | 'method' | 'getter'; readonly params: readonly Param[] }
interface ClassInfo { readonly name: string; readonly base?: string; readonly abstract: boolean; readonly ctor?: readonly Param[]; readonly members: readonly Member[] }
interface PropInfo { readonly name: string; readonly optional: boolean; readonly type?: ts.TypeNode }

function libFiles(dir = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? libFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const classes = new Map<string, ClassInfo>();
const interfaces = new Map<string, { extends: string[]; props: PropInfo[] }>();

const hasModifier = (n: ts.Node, kind: ts.SyntaxKind) => (ts.canHaveModifiers(n) ? ts.getModifiers(n) ?? [] : []).some((m) => m.kind === kind);
const isInternal = (n: ts.Node) => ts.getJSDocTags(n).some((t) => t.tagName.text === 'internal');
const isPublic = (n: ts.ClassElement) => !hasModifier(n, ts.SyntaxKind.PrivateKeyword) && !hasModifier(n, ts.SyntaxKind.ProtectedKeyword)
  && !isInternal(n) && n.name !== undefined && ts.isIdentifier(n.name) && !n.name.text.startsWith('_');
const paramsOf = (ps: ts.NodeArray<ts.ParameterDeclaration>): Param[] => ps.map((p) => ({
  name: p.name.getText(), optional: p.questionToken !== undefined || p.initializer !== undefined, rest: p.dotDotDotToken !== undefined, type: p.type,
}));

for (const file of libFiles()) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
  source.forEachChild((node) => {
    if (ts.isClassDeclaration(node) && node.name) {
      const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText();
      const ctor = node.members.find(ts.isConstructorDeclaration);
      const members: Member[] = [];
      for (const m of node.members) {
        if (!isPublic(m)) continue;
        const name = (m.name as ts.Identifier).text;
        if (ts.isMethodDeclaration(m)) members.push({ name, kind: hasModifier(m, ts.SyntaxKind.StaticKeyword) ? 'static' : 'method', params: paramsOf(m.parameters) });
        else if (ts.isGetAccessorDeclaration(m) && !hasModifier(m, ts.SyntaxKind.StaticKeyword)) members.push({ name, kind: 'getter', params: [] });
      }
      classes.set(node.name.text, {
        name: node.name.text, base, abstract: hasModifier(node, ts.SyntaxKind.AbstractKeyword),
        ctor: ctor && !hasModifier(ctor, ts.SyntaxKind.PrivateKeyword) ? paramsOf(ctor.parameters) : undefined, members,
      });
    } else if (ts.isInterfaceDeclaration(node)) {
      const ext = node.heritageClauses?.flatMap((h) => h.types.map((t) => t.expression.getText())) ?? [];
      const props = node.members.filter(ts.isPropertySignature).map((m) => ({ name: m.name.getText(), optional: m.questionToken !== undefined, type: m.type }));
      interfaces.set(node.name.text, { extends: ext, props });
    }
  });
}

/** Public members of a class and of its bases in lib/ (an override counts once). */
function membersOf(name: string): Member[] {
  const seen = new Set<string>();
  const out: Member[] = [];
  for (let c = classes.get(name); c; c = c.base ? classes.get(c.base) : undefined) {
    for (const m of c.members) {
      if (seen.has(m.name)) continue;
      seen.add(m.name);
      if (m.kind !== 'static' || c.name === name) out.push(m);
    }
  }
  return out;
}

/** The constructor parameters of a class, inherited when it declares none. */
function ctorOf(name: string): readonly Param[] | undefined {
  for (let c = classes.get(name); c; c = c.base ? classes.get(c.base) : undefined) if (c.ctor) return c.ctor;
  return undefined;
}

/** The props of an interface of lib/, with those of the interfaces it extends (from lib/ only). */
function propsOf(type: ts.TypeNode | undefined): PropInfo[] | undefined {
  return type && ts.isTypeReferenceNode(type) ? interfaceProps(type.typeName.getText()) : undefined;
}

function interfaceProps(name: string): PropInfo[] | undefined {
  const i = interfaces.get(name);
  if (!i) return undefined;
  const own = new Set(i.props.map((p) => p.name));
  return [...i.props, ...i.extends.flatMap((e) => (interfaceProps(e) ?? []).filter((p) => !own.has(p.name)))];
}

/** The element type of `X[]`. */
function elementOf(type: ts.TypeNode | undefined): ts.TypeNode | undefined {
  return type && ts.isArrayTypeNode(type) ? type.elementType : undefined;
}

const EXPORTED_CLASSES = Object.entries(lib)
  .filter(([, v]) => typeof v === 'function' && classes.has((v as Function).name))
  .map(([exported, v]) => ({ exported, cls: v as Function, info: classes.get((v as Function).name)! }));

// ---------------------------------------------------------------------------
// Running one input: build, synthesize, classify.

type Build = (chart: Chart) => void;

interface Outcome {
  readonly kind: 'valid' | 'findings' | 'thrown';
  readonly docs?: any[];
  readonly error?: unknown;
  readonly findings?: readonly lib.Finding[];
}

/** One output folder for every app (Testing.app() makes a temporary folder per app: half the time of a run). */
const OUTDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-input-'));

function newChart(): Chart {
  const app = new App({ outdir: OUTDIR });
  AppValidation.of(app).reporter = () => undefined;
  return new Chart(app, 'test', { namespace: 'agents' });
}

function run(build: Build): Outcome {
  const chart = newChart();
  try {
    build(chart);
  } catch (error) {
    return { kind: 'thrown', error };
  }
  try {
    return { kind: 'valid', docs: Testing.synth(chart) };
  } catch (error) {
    if (error instanceof AgentValidationError) return { kind: 'findings', error, findings: [...error.report.errors] };
    return { kind: 'thrown', error };
  }
}

const ENGINE_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/** What is wrong with an outcome, or undefined when it is acceptable. */
interface Expectation {
  /** Finding props that name the position (`scaling.target`, `steps[0]`); empty: any prop. */
  readonly props: readonly string[];
  /** What an Error's message must name: every word of `all` (the argument), and one of `any` (the class, factory or method). */
  readonly names: { readonly all: readonly string[]; readonly any: readonly string[] };
  /** The valid baseline's output, when the position had a value there and the hostile value is of another kind. */
  readonly baseline?: any[];
  /** A required value was removed: valid output is a bug. */
  readonly required: boolean;
}

function problemOf(o: Outcome, e: Expectation): string | undefined {
  if (o.kind === 'thrown') {
    const err = o.error;
    if (!(err instanceof Error)) return `threw a non-Error: ${String(err)}`;
    if (ENGINE_ERRORS.some((c) => err instanceof c)) return `threw ${err.name}: ${err.message}\n${err.stack?.split('\n').slice(1, 6).join('\n')}`;
    if (err.message.startsWith('synthesized objects are not valid against the upstream schemas')) return err.message.slice(0, 600);
    const missing = e.names.all.filter((n) => !err.message.includes(n));
    if (e.names.any.length > 0 && !e.names.any.some((n) => err.message.includes(n))) missing.push(e.names.any.join(' or '));
    return missing.length > 0 ? `threw an Error that does not name ${missing.join(', ')}: ${err.message}` : undefined;
  }
  if (o.kind === 'findings') {
    const f = o.findings!;
    const crash = f.find((x) => x.rule.id === 'ENGINE-001' || (x.rule.id === 'ENGINE-002' && !x.prop));
    if (crash) return `a check crashed: ${lib.validation.formatFinding(crash)}`;
    // A finding names the position when its prop is the position's prop, inside it, or the prop that holds it (`filters` for `filters[0]`);
    // with no prop to name (the whole props, the id), any finding about a prop does.
    const within = (a: string, b: string) => a === b || [`${b}.`, `${b}[`, `${b}(`].some((s) => a.startsWith(s));
    if (!f.some((x) => x.prop && (e.props.length === 0 || e.props.some((p) => within(x.prop!, p) || within(p, x.prop!))))) {
      return `no finding names ${e.props.join(' or ')}:\n  ${f.map(lib.validation.formatFinding).join('\n  ')}`;
    }
    return undefined;
  }
  const unrenderable = findUnrenderable(o.docs);
  if (unrenderable) return `rendered ${unrenderable}`;
  if (e.required) return `a required value was removed, and synth passed: ${JSON.stringify(o.docs).slice(0, 400)}`;
  if (e.baseline) {
    const lost = lostValue(e.baseline, o.docs!);
    if (lost) return `synth passed but lost a value of the baseline: ${lost}`;
  }
  return undefined;
}

/** A value no manifest can hold (NaN, Infinity, a function, a symbol, a bigint), with its path. */
function findUnrenderable(v: unknown, at = ''): string | undefined {
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v} at ${at}`;
  if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return `a ${typeof v} at ${at}`;
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const found = findUnrenderable(x, `${at}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'object' && Object.keys(v as object).length === 0);

/** A path where the baseline has a value and the other output has none (or `{}`, `[]`, null); objects matched by kind and name. */
function lostValue(baseline: any[], docs: any[]): string | undefined {
  const key = (o: any) => `${o?.kind}/${o?.metadata?.name}`;
  for (const b of baseline) {
    const d = docs.find((x) => key(x) === key(b));
    if (!d) continue;
    const walk = (x: any, y: any, at: string): string | undefined => {
      if (empty(x)) return undefined;
      if (empty(y)) return `${key(b)} ${at} was ${JSON.stringify(x).slice(0, 80)}, now ${JSON.stringify(y) ?? 'unset'}`;
      if (typeof x !== 'object' || typeof y !== 'object') return undefined;
      for (const k of Object.keys(x)) {
        const found = walk(x[k], y[k], `${at}.${k}`);
        if (found) return found;
      }
      return undefined;
    };
    const found = walk(b, d, '');
    if (found) return found;
  }
  return undefined;
}

/** A value's kind, for "the hostile value is of another kind than the baseline's". */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : 'non-finite';
  if (typeof v !== 'object') return typeof v;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? 'plain' : `instance of ${proto.constructor?.name}`;
}

// ---------------------------------------------------------------------------
// Hostile values

const HOSTILE: readonly unknown[] = [
  undefined, null, NaN, Infinity, -Infinity, -1, 0, 0.5, 2 ** 53 + 2, 1e308, '', ' ', 'x'.repeat(10_000), '\u{1F4A5}\u0000\u202E é',
  'Not/A Name.', true, false, [], [null], {}, { unexpected: 1 }, Object.freeze({ frozen: true }), () => 'fn', new Date(0), Symbol('hostile'), BigInt(10),
];

const ARBITRARY = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 6 },
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.anything({ maxDepth: 2 }),
);

/** Variants of a valid value: with an extra key, frozen, an array of it. */
function variantsOf(base: unknown): unknown[] {
  if (base === null || typeof base !== 'object' || Array.isArray(base) || kindOf(base) !== 'plain') return Array.isArray(base) ? [Object.freeze([...base]), [base]] : [];
  return [{ ...(base as object), unexpectedKey: 'x' }, Object.freeze({ ...(base as object) }), [base]];
}

// ---------------------------------------------------------------------------
// Fixtures and baselines: a valid use of every public member.

const KAFKA = { bootstrapServers: ['kafka.data:9092'], consumerGroup: 'tickets', topic: 'support-tickets', lagThreshold: 100 };

/** A Vault provider, with `auth` when given. */
const vaultProvider = (auth: unknown = lib.VaultAuth.kubernetes({ role: 'agents' })) =>
  lib.SecretStoreProvider.vault({ server: 'https://vault.vault.svc:8200', path: 'secret', auth: auth as lib.VaultAuth });

/** A fixture made once per scope. */
function once<T>(s: Construct, id: string, make: () => T): T {
  return (s.node.tryFindChild(id) as unknown as T) ?? make();
}

function agent(s: Construct, id = 'agent', props: Record<string, unknown> = {}): AgentKnativeService {
  return once(s, id, () => new AgentKnativeService(s, id, { image: IMAGE, ...props }));
}

function kafkaSecrets(s: Construct): IAgentSecrets {
  return once(s, 'kafka-creds', () => AgentSecrets.fromSecretName(s, 'kafka-creds', 'kafka-creds', {
    KAFKA_USER: 'user', KAFKA_PASSWORD: 'password', KAFKA_SASL_MECHANISM: 'sasl.mechanism', KAFKA_TLS_CERT: 'tls.crt', KAFKA_TLS_KEY: 'tls.key', KAFKA_CA: 'ca.crt',
  }));
}

function oidcProfile(s: Construct): void {
  new ClusterProfile(s.node.root as Construct, 'cluster', { eventingFeatures: { authenticationOidc: FeatureState.ENABLED }, transportEncryption: TransportEncryption.STRICT });
}

/** A construct class: how to make a valid one. `scope` may be other than the chart (ClusterProfile: the App). */
interface ConstructBaseline {
  /** The constructor's arguments, when not `(scope, id, props)` (AgentApp: `(props)`). @default - scope, id, props */
  readonly args?: (chart: Chart) => unknown[];
  readonly scope?: (chart: Chart) => Construct;
  readonly setup?: (chart: Chart) => void;
  readonly props: (chart: Chart) => Record<string, unknown>;
  /** Something that uses the construct, so its props reach a rendered object. @default - nothing */
  readonly use?: (made: any, chart: Chart) => void;
}

const CONSTRUCTS: Record<string, ConstructBaseline> = {
  AgentApp: {
    // Its own app, synthesized to a string (synth() writes files: only the baseline method run does, to a temporary folder).
    args: () => [{ outdir: OUTDIR, strict: false }],
    props: () => ({}),
    use: (app) => {
      AppValidation.of(app).reporter = () => undefined;
      agent(new Chart(app, 'agents', { namespace: 'agents' }), 'triage');
      app.synthYaml();
    },
  },
  AgentEnvironments: {
    // A plain class: its own apps, written by synth() (the method's target) to a temporary folder.
    args: () => [{
      outdir: path.join(OUTDIR, 'environments'),
      environments: { dev: { values: { maxScale: 2 }, cluster: { maxScaleLimit: 5 } }, prod: { values: { maxScale: 20 } } },
      build: (app: App, env: { values: { maxScale: number } }) => {
        AppValidation.of(app).reporter = () => undefined;
        agent(new Chart(app, 'agents', { namespace: 'agents' }), 'triage', { scaling: { maxScale: env.values.maxScale } });
      },
      flux: { sourceRef: lib.GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' }), root: './dist/agents', interval: Duration.minutes(5), namespace: 'flux-system', wait: true, prune: true },
      strict: false,
    }],
    props: () => ({}),
  },
  AgentKnativeService: {
    props: (c) => ({
      image: IMAGE, name: 'triage', port: 8080, env: { MODE: 'triage' }, secrets: [kafkaSecrets(c)], command: ['serve'], args: ['--port', '8080'],
      scaling: { minScale: 0, maxScale: 10, target: 5, window: Duration.seconds(60) }, containerConcurrency: 1, timeout: Duration.seconds(90),
      visibility: Visibility.CLUSTER_LOCAL, labels: { team: 'support' }, annotations: { 'example.com/owner': 'support' },
      readinessProbe: kplus.Probe.fromHttpGet('/health'), resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) }, memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) } },
      security: { runAsUser: 1001, tmpSizeLimit: Size.gibibytes(1) }, revisionName: 'triage-v1', traffic: [{ revisionName: 'triage-v1', percent: 100 }],
      secretEnv: { USER: { secrets: kafkaSecrets2(c), variable: 'KAFKA_USER' } }, revisionLabels: { tier: 'a' },
    }),
  },
  McpServer: {
    props: () => ({
      image: IMAGE, name: 'github-mcp', stateless: true, path: '/mcp', scaling: { maxScale: 5 }, env: { MODE: 'tools' },
      invocation: lib.Invocation.stream({ idle: Duration.seconds(30) }), annotations: { 'example.com/owner': 'tools' },
    }),
    use: (m, c) => m.grantUse(agent(c, 'user')),
  },
  DomainMapping: { props: (c) => ({ name: 'triage.example.com', ref: agent(c, 'triage'), tls: { secretName: 'triage-tls' }, labels: { team: 'a' } }) },
  AgentDeployment: {
    props: (c) => ({
      image: IMAGE, name: 'api', port: 3001, servicePort: 80, env: { MODE: 'api' }, secrets: [kafkaSecrets(c)], readinessProbe: kplus.Probe.fromHttpGet('/ready'),
      autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70, memoryUtilization: 80 }, security: { runAsUser: 1001, runAsGroup: 1001 },
      terminationGracePeriod: Duration.seconds(30), labels: { team: 'a' }, annotations: { 'example.com/owner': 'a' }, podLabels: { tier: 'api' }, podAnnotations: { 'prometheus.io/scrape': 'true' },
    }),
  },
  AgentIngress: {
    props: (c) => ({
      name: 'ai-agents', host: 'ai-agents.example.com', tls: lib.IngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' }), className: 'traefik',
      routes: [lib.IngressRoute.prefix('/api', alwaysOn(c)), lib.IngressRoute.exact('/health', alwaysOn(c))], auth: lib.IngressAuth.traefikForwardAuth('authelia', 'authelia'),
      labels: { team: 'a' }, annotations: { 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure' },
    }),
  },
  AgentSecrets: {
    props: () => ({
      name: 'model-api', store: SecretStore.cluster('vault'), keys: { API_KEY: 'prod/api', TOKEN: { key: 'prod/jira', property: 'token' } }, refreshInterval: Duration.hours(1),
      dataFrom: [lib.SecretSource.extract('prod/shared', { rewrite: [lib.KeyRewrite.regexp('^shared-', '')] })],
      template: { data: { API_KEY: '{{ .API_KEY }}', TOKEN: '{{ .TOKEN }}' }, type: 'Opaque', mergePolicy: lib.TemplateMergePolicy.MERGE, labels: { app: 'a' }, annotations: { 'example.com/owner': 'a' } },
    }),
    use: (s, c) => agent(c, 'reader', { secrets: [s] }),
  },
  NamespacedSecretStore: {
    props: () => ({ name: 'vault', provider: vaultProvider(), refreshInterval: Duration.minutes(5), controller: 'eso', namespace: 'agents', labels: { team: 'a' }, annotations: { 'example.com/owner': 'a' } }),
    use: (s, c) => new AgentSecrets(c, 'reader', { store: s, keys: { API_KEY: 'prod/api' } }),
  },
  ClusterSecretStore: {
    props: () => ({ name: 'vault', provider: vaultProvider(), conditions: [{ namespaces: ['agents'], namespaceRegexes: ['^team-'], namespaceLabels: { eso: 'yes' } }], refreshInterval: Duration.minutes(5), labels: { team: 'a' } }),
    use: (s, c) => new AgentSecrets(c, 'reader', { store: s, keys: { API_KEY: 'prod/api' } }),
  },
  EgressPolicy: {
    props: (c) => ({ agents: [agent(c)], allow: [Egress.cidr('10.20.0.0/16', { ports: [EgressPort.tcp(5432)] }), Egress.namespace('observability')], name: 'egress', ingress: lib.IngressLockdown.KNATIVE, ingressFrom: [lib.IngressFrom.monitoring()] }),
  },
  KafkaTrigger: {
    props: (c) => ({
      bootstrapServers: ['kafka.data:9092'], topics: ['support-tickets'], sink: agent(c), consumerGroup: 'tickets', auth: KafkaAuth.scramSha512({ secrets: kafkaSecrets(c), tls: {} }),
      delivery: { retry: 3, backoffDelay: Duration.seconds(1), deadLetterSink: agent(c, 'dead-letters') }, extensions: { team: 'support' },
    }),
  },
  SinkBinding: { props: (c) => ({ subject: agent(c, 'producer'), sink: broker(c), eventTypes: ['dev.acme.ticket.triaged'], extensions: { team: 'support' } }) },
  PingTrigger: { props: (c) => ({ schedule: '0 2 * * *', timezone: 'Europe/Paris', data: '{"report":"daily"}', contentType: 'application/json', sink: agent(c) }) },
  ApiServerTrigger: {
    props: (c) => ({ resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchLabels: { app: 'web' } } }], sink: agent(c), mode: ApiServerMode.REFERENCE, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet' } }),
  },
  Broker: { props: () => ({ name: 'events', delivery: { retry: 3, backoffDelay: Duration.millis(200) }, labels: { team: 'a' } }) },
  Trigger: { props: (c) => ({ broker: new Broker(c, 'events'), subscriber: agent(c), filter: { type: 'dev.acme.order.placed' }, delivery: { retry: 2 }, name: 'on-order' }) },
  AgentSequence: {
    props: (c) => ({ steps: [agent(c, 'search'), SequenceStep.of(agent(c, 'extract'), { delivery: { retry: 2 } })], reply: agent(c, 'handler'), channel: ChannelTemplate.inMemory(), name: 'research' }),
  },
  AgentParallel: { props: (c) => ({ branches: [{ subscriber: agent(c, 'web'), filter: agent(c, 'only-web'), delivery: { retry: 1 } }], reply: agent(c, 'aggregator') }) },
  JobSink: { props: (c) => ({ image: IMAGE, name: 'reports', backoffLimit: 2, activeDeadline: Duration.hours(1), env: { MODE: 'report' }, secrets: [kafkaSecrets(c)], labels: { team: 'a' } }) },
  EventPolicy: {
    setup: oidcProfile,
    props: (c) => ({ to: new Broker(c, 'events'), from: [EventPolicyFrom.serviceAccount('web', 'shop')], filters: [EventFilter.exact({ type: 'dev.acme.order.placed' })], name: 'senders' }),
  },
  AgentWorker: {
    props: (c) => ({
      image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)], maxReplicas: 30, minReplicas: 0, env: { MODE: 'worker' }, secrets: [kafkaSecrets(c)],
      cooldownPeriod: Duration.seconds(300), fallback: { failureThreshold: 3, replicas: 2 }, scaleDown: { stabilizationWindow: Duration.seconds(60) },
    }),
  },
  TemporalWorker: {
    props: () => ({
      image: IMAGE, name: 'report-worker', maxReplicas: 5, env: { MODE: 'worker' },
      temporal: { endpoint: 'temporal-frontend.temporal.svc.cluster.local:7233', taskQueue: 'reports', namespace: 'research' }, triggers: [ScaleTrigger.cpu({ utilization: 80 })],
    }),
    use: (w, c) => {
      w.calls(agent(c, 'callee'));
      new lib.EgressPolicy(c, 'worker-egress', { agents: [w], allow: [] });
    },
  },
  AgentCronJob: {
    props: (c) => ({
      image: IMAGE, schedule: '0 3 * * *', timeZone: 'Europe/Paris', activeDeadline: Duration.minutes(30), successfulJobsHistoryLimit: 1, env: { MODE: 'cleanup' }, secrets: [kafkaSecrets(c)],
      concurrencyPolicy: lib.ConcurrencyPolicy.FORBID, startingDeadline: Duration.minutes(5), podLabels: { team: 'a' },
    }),
  },
  AgentJob: {
    props: (c) => ({
      image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)], maxReplicas: 20, activeDeadline: Duration.hours(1), scalingStrategy: { strategy: lib.JobScalingStrategy.ACCURATE },
      // The pod-level props every pod template takes (plain pods: no Knative flags).
      gpu: { count: 1, resource: 'nvidia.com/gpu' }, nodeSelector: { 'nvidia.com/gpu.present': 'true' }, runtimeClassName: 'gvisor', priorityClassName: 'agents-high',
      tolerations: [kplus.NodeTaintQuery.exists('nvidia.com/gpu', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      security: { runAsUser: 1001, fsGroup: 1001, fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH },
      initContainers: [{ name: 'model-download', image: 'curlimages/curl:8.10.1', command: ['sh', '-c', 'true'], env: { URL: 'https://example.com/m.gguf' }, volumes: [models(c).mount('/models', { readOnly: false })] }],
      volumes: [models(c).mount('/models', { subPath: 'llama' })],
    }),
  },
  AgentWorkspace: {
    props: () => ({ name: 'workspace', size: Size.gibibytes(50), accessMode: kplus.PersistentVolumeAccessMode.READ_WRITE_MANY, storageClassName: 'longhorn', labels: { team: 'a' }, annotations: { 'example.com/owner': 'a' } }),
    use: (w, c) => new AgentWorker(c, 'writer', { image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)], volumes: [w.mount('/workspace', { readOnly: false })] }),
  },
  AgentTriggerAuthentication: { props: (c) => ({ name: 'kafka-auth', secrets: [{ secrets: kafkaSecrets(c), parameters: { username: 'KAFKA_USER' } }] }) },
  GitRepository: {
    props: (c) => ({
      name: 'platform', url: 'ssh://git@github.com/acme/platform.git', ref: lib.GitRef.branch('main'), interval: Duration.minutes(1), timeout: Duration.seconds(90),
      secretRef: AgentSecrets.fromSecretName(c, 'deploy-key', 'platform-deploy-key'), provider: lib.GitProvider.GENERIC, labels: { team: 'a' }, annotations: { 'example.com/owner': 'a' },
    }),
  },
  FluxKustomization: {
    props: (c) => ({
      name: 'agents', sourceRef: gitRepo(c), path: './dist/agents', interval: Duration.minutes(10), retryInterval: Duration.minutes(2), timeout: Duration.minutes(5),
      prune: true, wait: false, dependsOn: [lib.FluxKustomization.fromKustomizationName('infrastructure', { namespace: 'flux-system' })], targetNamespace: 'agents',
      healthChecks: [agent(c)], customHealthChecks: [{ apiVersion: 'example.com/v1', kind: 'Widget', current: 'true', failed: 'false' }], labels: { team: 'a' }, annotations: { 'example.com/owner': 'a' },
    }),
  },
  ImageRepository: {
    props: (c) => ({
      name: 'triage', image: 'ghcr.io/acme/triage', interval: Duration.minutes(5), timeout: Duration.minutes(2), secretRef: AgentSecrets.fromSecretName(c, 'pull', 'ghcr-pull'),
      provider: lib.ImageProvider.GENERIC, exclusionList: ['^.*\\.sig$'], labels: { team: 'a' }, annotations: { 'example.com/owner': 'a' },
    }),
  },
  ImagePolicy: {
    props: () => ({
      name: 'triage', imageRepository: { name: 'triage' }, policy: lib.ImagePolicyChoice.semver('>=1.0.0 <2.0.0'),
      filterTags: { pattern: '^v(?P<v>.*)$', extract: '$v' }, labels: { team: 'a' }, annotations: { 'example.com/owner': 'a' },
    }),
  },
  ImageUpdateAutomation: {
    props: (c) => ({
      name: 'images', sourceRef: gitRepo(c), path: './dist/agents', commit: { authorEmail: 'flux@acme.dev', authorName: 'Flux', messageTemplate: 'images' },
      checkout: lib.GitRef.branch('main'), pushBranch: 'main', interval: Duration.minutes(30), labels: { team: 'a' }, annotations: { 'example.com/owner': 'a' },
    }),
  },
  AgentMonitor: { props: (c) => ({ agent: agent(c), name: 'triage-metrics', interval: Duration.seconds(30), port: 9000, path: '/metrics', labels: { release: 'prom' }, annotations: { 'example.com/owner': 'a' } }) },
  AgentAlerts: {
    props: (c) => ({
      agents: [agent(c)], name: 'alerts', labels: { release: 'prom' }, annotations: { 'example.com/owner': 'a' }, for: Duration.minutes(5), window: Duration.minutes(5), severity: 'page',
      errorRatio: 0.02, latencyP95: Duration.seconds(3), coldStartQueuedRequests: 5, scaleUpDelay: Duration.minutes(1), kedaNamespaceLabel: 'namespace',
    }),
  },
  AgentDashboard: { props: (c) => ({ agents: [agent(c)], name: 'agents', title: 'Agents', uid: 'agents', labels: { team: 'a' }, annotations: { 'example.com/folder': 'agents' }, kedaNamespaceLabel: 'namespace' }) },
  AgentTelemetry: {
    props: (c) => ({
      agents: [agent(c)], endpoint: 'http://otel-collector.observability:4318', protocol: lib.OtlpProtocol.HTTP_PROTOBUF, resourceAttributes: { 'deployment.environment.name': 'prod' },
      downwardApi: false, collector: Egress.namespace('observability', { ports: [EgressPort.tcp(4318)] }),
    }),
  },
  ClusterProfile: {
    scope: (c) => c.node.root as Construct,
    props: () => ({
      maxScaleLimit: 50, revisionTimeout: Duration.seconds(300), features: { podspecAffinity: FeatureState.DISABLED }, network: { dnsNamespace: 'kube-system' }, clusterDomain: 'cluster.local',
      domain: 'agents.example.com', domainTemplate: '{{.Name}}.{{.Namespace}}.{{.Domain}}', externalDomainTls: true,
    }),
    use: (_p, c) => agent(c),
  },
};

function alwaysOn(s: Construct): lib.AgentDeployment {
  return once(s, 'api', () => new lib.AgentDeployment(s, 'api', { image: IMAGE, port: 3001 }));
}

const ingress = (c: Chart, props: Record<string, unknown>) => new lib.AgentIngress(c, 'ingress', {
  host: 'ai-agents.example.com', tls: lib.IngressTls.secret('ai-agents-tls'), routes: [lib.IngressRoute.prefix('/', alwaysOn(c))], ...props,
});

function models(s: Construct): lib.IAgentWorkspace {
  return once(s, 'models', () => lib.AgentWorkspace.fromClaimName(s, 'models', 'models-cache'));
}

function gitRepo(s: Construct): lib.GitRepository {
  return once(s, 'repo', () => new lib.GitRepository(s, 'repo', { name: 'platform', url: 'https://github.com/acme/platform.git' }));
}

function kafkaSecrets2(s: Construct): IAgentSecrets {
  return once(s, 'kafka-creds-2', () => AgentSecrets.fromSecretName(s, 'kafka-creds-2', 'kafka-creds-2', { KAFKA_USER: 'user' }));
}

/** A static factory: valid arguments, and what receives the value it makes (under `prop`). */
interface FactoryBaseline {
  readonly args: (chart: Chart) => unknown[];
  /** Puts the value into a construct. */
  readonly use: (value: any, chart: Chart) => void;
  /** The props that receive the value (a factory that makes a construct: its findings name its own arguments too). */
  readonly prop: string | string[];
}

const worker = (c: Chart, trigger: unknown) => new AgentWorker(c, 'worker', { image: IMAGE, triggers: [trigger as ScaleTrigger] });
const broker = (c: Chart, props: Record<string, unknown> = {}) => once(c, 'events', () => new Broker(c, 'events', props));
const onTrigger = (c: Chart, options: Record<string, unknown>) => broker(c).addTrigger('on-order', { subscriber: agent(c), ...options } as any);
const ingressFrom = (c: Chart, i: unknown) => new lib.EgressPolicy(c, 'egress', { agents: [agent(c)], allow: [], ingressFrom: [i as lib.IngressFrom] });
const egress = (c: Chart, e: unknown, engine = PolicyEngine.KUBERNETES) => new lib.EgressPolicy(c, 'egress', { agents: [agent(c)], allow: [e as Egress], engine });
const sequence = (c: Chart, props: Record<string, unknown>) => new lib.AgentSequence(c, 'research', { steps: [agent(c, 'search')], ...props } as any);
const kafkaTrigger = (c: Chart, auth: unknown) => new lib.KafkaTrigger(c, 'tickets', { bootstrapServers: ['kafka.data:9092'], topics: ['t'], sink: agent(c), auth: auth as KafkaAuth });
const apiServer = (c: Chart, namespaces: unknown) => new lib.ApiServerTrigger(c, 'watcher', { resources: [{ apiVersion: 'v1', kind: 'Pod' }], sink: agent(c), namespaces: namespaces as WatchNamespaces });
const policy = (c: Chart, from: unknown) => {
  oidcProfile(c);
  new lib.EventPolicy(c, 'senders', { to: broker(c), from: [from as EventPolicyFrom] });
};
const tlsSecrets = (c: Chart) => kafkaSecrets(c);

const inStore = (provider: unknown, c: Chart) => new lib.NamespacedSecretStore(c, 'store', { provider: provider as lib.SecretStoreProvider });
const secretRef = (name: string) => ({ name, key: 'token' });
const secretsFrom = (source: unknown, c: Chart) => new AgentSecrets(c, 'from', { store: SecretStore.cluster('vault'), dataFrom: [source as lib.SecretSource] });

const FACTORIES: Record<string, FactoryBaseline> = {
  'SecretStoreProvider.vault': {
    args: () => [{ server: 'https://vault.vault.svc:8200', path: 'secret', version: lib.VaultKvVersion.V2, auth: lib.VaultAuth.kubernetes({ role: 'agents' }), namespace: 'team-a', caBundle: 'LS0t', caProvider: { type: lib.CaProviderType.SECRET, name: 'vault-ca', key: 'ca.crt' } }],
    use: inStore, prop: 'provider',
  },
  'SecretStoreProvider.awsSecretsManager': { args: () => [{ region: 'eu-west-1', role: 'arn:aws:iam::1:role/r', serviceAccount: 'eso', serviceAccountNamespace: 'agents' }], use: inStore, prop: 'provider' },
  'SecretStoreProvider.awsParameterStore': {
    args: () => [{ region: 'eu-west-1', accessKeys: { accessKeyId: secretRef('aws-id'), secretAccessKey: secretRef('aws-secret'), sessionToken: secretRef('aws-session') } }],
    use: inStore, prop: 'provider',
  },
  'SecretStoreProvider.gcpSecretManager': {
    args: () => [{ projectId: 'acme', location: 'europe-west1', workloadIdentity: { serviceAccount: 'eso', serviceAccountNamespace: 'agents', clusterLocation: 'europe-west1', clusterName: 'prod', clusterProjectId: 'acme' } }],
    use: inStore, prop: 'provider',
  },
  'SecretStoreProvider.azureKeyVault': { args: () => [{ vaultUrl: 'https://kv.vault.azure.net', tenantId: 't', authType: lib.AzureAuthType.WORKLOAD_IDENTITY, serviceAccount: 'eso' }], use: inStore, prop: 'provider' },
  'SecretStoreProvider.kubernetes': {
    args: () => [{ remoteNamespace: 'src', url: 'https://kubernetes.default', caProvider: { type: lib.CaProviderType.CONFIG_MAP, name: 'kube-root-ca.crt', key: 'ca.crt' }, serviceAccount: 'reader' }],
    use: inStore, prop: 'provider',
  },
  'SecretStoreProvider.raw': { args: () => ['fake', { data: [{ key: 'k', value: 'v' }] }], use: inStore, prop: 'provider' },
  'VaultAuth.kubernetes': { args: () => [{ role: 'agents', mountPath: 'kubernetes', serviceAccount: 'eso', serviceAccountNamespace: 'agents' }], use: (v, c) => inStore(vaultProvider(v), c), prop: 'provider' },
  'VaultAuth.token': { args: () => [{ name: 'vault-token', key: 'token', namespace: 'agents' }], use: (v, c) => inStore(vaultProvider(v), c), prop: 'provider' },
  'VaultAuth.appRole': { args: () => [{ roleId: 'r-1', secretId: secretRef('approle'), path: 'approle' }], use: (v, c) => inStore(vaultProvider(v), c), prop: 'provider' },
  'SecretSource.extract': { args: () => ['prod/api', { property: 'env', version: '2', rewrite: [lib.KeyRewrite.transform('{{ .value | upper }}')] }], use: secretsFrom, prop: 'dataFrom[0]' },
  'SecretSource.find': { args: () => [{ nameRegexp: '^prod/', tags: { team: 'a' }, path: 'prod', rewrite: [lib.KeyRewrite.regexp('^prod/', '')] }], use: secretsFrom, prop: 'dataFrom[0]' },
  'KeyRewrite.regexp': { args: () => ['^prod/', 'x-'], use: (v, c) => secretsFrom(lib.SecretSource.extract('prod/api', { rewrite: [v] }), c), prop: 'dataFrom[0]' },
  'KeyRewrite.transform': { args: () => ['{{ .value | lower }}'], use: (v, c) => secretsFrom(lib.SecretSource.extract('prod/api', { rewrite: [v] }), c), prop: 'dataFrom[0]' },
  'SecretStore.cluster': { args: () => ['vault'], use: (v, c) => new AgentSecrets(c, 'secrets', { store: v, keys: { API_KEY: 'prod/api' } }), prop: 'store' },
  'SecretStore.namespaced': { args: () => ['vault'], use: (v, c) => new AgentSecrets(c, 'secrets', { store: v, keys: { API_KEY: 'prod/api' } }), prop: 'store' },
  'Egress.fqdn': { args: () => ['api.anthropic.com', { ports: [EgressPort.tcp(443)] }], use: (v, c) => egress(c, v, PolicyEngine.CILIUM), prop: 'allow[0]' },
  'Egress.cidr': { args: () => ['10.20.0.0/16', { ports: [EgressPort.tcp(5432)], except: ['10.20.1.0/24'] }], use: (v, c) => egress(c, v), prop: 'allow[0]' },
  'Egress.namespace': { args: () => ['observability', { ports: [EgressPort.tcp(4317)] }], use: (v, c) => egress(c, v), prop: 'allow[0]' },
  'Egress.kubernetesApi': { args: () => [], use: (v, c) => egress(c, v, PolicyEngine.CILIUM), prop: 'allow[0]' },
  'Egress.agent': { args: (c) => [agent(c, 'other'), { ports: [] }], use: (v, c) => egress(c, v), prop: 'allow[0]' },
  'IngressFrom.namespace': { args: () => ['github-ai-agents', { ports: [EgressPort.tcp(8080)] }], use: (v, c) => ingressFrom(c, v), prop: 'ingressFrom[0]' },
  'IngressFrom.pods': { args: () => [{ 'app.kubernetes.io/name': 'app' }, { namespace: 'web', ports: [EgressPort.tcp(3001)] }], use: (v, c) => ingressFrom(c, v), prop: 'ingressFrom[0]' },
  'IngressFrom.agent': { args: (c) => [agent(c, 'caller'), { ports: [EgressPort.tcp(8080)] }], use: (v, c) => ingressFrom(c, v), prop: 'ingressFrom[0]' },
  'IngressFrom.ingressController': { args: () => [lib.IngressController.TRAEFIK, { namespace: 'traefik', ports: [EgressPort.tcp(8080)] }], use: (v, c) => ingressFrom(c, v), prop: 'ingressFrom[0]' },
  'IngressFrom.monitoring': { args: () => ['observability', { ports: [EgressPort.tcp(9091)] }], use: (v, c) => ingressFrom(c, v), prop: 'ingressFrom[0]' },
  'IngressFrom.cidr': { args: () => ['10.0.0.0/8', { except: ['10.1.0.0/16'], ports: [EgressPort.tcp(8080)] }], use: (v, c) => ingressFrom(c, v), prop: 'ingressFrom[0]' },
  'IngressFrom.ciliumIngress': {
    args: () => [{ ports: [EgressPort.tcp(8080)] }],
    use: (v, c) => new lib.EgressPolicy(c, 'egress', { agents: [agent(c)], allow: [], ingressEngine: lib.PolicyEngine.CILIUM, ingressFrom: [v as lib.IngressFrom] }),
    prop: 'ingressFrom[0]',
  },
  'Egress.eventSink': { args: (c) => [broker(c)], use: (v, c) => egress(c, v), prop: 'allow[0]' },
  'Egress.publicInternet': { args: () => [{ ports: [EgressPort.tcp(443)] }], use: (v, c) => egress(c, v), prop: 'allow[0]' },
  'EgressPort.tcp': { args: () => [443, 445], use: (v, c) => egress(c, Egress.cidr('10.0.0.0/8', { ports: [v] })), prop: 'allow[0]' },
  'EgressPort.udp': { args: () => [53], use: (v, c) => egress(c, Egress.cidr('10.0.0.0/8', { ports: [v] })), prop: 'allow[0]' },
  'EgressPort.sctp': { args: () => [9000], use: (v, c) => egress(c, Egress.cidr('10.0.0.0/8', { ports: [v] })), prop: 'allow[0]' },
  'ScalingMetric.custom': { args: () => ['queue_depth'], use: (v, c) => agent(c, 'agent', { scaling: { metric: v, class: ScalingClass.HPA, target: 5 } }), prop: 'scaling.metric' },
  'EventFilter.exact': { args: () => [{ type: 'dev.acme.order.placed' }], use: (v, c) => onTrigger(c, { filters: [v] }), prop: 'filters[0]' },
  'EventFilter.prefix': { args: () => [{ type: 'dev.acme.' }], use: (v, c) => onTrigger(c, { filters: [v] }), prop: 'filters[0]' },
  'EventFilter.suffix': { args: () => [{ source: '/orders' }], use: (v, c) => onTrigger(c, { filters: [v] }), prop: 'filters[0]' },
  'EventFilter.all': { args: () => [EventFilter.exact({ type: 'a' }), EventFilter.prefix({ source: 'b' })], use: (v, c) => onTrigger(c, { filters: [v] }), prop: 'filters[0]' },
  'EventFilter.any': { args: () => [EventFilter.exact({ type: 'a' }), EventFilter.exact({ type: 'b' })], use: (v, c) => onTrigger(c, { filters: [v] }), prop: 'filters[0]' },
  'EventFilter.not': { args: () => [EventFilter.exact({ type: 'a' })], use: (v, c) => onTrigger(c, { filters: [v] }), prop: 'filters[0]' },
  'EventFilter.cesql': { args: () => ["type = 'dev.acme.order.placed'"], use: (v, c) => onTrigger(c, { filters: [v] }), prop: 'filters[0]' },
  'EventPolicyFrom.ref': { args: () => [{ apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', name: 'nightly', namespace: 'agents' }], use: (v, c) => policy(c, v), prop: 'from[0]' },
  'EventPolicyFrom.serviceAccount': { args: () => ['web', 'shop'], use: (v, c) => policy(c, v), prop: 'from[0]' },
  'EventPolicyFrom.namespace': { args: () => ['shop'], use: (v, c) => policy(c, v), prop: 'from[0]' },
  'EventPolicyFrom.subject': { args: () => ['system:serviceaccount:shop:web'], use: (v, c) => policy(c, v), prop: 'from[0]' },
  'SinkTarget.ref': {
    args: () => [() => ({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'ranker', namespace: 'ml' }), { path: '/rank', external: true }],
    use: (v, c) => onTrigger(c, { subscriber: v }), prop: 'subscriber',
  },
  'SinkTarget.uri': { args: () => ['https://hooks.example.com/events'], use: (v, c) => onTrigger(c, { subscriber: v }), prop: 'subscriber' },
  'Rollout.canary': { args: () => [{ from: 'support-agent-v1', to: 'support-agent-v2', percent: 10, steps: [10, 50, 100], stableTag: 'stable', candidateTag: 'canary' }], use: (v, c) => new lib.AgentKnativeService(c, 'support-agent', { image: IMAGE, rollout: v }), prop: 'rollout' },
  'Sink.uri': { args: () => ['https://hooks.example.com/events'], use: (v, c) => onTrigger(c, { subscriber: v }), prop: 'subscriber' },
  'Sink.knativeService': { args: () => ['ranker', { namespace: 'ml', path: '/rank' }], use: (v, c) => onTrigger(c, { subscriber: v }), prop: 'subscriber' },
  'Sink.ref': { args: () => [{ apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'KafkaSink', name: 'archive', namespace: 'data' }, { path: '/in' }], use: (v, c) => onTrigger(c, { subscriber: v }), prop: 'subscriber' },
  'BrokerConfig.kafka': { args: (c) => [{ bootstrapServers: ['kafka.data:9092'], numPartitions: 6, replicationFactor: 3, authSecret: kafkaSecrets(c), configMapName: 'events-kafka' }], use: (v, c) => broker(c, { config: v }), prop: 'config' },
  'BrokerConfig.fromConfigMapName': { args: () => ['kafka-broker-config', 'knative-eventing'], use: (v, c) => broker(c, { config: v }), prop: 'config' },
  'ChannelTemplate.inMemory': { args: () => [], use: (v, c) => sequence(c, { channel: v }), prop: 'channel' },
  'ChannelTemplate.kafka': { args: () => [{ numPartitions: 3, replicationFactor: 3, retention: Duration.days(3) }], use: (v, c) => sequence(c, { channel: v }), prop: 'channel' },
  'SequenceStep.of': { args: (c) => [agent(c, 'extract'), { delivery: { retry: 5 } }], use: (v, c) => sequence(c, { steps: [v] }), prop: 'steps[0]' },
  'KafkaAuth.plain': { args: (c) => [{ secrets: kafkaSecrets(c), user: 'KAFKA_USER', password: 'KAFKA_PASSWORD' }], use: (v, c) => kafkaTrigger(c, v), prop: 'auth' },
  'KafkaAuth.scramSha256': { args: (c) => [{ secrets: kafkaSecrets(c), tls: { caCert: 'KAFKA_CA' } }], use: (v, c) => kafkaTrigger(c, v), prop: 'auth' },
  'KafkaAuth.scramSha512': { args: (c) => [{ secrets: kafkaSecrets(c), mechanism: 'KAFKA_SASL_MECHANISM', tls: { secrets: tlsSecrets(c) } }], use: (v, c) => kafkaTrigger(c, v), prop: 'auth' },
  'KafkaAuth.tls': { args: (c) => [{ secrets: kafkaSecrets(c), cert: 'KAFKA_TLS_CERT', key: 'KAFKA_TLS_KEY', caCert: 'KAFKA_CA' }], use: (v, c) => kafkaTrigger(c, v), prop: 'auth' },
  'WatchNamespaces.sourceNamespace': { args: () => [], use: (v, c) => apiServer(c, v), prop: 'namespaces' },
  'WatchNamespaces.all': { args: () => [], use: (v, c) => apiServer(c, v), prop: 'namespaces' },
  'WatchNamespaces.matching': { args: () => [{ matchLabels: { team: 'a' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }], use: (v, c) => apiServer(c, v), prop: 'namespaces' },
  'ScaleTrigger.kafka': { args: () => [KAFKA], use: (v, c) => worker(c, v), prop: 'triggers[0]' },
  'ScaleTrigger.prometheus': { args: () => [{ serverAddress: 'http://prometheus.monitoring:9090', query: 'sum(rate(x[1m]))', threshold: 10 }], use: (v, c) => worker(c, v), prop: 'triggers[0]' },
  'ScaleTrigger.cron': { args: () => [{ start: '0 8 * * *', end: '0 18 * * *', timezone: 'Europe/Paris', desiredReplicas: 3 }], use: (v, c) => worker(c, v), prop: 'triggers[0]' },
  'ScaleTrigger.rabbitmq': { args: () => [{ queueName: 'tasks', host: 'amqp://rabbit.data:5672/vhost', mode: lib.RabbitMQMode.QUEUE_LENGTH, value: 20 }], use: (v, c) => worker(c, v), prop: 'triggers[0]' },
  'ScaleTrigger.awsSqsQueue': { args: () => [{ queueURL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tasks', awsRegion: 'eu-west-1', queueLength: 5, useOperatorIdentity: true }], use: (v, c) => worker(c, v), prop: 'triggers[0]' },
  'ScaleTrigger.redisList': { args: () => [{ listName: 'tasks', addresses: ['redis.data:6379'], listLength: 5 }], use: (v, c) => worker(c, v), prop: 'triggers[0]' },
  'ScaleTrigger.temporal': { args: () => [{ endpoint: 'temporal.data:7233', taskQueue: 'agents', targetQueueSize: 5 }], use: (v, c) => worker(c, v), prop: 'triggers[0]' },
  'ScaleTrigger.cpu': { args: () => [{ utilization: 70 }], use: (v, c) => new AgentWorker(c, 'worker', { image: IMAGE, minReplicas: 1, triggers: [v] }), prop: 'triggers[0]' },
  'ScaleTrigger.memory': { args: () => [{ averageValue: '512Mi' }], use: (v, c) => new AgentWorker(c, 'worker', { image: IMAGE, minReplicas: 1, triggers: [v] }), prop: 'triggers[0]' },
  'ScaleTrigger.custom': { args: () => ['kafka', { bootstrapServers: 'kafka.data:9092', consumerGroup: 'g', topic: 't' }, { name: 'lag' }], use: (v, c) => worker(c, v), prop: 'triggers[0]' },
  // The generated TriggerAuthentication checks the parameters against the key map of the secrets, under its own prop `secrets`.
  'TriggerAuth.fromSecrets': { args: (c) => [kafkaSecrets(c), { username: 'KAFKA_USER', password: 'KAFKA_PASSWORD' }], use: (v, c) => worker(c, ScaleTrigger.kafka({ ...KAFKA, sasl: lib.KafkaSaslMechanism.SCRAM_SHA512, auth: v })), prop: ['triggers[0].auth', 'secrets'] },
  'TriggerAuth.fromPodIdentity': { args: () => [lib.PodIdentity.aws({ roleArn: 'arn:aws:iam::123456789012:role/keda' })], use: (v, c) => worker(c, ScaleTrigger.awsSqsQueue({ queueURL: 'https://sqs.eu-west-1.amazonaws.com/1/q', awsRegion: 'eu-west-1', auth: v })), prop: 'triggers[0].auth' },
  'TriggerAuth.fromAuthentication': { args: (c) => [new lib.AgentTriggerAuthentication(c, 'shared', { secrets: [{ secrets: kafkaSecrets(c), parameters: { username: 'KAFKA_USER', password: 'KAFKA_PASSWORD' } }] })], use: (v, c) => worker(c, ScaleTrigger.kafka({ ...KAFKA, sasl: lib.KafkaSaslMechanism.SCRAM_SHA512, auth: v })), prop: 'triggers[0].auth' },
  'TriggerAuth.fromTriggerAuthenticationName': { args: () => ['kafka-auth'], use: (v, c) => worker(c, ScaleTrigger.kafka({ ...KAFKA, auth: v })), prop: 'triggers[0].auth' },
  'TriggerAuth.fromClusterTriggerAuthenticationName': { args: () => ['kafka-auth'], use: (v, c) => worker(c, ScaleTrigger.kafka({ ...KAFKA, auth: v })), prop: 'triggers[0].auth' },
  'PodIdentity.aws': { args: () => [{ roleArn: 'arn:aws:iam::123456789012:role/keda', externalId: 'x', identityOwner: lib.IdentityOwner.KEDA }], use: (v, c) => new lib.AgentTriggerAuthentication(c, 'auth', { podIdentity: v }), prop: 'podIdentity' },
  'PodIdentity.gcp': { args: () => [], use: (v, c) => new lib.AgentTriggerAuthentication(c, 'auth', { podIdentity: v }), prop: 'podIdentity' },
  'PodIdentity.azureWorkload': { args: () => [{ identityId: 'id', tenantId: 'tenant', authorityHost: 'https://login.microsoftonline.com/' }], use: (v, c) => new lib.AgentTriggerAuthentication(c, 'auth', { podIdentity: v }), prop: 'podIdentity' },
  // Factories that make constructs: the value is used as a construct would be.
  'AgentSecrets.fromSecretName': { args: (c) => [c, 'model-api', 'model-api', { API_KEY: 'api-key' }], use: (v, c) => agent(c, 'reader', { secrets: [v] }), prop: 'secrets' },
  'AgentSecrets.sealed': { args: (c) => [c, 'sealed', { name: 'sealed', encryptedData: { API_KEY: `Ag${'B'.repeat(96)}==` }, scope: lib.SealingScope.STRICT }], use: (v, c) => agent(c, 'reader', { secrets: [v] }), prop: 'secrets' },
  'AgentSecrets.unsafePlaintext': { args: (c) => [c, 'plain', { name: 'plain', values: { API_KEY: 'not-secret' } }], use: (v, c) => agent(c, 'reader', { secrets: [v] }), prop: 'secrets' },
  // The name is also checked where a Trigger uses it (EVT-TRIGGER-010 on `broker`).
  'Broker.fromBrokerName': { args: (c) => [c, 'events', 'events', { namespace: 'agents' }], use: (v, c) => v.addTrigger('on-order', { subscriber: agent(c) }), prop: ['name', 'broker'] },
  'GitRef.branch': { args: () => ['main'], use: (v, c) => new lib.GitRepository(c, 'platform', { url: 'https://github.com/acme/platform.git', ref: v }), prop: 'ref' },
  'GitRef.tag': { args: () => ['v1.4.2'], use: (v, c) => new lib.GitRepository(c, 'platform', { url: 'https://github.com/acme/platform.git', ref: v }), prop: 'ref' },
  'GitRef.semver': { args: () => ['>=1.0.0 <2.0.0'], use: (v, c) => new lib.GitRepository(c, 'platform', { url: 'https://github.com/acme/platform.git', ref: v }), prop: 'ref' },
  'GitRef.reference': { args: () => ['refs/heads/main'], use: (v, c) => new lib.GitRepository(c, 'platform', { url: 'https://github.com/acme/platform.git', ref: v }), prop: 'ref' },
  'GitRef.commit': {
    args: () => ['0123456789abcdef0123456789abcdef01234567', { branch: 'main' }], use: (v, c) => new lib.GitRepository(c, 'platform', { url: 'https://github.com/acme/platform.git', ref: v }), prop: 'ref',
  },
  'GitRepository.fromGitRepositoryName': { args: () => ['flux-system', { namespace: 'flux-system' }], use: (v, c) => new lib.FluxKustomization(c, 'agents', { sourceRef: v }), prop: 'sourceRef' },
  'ImagePolicyChoice.semver': { args: () => ['>=1.0.0 <2.0.0'], use: (v, c) => new lib.ImagePolicy(c, 'policy', { imageRepository: { name: 'triage' }, policy: v }), prop: 'policy' },
  'ImagePolicyChoice.alphabetical': { args: () => [{ order: lib.ImagePolicyOrder.ASC }], use: (v, c) => new lib.ImagePolicy(c, 'policy', { imageRepository: { name: 'triage' }, policy: v }), prop: 'policy' },
  'ImagePolicyChoice.numerical': { args: () => [{ order: lib.ImagePolicyOrder.DESC }], use: (v, c) => new lib.ImagePolicy(c, 'policy', { imageRepository: { name: 'triage' }, policy: v }), prop: 'policy' },
  'FluxKustomization.fromKustomizationName': {
    args: () => ['infrastructure', { namespace: 'flux-system' }], use: (v, c) => new lib.FluxKustomization(c, 'agents', { sourceRef: gitRepo(c), dependsOn: [v] }), prop: 'dependsOn[0]',
  },
  'Invocation.webhook': { args: () => [{ timeout: Duration.seconds(20) }], use: (v, c) => agent(c, 'agent', { invocation: v }), prop: 'invocation' },
  'Invocation.stream': { args: () => [{ idle: Duration.seconds(30), responseStart: Duration.seconds(10), maxDuration: Duration.minutes(5) }], use: (v, c) => agent(c, 'agent', { invocation: v }), prop: 'invocation' },
  'AppValidation.of': { args: (c) => [c], use: () => undefined, prop: 'scope' },
  'IngressBackend.service': { args: () => ['webhook-github', 80], use: (v, c) => ingress(c, { routes: [lib.IngressRoute.prefix('/hooks', v)] }), prop: 'routes[0]' },
  'IngressBackend.serviceNamedPort': { args: () => ['webhook-github', 'http'], use: (v, c) => ingress(c, { routes: [lib.IngressRoute.prefix('/hooks', v)] }), prop: 'routes[0]' },
  'IngressRoute.prefix': { args: (c) => ['/api', alwaysOn(c)], use: (v, c) => ingress(c, { routes: [v] }), prop: 'routes[0]' },
  'IngressRoute.exact': { args: (c) => ['/health', alwaysOn(c)], use: (v, c) => ingress(c, { routes: [v] }), prop: 'routes[0]' },
  'IngressTls.secret': { args: () => ['ai-agents-tls'], use: (v, c) => ingress(c, { tls: v }), prop: 'tls' },
  'IngressTls.certManager': { args: () => [{ clusterIssuer: 'letsencrypt-prod', secretName: 'ai-agents-tls' }], use: (v, c) => ingress(c, { tls: v }), prop: 'tls' },
  'IngressTls.none': { args: () => [], use: (v, c) => ingress(c, { tls: v }).acknowledge('INGRESS-TLS-001', 'TLS ends at the load balancer'), prop: 'tls' },
  'IngressAuth.traefikForwardAuth': { args: () => ['authelia', 'authelia'], use: (v, c) => ingress(c, { auth: v }), prop: 'auth' },
  'IngressAuth.annotations': { args: () => [{ 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.com/api/verify' }], use: (v, c) => ingress(c, { auth: v }), prop: 'auth' },
  'AgentWorkspace.fromClaimName': {
    args: (c) => [c, 'models', 'models-cache'], use: (v, c) => new AgentWorker(c, 'reader', { image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)], volumes: [v.mount('/models')] }), prop: 'volumes',
  },
  // The repository's own config (jest runs from the repository root); a hostile path is a finding on `file`.
  'ClusterProfile.fromRepositoryConfig': { args: (c) => [c.node.root as Construct, 'cluster', 'cdk8s-agents.yaml'], use: () => undefined, prop: 'file' },
};

/** A public instance method: a valid instance (from a construct baseline or a factory) and valid arguments. */
interface MethodBaseline {
  readonly args: (chart: Chart) => unknown[];
  /** Finding props that name the argument (`env`, `addOverride(path)`). */
  readonly props: readonly string[];
}

const METHODS: Record<string, MethodBaseline> = {
  addOverride: { args: () => ['metadata.annotations.owner', 'team-a'], props: ['addOverride'] },
  acknowledge: { args: () => ['KSVC-SCALE-021', 'one request per pod by design'], props: ['acknowledge'] },
  addEnv: { args: () => ['EXTRA', 'value'], props: ['env', 'addEnv'] },
  addSecrets: { args: (c) => [AgentSecrets.fromSecretName(c, 'more', 'more', { MORE: 'more' })], props: ['secrets', 'addSecrets'] },
  addSecretEnv: { args: (c) => ['TOKEN', AgentSecrets.fromSecretName(c, 'jira', 'jira', { JIRA_TOKEN: 'token' }), 'JIRA_TOKEN'], props: ['secretEnv', 'addSecretEnv'] },
  addConfigMap: { args: (c) => [kplus.ConfigMap.fromConfigMapName(c, 'cm', 'agent-config')], props: ['configMaps', 'addConfigMap'] },
  addVolume: { args: (c) => [{ volume: kplus.Volume.fromConfigMap(c, 'vol', kplus.ConfigMap.fromConfigMapName(c, 'cm2', 'prompts')), path: '/prompts' }], props: ['volumes', 'addVolume'] },
  grant: { args: () => [['get', 'patch'], kplus.ApiResource.custom({ apiGroup: 'labrats.work', resourceType: 'inferencerequests' })], props: ['grant'] },
  grantRead: { args: () => [kplus.ApiResource.CONFIG_MAPS, { apiGroup: '', resourceType: 'secrets', resourceName: 'github-app' }], props: ['grantRead'] },
  grantCreateJobs: { args: () => [{ delete: true, readPods: true }], props: ['grantCreateJobs'] },
  grantClusterWide: { args: () => [['get', 'list'], kplus.ApiResource.NAMESPACES], props: ['grantClusterWide'] },
  bind: { args: (c) => [{ construct: c, ref: { apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', name: 'nightly' } }], props: ['bind'] },
  addTrigger: { args: (c) => ['on-order', { subscriber: agent(c, 'subscriber'), filter: { type: 'dev.acme.order.placed' } }], props: ['subscriber', 'filter', 'filters', 'delivery', 'name', 'props', 'addTrigger'] },
  addAgent: { args: (c) => [agent(c, 'second')], props: ['agents', 'addAgent'] },
  allow: { args: () => [Egress.namespace('data')], props: ['allow'] },
  allowIngress: { args: () => [lib.IngressFrom.namespace('github-ai-agents')], props: ['ingressFrom', 'allowIngress'] },
  publishTo: { args: (c) => [broker(c), { eventTypes: ['dev.acme.ticket.triaged'] }], props: ['sink', 'eventTypes', 'extensions', 'name', 'namespace', 'props', 'publishTo'] },
  feature: { args: () => ['podspecAffinity'], props: ['feature'] },
  eventingFeature: { args: () => ['authenticationOidc'], props: ['eventingFeature'] },
  optionOf: { args: () => ['lagThreshold'], props: ['optionOf'] },
  toDestination: { args: () => [], props: [] },
  traffic: { args: () => [], props: [] },
  mount: { args: () => ['/workspace', { readOnly: false, subPath: 'jobs' }], props: ['mount', 'volumes'] },
  report: { args: () => [], props: [] },
  synth: { args: () => [], props: [] },
  synthYaml: { args: () => [], props: [] },
  toString: { args: () => [], props: [] },
  useTool: { args: (c) => [new lib.McpServer(c, 'tool', { image: IMAGE, stateless: true })], props: ['useTool'] },
  grantUse: { args: (c) => [agent(c, 'user'), { envVar: 'TOOLS_URL' }], props: ['grantUse'] },
  calls: { args: (c) => [agent(c, 'callee'), { envVar: 'CALLEE' }], props: ['calls'] },
};

/** Exported classes that are not driven here, with why. */
const NOT_DRIVEN: Record<string, string> = {
  AgentValidationError: 'thrown by synth, not made by users',
  'AgentsValidation.validate': 'called by cdk8s-cli with its own context, never by an app',
  'AgentApp.addImagePolicy': 'needs an app with `kustomization: true` (the AgentApp baseline writes none); its argument checks are in test/gitops/image-automation.test.ts',
  'Invocation.longTask': 'takes no argument; its one use is to be refused on a Knative Service (KSVC-SPEC-006, test/serving/invocation.cases.ts)',
};

// ---------------------------------------------------------------------------
// Positions: where a hostile value goes.

interface Position {
  /** Human name: `props.scaling.target`, `arg sink`, `options.delivery`. */
  readonly label: string;
  /** Replaces the value at the position. */
  readonly put: (args: unknown[], value: unknown) => unknown[];
  /** The value there in the baseline (undefined: none). */
  readonly base: (args: unknown[]) => unknown;
  readonly required: boolean;
  /** Prop path relative to the props object (for constructors), or the argument's name. */
  readonly path: string;
  /** The kind of value the declared type is, for `string`, `number` and `boolean` (see kindOf). @default - none */
  readonly declaredKind?: string;
}

const KEYWORD_KINDS: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.StringKeyword]: 'string', [ts.SyntaxKind.NumberKeyword]: 'number', [ts.SyntaxKind.BooleanKeyword]: 'boolean',
};

function setIn(root: unknown, keys: readonly (string | number)[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const [k, ...rest] = keys;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  copy[k] = setIn(copy[k], rest, value);
  if (value === undefined && rest.length === 0 && !Array.isArray(copy)) delete copy[k];
  return copy;
}

function getIn(root: unknown, keys: readonly (string | number)[]): unknown {
  return keys.reduce<any>((x, k) => (x === null || x === undefined ? undefined : x[k]), root);
}

/** Positions of an argument list: each argument, and inside each argument typed by a lib interface, each prop (two levels deep), and element 0 of arrays. */
function positionsOf(params: readonly Param[], args: unknown[]): Position[] {
  const out: Position[] = [];
  const visit = (index: number, keys: (string | number)[], type: ts.TypeNode | undefined, required: boolean, label: string, depth: number) => {
    out.push({
      label, required, path: keys.length === 0 ? params[index].name : keys.join('.').replace(/\.(\d+)/g, '[$1]'), declaredKind: type && KEYWORD_KINDS[type.kind],
      put: (a, v) => { const copy = [...a]; copy[index] = setIn(copy[index], keys, v); return copy; },
      base: (a) => getIn(a[index], keys),
    });
    if (depth >= 3) return;
    const value = getIn(args[index], keys);
    const element = elementOf(type);
    if (element && Array.isArray(value) && value.length > 0) visit(index, [...keys, 0], element, true, `${label}[0]`, depth + 1);
    // Interfaces constructs implement (ISink, IAgentSecrets, ...) are passed as constructs, not written as literals.
    const implemented = type && ts.isTypeReferenceNode(type) && /^I[A-Z]/.test(type.typeName.getText());
    const props = implemented ? undefined : propsOf(type);
    if (props && (value === undefined || kindOf(value) === 'plain')) {
      for (const p of props) visit(index, [...keys, p.name], p.type, !p.optional && value !== undefined, `${label}.${p.name}`, depth + 1);
    }
  };
  params.forEach((p, i) => {
    if (p.rest) {
      out.push({ label: `...${p.name}[0]`, required: false, path: p.name, put: (a, v) => { const copy = [...a]; copy[i] = v; return copy; }, base: (a) => a[i] });
    } else {
      visit(i, [], p.type, !p.optional, p.name, 0);
    }
  });
  return out;
}

// ---------------------------------------------------------------------------
// Targets

interface Target {
  readonly name: string;
  readonly kind: 'constructor' | 'factory' | 'method';
  readonly positions: readonly Position[];
  /** Builds with the arguments given. */
  readonly build: (args: unknown[]) => Build;
  /** Valid arguments, made in the chart the build runs in. */
  readonly args: (chart: Chart) => unknown[];
  /** Finding props naming a position. */
  readonly props: (p: Position) => string[];
  /** What an Error about a position must name. */
  readonly names: (p: Position) => { all: string[]; any: string[] };
}

const targets: Target[] = [];
const missing: string[] = [];
const argName = (p: Position) => p.label.split(/[.[]/)[0].replace(/^\.\.\./, '');

/** Makes a construct from its baseline, with other arguments when given. */
function construct(exported: string, chart: Chart, args?: unknown[]): any {
  const base = CONSTRUCTS[exported];
  base.setup?.(chart);
  const made = new (lib as any)[exported](...(args ?? constructorArgs(exported, chart)));
  base.use?.(made, chart);
  return made;
}

function constructorArgs(exported: string, c: Chart): unknown[] {
  const base = CONSTRUCTS[exported];
  if (base.args) return base.args(c);
  return [base.scope ? base.scope(c) : c, exported === 'ClusterProfile' ? 'cluster' : 'made', base.props(c)];
}

for (const { exported, cls, info } of EXPORTED_CLASSES) {
  if (NOT_DRIVEN[exported]) continue;
  const isConstruct = cls.prototype instanceof Construct;
  const ctor = ctorOf(info.name);
  if (isConstruct && !info.abstract && ctor) {
    if (!CONSTRUCTS[exported]) {
      missing.push(`new ${exported}(...)`);
    } else {
      targets.push({
        name: `new ${exported}`,
        kind: 'constructor',
        positions: positionsOf(ctor, constructorArgs(exported, newChart())),
        args: (c) => constructorArgs(exported, c),
        build: (args) => (c) => exerciseInstance(construct(exported, c, args), exported),
        props: (p) => (p.path === 'scope' || p.path === 'id' || p.label === 'props' ? [] : [p.label.replace(/^props\./, '')]),
        names: (p) => ({ all: [argName(p)], any: [exported] }),
      });
    }
  } else if (!isConstruct && ctor && !info.abstract) {
    // A plain class with a public constructor (the cdk8s validation plugin; AgentEnvironments, from its baseline).
    const args = (c: Chart) => CONSTRUCTS[exported]?.args?.(c) ?? [{}];
    targets.push({
      name: `new ${exported}`,
      kind: 'constructor',
      positions: positionsOf(ctor, args(newChart())),
      args,
      build: (args) => () => void new (cls as any)(...args),
      props: () => [],
      names: () => ({ all: [], any: [exported] }),
    });
  }
  for (const m of membersOf(info.name)) {
    const key = `${exported}.${m.name}`;
    if (NOT_DRIVEN[key] || m.kind !== 'static') continue;
    const f = FACTORIES[key];
    if (!f) { missing.push(key); continue; }
    targets.push({
      name: `${key}()`,
      kind: 'factory',
      positions: positionsOf(m.params, f.args(newChart())),
      args: f.args,
      build: (args) => (c) => f.use((cls as any)[m.name](...args), c),
      props: (p) => [...[f.prop].flat(), p.path],
      names: (p) => ({ all: [argName(p)], any: [key] }),
    });
  }
}

/** An instance to call methods on, from the class's construct baseline or its first factory. */
function instancesFor(exported: string): ((c: Chart) => any) | undefined {
  if (CONSTRUCTS[exported]) return (c) => construct(exported, c);
  const factory = Object.keys(FACTORIES).find((k) => k.startsWith(`${exported}.`));
  if (!factory) return undefined;
  const f = FACTORIES[factory];
  return (c) => {
    const v = (lib as any)[exported][factory.split('.')[1]](...f.args(c));
    f.use(v, c);
    return v;
  };
}

for (const { exported, info } of EXPORTED_CLASSES) {
  if (NOT_DRIVEN[exported]) continue;
  const make = instancesFor(exported);
  for (const m of membersOf(info.name).filter((x) => x.kind === 'method')) {
    const key = `${exported}.${m.name}`;
    if (NOT_DRIVEN[key]) continue;
    const b = METHODS[m.name];
    if (!b || !make) { missing.push(`${key}()`); continue; }
    targets.push({
      name: `${key}()`,
      kind: 'method',
      positions: positionsOf(m.params, b.args(newChart())),
      args: b.args,
      build: (args) => (c) => void make(c)[m.name](...args),
      props: () => [...b.props],
      // A method may create a construct (`addTrigger`: a Trigger), whose own checks then name it.
      names: (p) => ({ all: [argName(p)], any: [m.name, ...EXPORTED_CLASSES.map((x) => x.exported)] }),
    });
  }
}

/** Getters and argument-free methods of an instance made from hostile props must not throw either. */
function exerciseInstance(made: any, exported: string): void {
  for (const m of membersOf(classes.get((lib as any)[exported].name)!.name)) {
    if (m.name === 'synth') continue; // writes files: run by its own target only
    if (m.kind === 'getter') void made[m.name];
    else if (m.kind === 'method' && m.params.length === 0) made[m.name]();
  }
}

/** Hostile values every position gets; the rest of HOSTILE, and ARBITRARY, are sampled (all of them with HOSTILE_INPUT_FULL=1). */
const FULL = process.env.HOSTILE_INPUT_FULL === '1';
const EVERY_POSITION: readonly unknown[] = [undefined, null];
/**
 * Values a position takes by design, with why. `addOverride` is the escape hatch: it writes any JSON value;
 * the API server drops a null (the engine treats it as absent), the test schemas reject it.
 */
const SKIP: Record<string, (value: unknown) => boolean> = {
  'addOverride() value': (v) => v === null || (typeof v === 'object' && v !== null && JSON.stringify(v).includes('null')),
};

/** Positions where another value rightly changes what renders, so the baseline's output is not compared: another override path writes elsewhere. */
const NO_BASELINE_COMPARE = new Set(['addOverride() path']);

/** A value of another kind than the baseline's. */
const otherKindThan = (base: unknown): unknown => (typeof base === 'string' ? 42 : 'not-the-type');

// ---------------------------------------------------------------------------

let totalRuns = 0;

describe('hostile input, as a class', () => {
  afterAll(() => {
    fs.rmSync(OUTDIR, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    console.log(`hostile-input: ${totalRuns} runs over ${targets.length} targets, ${targets.reduce((n, t) => n + t.positions.length, 0)} positions (seed ${SEED}${FULL ? ', full' : ''})`);
  });

  test('every public constructor, factory and method of the exported classes has a driver here', () => {
    expect(missing).toEqual([]);
  });

  test.each(targets.map((t) => [t.name, t] as const))('%s', (_, target) => {
    const failures: string[] = [];
    const baseline = run((c) => target.build(target.args(c))(c));
    expect(problemOf(baseline, { props: [], names: { all: [], any: [] }, required: false })).toBeUndefined();
    expect(baseline.kind).toBe('valid');

    const check = (p: Position, value: unknown) => {
      totalRuns++;
      let baseValue: unknown;
      const o = run((c) => {
        const args = target.args(c);
        baseValue = p.base(args);
        target.build(p.put(args, value))(c);
      });
      // Leaving out an optional value is no hostile input: defaults apply (and a method given undefined may do nothing).
      const otherKind = baseValue !== undefined && !(value === undefined && (!p.required || target.kind === 'method')) && kindOf(value) !== kindOf(baseValue);
      // A method may accept anything for an argument and do nothing with it (a query, a no-op); constructors and factories must not lose a required value.
      const required = target.kind !== 'method' && p.required && (value === undefined || value === null);
      // An options object with a key too many: the finding names that key. An optional value left out may
      // make another prop wrong (a revisionName that no longer starts with the default name): any prop then.
      // A value of the baseline's kind may be valid and make another prop wrong (allowContainerConcurrencyZero: false): any prop then too.
      const anyProp = (value === undefined && !p.required) || kindOf(value) === (baseValue !== undefined ? kindOf(baseValue) : p.declaredKind);
      const props = anyProp ? [] : isRecordWith(value, 'unexpectedKey') ? [...target.props(p), 'unexpectedKey', `${p.path}.unexpectedKey`] : target.props(p);
      const compare = otherKind && !NO_BASELINE_COMPARE.has(`${target.name.replace(/^.*\./, '')} ${p.label}`);
      const problem = problemOf(o, { props, names: target.names(p), required, baseline: compare ? baseline.docs : undefined });
      if (problem) failures.push(`${target.name} ${p.label} = ${describeValue(value)}: ${problem}`);
    };
    const baseArgs = target.args(newChart());
    const skip = (p: Position, value: unknown) => SKIP[`${target.name.replace(/^.*\./, '')} ${p.label}`]?.(value) === true;
    for (const p of target.positions) {
      const base = p.base(baseArgs);
      for (const value of [...(FULL ? [...HOSTILE, otherKindThan(base)] : EVERY_POSITION), ...variantsOf(base)]) if (!skip(p, value)) check(p, value);
    }
    if (target.positions.length > 0) {
      fc.assert(fc.property(fc.integer({ min: 0, max: target.positions.length - 1 }), ARBITRARY, (i, value) => {
        if (!skip(target.positions[i], value)) check(target.positions[i], value);
        return true;
      }), { numRuns: FULL ? RUNS_PER_TARGET * 4 : RUNS_PER_TARGET });
    }
    expect([...new Set(failures)].slice(0, 25)).toEqual([]);
  });
});

function isRecordWith(v: unknown, key: string): boolean {
  return v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, key);
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? `${v.slice(0, 27)}...` : v);
  if (typeof v === 'symbol' || typeof v === 'bigint' || typeof v === 'function') return `${typeof v} ${String(v).slice(0, 30)}`;
  try {
    return JSON.stringify(v)?.slice(0, 60) ?? String(v);
  } catch {
    return String(v);
  }
}

