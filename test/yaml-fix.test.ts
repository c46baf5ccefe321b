// Fixes in the terms of who reads them: a finding on an object of one of the
// library's constructs tells the construct fix (props); a finding on
// hand-written YAML (`check`, plain ApiObjects, Include'd YAML) tells the
// rule's yamlFix (manifest fields, annotations, labels, values).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { runCheck } from '../lib/cli/check';
import { Located, ManifestValidator, validateObjects, ValidatorRegistry } from '../lib/engine/engine';
import { Rule } from '../lib/engine/rule';
import { DEFAULT_SETTINGS } from '../lib/settings/settings';
import { RULE_CATALOGUE } from '../lib/validation';
import { manifestErrors, synthErrors } from './support/rule-cases';
import { agent, IMAGE } from './serving/fixtures';

/** A fix that names construct APIs: prop paths, factories, enum members, construct classes, the profile, acknowledge(). */
const CONSTRUCT_API: readonly RegExp[] = [
  /`[a-z][A-Za-z]*\.[a-z][A-Za-z.]*[`:]/, // `scaling.maxScale` (also matches manifest paths: see FIX_SPEAKS_MANIFEST)
  /\b[A-Z][A-Za-z]+\.[A-Za-z0-9_]+\b/, // Sink.ref, Duration.seconds, ScalingClass.KPA
  /\bnew [A-Z]/,
  /\bprops?\b/,
  /construct/i,
  /ClusterProfile/,
  /\backnowledg/,
  /\bpass\b/,
  /\b(AgentSecrets|AgentKnativeService|AgentWorker|AgentTriggerAuthentication|ApiServerTrigger|KafkaTrigger|EgressPolicy|ISink|IAgentWorkload|KafkaAuth|ScaleTrigger|TriggerAuth|Probe options|Chart)\b/,
];

/** What no yamlFix may say: only constructs have these. */
const CONSTRUCT_ONLY_API: readonly RegExp[] = [
  /\bnew [A-Z]/,
  /\b[A-Z][A-Za-z]+\.[a-z]\w*\(/, // factories: Sink.ref(...), Duration.seconds(...)
  /\b[A-Z][a-z]+[A-Z][A-Za-z]*\.[A-Z][A-Z0-9_]+\b/, // enum members: ScalingClass.KPA
  /\bprops?\b/,
  /\bconstruct/i,
  /ClusterProfile|AgentSecrets|AgentKnativeService|AgentWorker|TriggerAuth\b|KafkaAuth|\.acknowledge\(/,
];

/**
 * Rules reported only about construct props or the profile: they never fire on
 * YAML, so they need no yamlFix.
 */
const CONSTRUCT_ONLY = new Set([
  'ENGINE-002', 'PROPS-001', 'PROPS-002', 'ACK-001', 'ACK-002', 'PROFILE-001', 'PROFILE-002', 'PROFILE-004',
  'KSVC-SCALE-022', 'KSVC-SPEC-005', 'KSVC-SPEC-006', 'KSVC-ROLLOUT-001', 'KSVC-ROLLOUT-002', 'KSVC-VOL-008', 'KEDA-POD-001', 'KEDA-POD-002', 'KEDA-AUTH-006', 'SECRET-002', 'SECRET-003', 'SECRET-005',
  'EVT-KAFKA-013', 'EVT-APISERVER-010', 'GRANT-001', 'GRANT-002', 'FLUXIMG-008',
  'NET-EGRESS-001', 'NET-EGRESS-002', 'NET-EGRESS-003', 'NET-EGRESS-004', 'NET-EGRESS-005', 'NET-EGRESS-006', 'NET-EGRESS-007', 'NET-EGRESS-008', 'NET-EGRESS-009',
]);

/** Fixes the heuristic flags that already speak manifest (`metadata.name`, `spec.broker`). */
const FIX_SPEAKS_MANIFEST = new Set(['ENGINE-003', 'EVT-TRIGGER-002', 'EVT-TRIGGER-009', 'EVT-DELIVERY-001', 'DEPLOY-001', 'DEPLOY-002']);

const speaksConstruct = (fix: string) => CONSTRUCT_API.some((re) => re.test(fix));

describe('yamlFix in the catalogue', () => {
  test('every rule whose fix names construct APIs has a yamlFix, unless it never fires on YAML', () => {
    const missing = RULE_CATALOGUE.filter((r) => speaksConstruct(r.fix) && !r.yamlFix && !CONSTRUCT_ONLY.has(r.id) && !FIX_SPEAKS_MANIFEST.has(r.id)).map((r) => `${r.id}: ${r.fix}`);
    expect(missing).toEqual([]);
  });

  test('the allow-lists name rules of the catalogue (flagged ones, for fixes that speak manifest), which have no yamlFix', () => {
    const byId = new Map(RULE_CATALOGUE.map((r) => [r.id, r]));
    expect([...CONSTRUCT_ONLY].filter((id) => !byId.has(id))).toEqual([]);
    expect([...FIX_SPEAKS_MANIFEST].filter((id) => !byId.has(id) || !speaksConstruct(byId.get(id)!.fix))).toEqual([]);
    expect([...CONSTRUCT_ONLY, ...FIX_SPEAKS_MANIFEST].filter((id) => byId.get(id)?.yamlFix !== undefined)).toEqual([]);
  });

  test('no yamlFix names a construct API, and each differs from its fix', () => {
    const wrong = RULE_CATALOGUE.filter((r) => r.yamlFix !== undefined && (CONSTRUCT_ONLY_API.some((re) => re.test(r.yamlFix!)) || r.yamlFix.trim() === '' || r.yamlFix === r.fix));
    expect(wrong.map((r) => `${r.id}: ${r.yamlFix}`)).toEqual([]);
  });

  test('acknowledging in YAML points to the repository config', () => {
    const acks = RULE_CATALOGUE.filter((r) => r.yamlFix && /acknowledg/.test(r.yamlFix));
    expect(acks.length).toBeGreaterThan(0);
    for (const r of acks) expect(r.yamlFix).toMatch(/in cdk8s-agents\.yaml \(`acknowledgements: \[\{ object: [^/]+\/<namespace>\/<name>, rule: <rule id>, reason: \.\.\. \}\]`\)/);
  });
});

describe('which fix the engine tells', () => {
  const rule = (yamlFix?: string): Rule => ({ id: 'TEST-001', title: 't', why: 'w', fix: 'rule fix', yamlFix, upstream: 'u', effect: 'reject' });
  const fixesOf = (r: Rule, report: { fix?: string; yamlFix?: string }) => {
    const validator: ManifestValidator = {
      apiVersion: 'v1', kind: 'Thing', rules: [r],
      validate: (_o, _ctx, out) => out.add(r, 'spec.x', 1, undefined, report.fix, report.yamlFix),
    };
    const registry = new ValidatorRegistry([{ validators: [validator] }]);
    const object = { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'a' } };
    const at = (propOf?: Located['propOf']): Located => ({ object, where: 'w', propOf });
    const fixOf = (l: Located) => validateObjects([l], DEFAULT_SETTINGS, registry).findings.map((f) => f.fix);
    return { construct: fixOf(at(() => 'x')), yaml: fixOf(at()) };
  };

  test.each([
    ['the rule\'s fixes', rule('rule yaml fix'), {}, 'rule fix', 'rule yaml fix'],
    ['the rule\'s fix when it has no yamlFix', rule(), {}, 'rule fix', 'rule fix'],
    ['a specific fix over the rule\'s yamlFix', rule('rule yaml fix'), { fix: 'specific' }, 'specific', 'specific'],
    ['a specific yamlFix in YAML only', rule('rule yaml fix'), { fix: 'specific', yamlFix: 'specific yaml' }, 'specific', 'specific yaml'],
  ])('%s', (_, r, report, construct, yaml) => {
    expect(fixesOf(r, report)).toEqual({ construct: [construct], yaml: [yaml] });
  });
});

const ksvc = (annotations: Record<string, string>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Service',
  metadata: { name: 'jira-triage', namespace: 'agents' },
  spec: { template: { metadata: { annotations }, spec: { containers: [{ image: IMAGE }], ...spec } } },
});

const MAX_BELOW_MIN = { 'autoscaling.knative.dev/min-scale': '5', 'autoscaling.knative.dev/max-scale': '2' };
const CONSTRUCT_FIX = 'Fix: raise `scaling.maxScale` to at least `scaling.minScale`, or lower `minScale`';
const YAML_FIX = 'Fix: raise the `autoscaling.knative.dev/max-scale` annotation of the revision template to at least `min-scale`, or lower `min-scale`';

describe('the fix a finding tells', () => {
  test('hand-written YAML gets the manifest fix', () => {
    const lines = manifestErrors([ksvc(MAX_BELOW_MIN)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[KSVC-SCALE-006]');
    expect(lines[0].endsWith(YAML_FIX)).toBe(true);
  });

  test('the same rule at synth, on a construct, gets the construct fix', () => {
    const lines = synthErrors((c) => agent(c, { scaling: { minScale: 5, maxScale: 2 } }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[KSVC-SCALE-006]');
    expect(lines[0].endsWith(CONSTRUCT_FIX)).toBe(true);
  });

  test('a plain ApiObject at synth has no props: it gets the manifest fix', () => {
    const lines = synthErrors((c) => {
      const { apiVersion, kind, metadata, spec } = ksvc(MAX_BELOW_MIN);
      new ApiObject(c, 'raw', { apiVersion, kind, metadata: { name: metadata.name }, spec });
    });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith(YAML_FIX)).toBe(true);
  });

  test('a specific fix a validator gives in construct terms has its manifest form (KEDA-APP-004)', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker', namespace: 'agents' },
      spec: { selector: { matchLabels: { app: 'worker' } }, template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [{ name: 'worker', image: IMAGE }] } } } };
    const so = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'worker', namespace: 'agents' },
      spec: { scaleTargetRef: { name: 'worker' }, triggers: [{ type: 'kafka', metadata: { bootstrapServers: 'kafka:9092', consumerGroup: 'g', topic: 't', lagThreshold: '10' }, authenticationRef: { name: 'kafka-auth' } }] } };
    const line = manifestErrors([deployment, so]).find((l) => l.includes('[KEDA-APP-004]'));
    expect(line).toBeDefined();
    expect(line).not.toContain('TriggerAuth.from');
    expect(line).toContain('Fix: create it, or declare it external: annotation agents.cdk8s.io/external-refs: "TriggerAuthentication/kafka-auth" on the ScaledObject (or list it under `provided` in cdk8s-agents.yaml)');
  });
});

describe('check prints the manifest fix, and its acknowledgement advice works', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-fix-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (...argv: string[]) => {
    const out: string[] = [];
    const code = runCheck(argv, { stdout: (s) => out.push(s), stderr: (s) => out.push(s), cwd: dir });
    return { code, lines: out.join('').split('\n').filter((l) => l !== '') };
  };
  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
  const ksvcYaml = (annotations: string, spec = '') => [
    'apiVersion: serving.knative.dev/v1', 'kind: Service', 'metadata: { name: jira-triage, namespace: agents }', 'spec:', '  template:',
    '    metadata:', `      annotations: { ${annotations} }`, '    spec:', spec ? `      ${spec}` : '', `      containers: [{ image: "${IMAGE}" }]`, '',
  ].filter((l, i, all) => l !== '' || i === all.length - 1).join('\n');

  test('an error on a hand-written Service tells the annotation to change', () => {
    write('service.yaml', ksvcYaml('autoscaling.knative.dev/min-scale: "5", autoscaling.knative.dev/max-scale: "2"'));
    const { code, lines } = run('service.yaml');
    expect(code).toBe(1);
    const found = lines.filter((l) => l.includes('[KSVC-SCALE-006]'));
    expect(found).toHaveLength(1);
    expect(found[0].endsWith(YAML_FIX)).toBe(true);
  });

  test('a warning tells how to acknowledge it in cdk8s-agents.yaml, and doing so acknowledges it', () => {
    write('service.yaml', ksvcYaml('autoscaling.knative.dev/target: "5"', 'containerConcurrency: 1'));
    const before = run('service.yaml').lines.filter((l) => l.includes('[KSVC-SCALE-021]'));
    expect(before).toHaveLength(1);
    expect(before[0]).toMatch(/^service.yaml:7:22: warning \[KSVC-SCALE-021\] /);
    expect(before[0]).toContain('acknowledge it in cdk8s-agents.yaml (`acknowledgements: [{ object: Service/<namespace>/<name>, rule: <rule id>, reason: ... }]`)');
    write('cdk8s-agents.yaml', 'acknowledgements:\n  - { object: Service/agents/jira-triage, rule: KSVC-SCALE-021, reason: one ticket per pod by design }\n');
    const after = run('service.yaml').lines;
    expect(after.filter((l) => /^warning \[KSVC-SCALE-021\]/.test(l))).toEqual([]);
    expect(after.some((l) => l.includes('KSVC-SCALE-021') && l.includes('one ticket per pod by design'))).toBe(true);
  });
});
