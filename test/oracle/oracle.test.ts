// The oracle (test/oracle, the upstream webhooks' Go code) and the harness's
// bookkeeping. Without `go` on PATH the oracle tests are skipped, saying so:
// a clone without Go still passes `npm test`.
import { spawnSync } from 'child_process';
import { RULE_CATALOGUE } from '../../lib/validation';
import { buildOracle, categoryOf, Disagreement, explain, Oracle, oracleModules, runOracle } from '../../scripts/oracle';
import { KNOWN_DIVERGENCES } from '../../scripts/oracle-divergences';

describe('the harness', () => {
  test('every known divergence gives its reason', () => {
    for (const k of KNOWN_DIVERGENCES) expect(k.reason.length).toBeGreaterThan(20);
  });

  test('a rule stricter than upstream is a reject rule, and counted apart', () => {
    const stricter = RULE_CATALOGUE.filter((r) => r.stricter !== undefined);
    expect(stricter.length).toBeGreaterThan(0);
    for (const r of stricter) {
      expect(r.effect).toBe('reject');
      expect(categoryOf(r)).toBe('apart');
    }
    expect(categoryOf(RULE_CATALOGUE.find((r) => r.id === 'KSVC-CTR-015')!)).toBe('reject');
    expect(categoryOf(RULE_CATALOGUE.find((r) => r.id === 'KSVC-CTR-010')!)).toBe('apart');
  });

  test('a disagreement is explained only by a divergence of its kind and side', () => {
    const d: Disagreement = {
      kind: 'sinks.knative.dev/v1alpha1/JobSink', how: 'test', side: 'library-only', oracle: [],
      library: ['[EVT-JOBSINK-004] spec.job.spec.template.spec.containers: the JobSink Job\'s pod template needs at least one container'],
    };
    expect(explain(d)).toBeDefined();
    expect(explain({ ...d, kind: 'flows.knative.dev/v1/Sequence' })).toBeUndefined();
    expect(explain({ ...d, side: 'oracle-only' })).toBeUndefined();
  });
});

// Building the oracle from cold Go caches takes minutes (about 11 on two busy cores): `npm test` leaves
// it to .ci/run, which runs these tests with CDK8S_AGENTS_ORACLE=1 after the harness has built it.
const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
const wanted = process.env.CDK8S_AGENTS_ORACLE === '1';
if (!hasGo) console.log('oracle tests skipped: `go` is not on PATH (the oracle is the upstream webhooks\' Go code; see README "The oracle")');
else if (!wanted) console.log('oracle tests skipped: set CDK8S_AGENTS_ORACLE=1 to build and run the oracle (.ci/run does, after `npm run oracle`)');

(hasGo && wanted ? describe : describe.skip)('the oracle', () => {
  let oracle: Oracle;
  // The first build fetches the modules and compiles Knative, KEDA and the apiextensions-apiserver (minutes); later ones are cached.
  beforeAll(() => {
    oracle = buildOracle('1.22')!;
  }, 30 * 60 * 1000);

  const ksvc = (containerConcurrency: unknown) => ({
    apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage', namespace: 'agents' },
    spec: { template: { spec: { containerConcurrency, containers: [{ image: 'ghcr.io/acme/triage:1.0.0' }] } } },
  });

  test('one verdict per object, with the fields of the contract', () => {
    const verdicts = runOracle(oracle, [
      ksvc(10),
      ksvc(-1),
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'w', namespace: 'agents' }, spec: { scaleTargetRef: { name: 'w' }, minReplicaCount: 5, maxReplicaCount: 2, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '50' } }] } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } },
      { apiVersion: 'sources.knative.dev/v1beta1', kind: 'KafkaSource', metadata: { name: 'k', namespace: 'agents' }, spec: { bootstrapServers: ['kafka:9092'], topics: ['t'], sink: { uri: 'http://x' } } },
      { apiVersion: 'flows.knative.dev/v1', kind: 'Sequence', metadata: { name: 'Not_A_Name', namespace: 'agents' }, spec: { steps: [{ uri: 'http://x' }] } },
    ]);
    expect(verdicts.map((v) => [v.doc, v.kind, v.name, v.verdict])).toEqual([
      [0, 'Service', 'triage', 'accepted'],
      [1, 'Service', 'triage', 'rejected'],
      [2, 'ScaledObject', 'w', 'rejected'],
      [3, 'Deployment', 'd', 'unsupported'],
      [4, 'KafkaSource', 'k', 'accepted'],
      [5, 'Sequence', 'Not_A_Name', 'rejected'],
    ]);
    expect(verdicts[1].errors).toContainEqual(expect.stringContaining('spec.template.spec.containerConcurrency'));
    expect(verdicts[2].errors).toEqual(['MinReplicaCount=5 must be less than MaxReplicaCount=2']);
    expect(verdicts[2].notRun).toContainEqual(expect.stringContaining('verifyCPUMemoryScalers'));
    expect(verdicts[4].partial).toMatch(/eventing-kafka-broker/);
    expect(verdicts[5].errors).toContainEqual(expect.stringMatching(/^metadata\.name: Invalid value/));
  });

  test('the create path in upstream\'s order: generateName named before validation, labels the defaulting webhook sets validated after it', () => {
    const [generated, trigger] = runOracle(oracle, [
      { apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', metadata: { generateName: 'tick-', namespace: 'agents' }, spec: { schedule: '* * * * *', sink: { uri: 'http://x.agents.svc' } } },
      { apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', metadata: { name: 't', namespace: 'agents' }, spec: { broker: 'Not_A_Label!', subscriber: { uri: 'http://x.agents.svc' } } },
    ]);
    expect(generated.verdict).toBe('accepted');
    expect(trigger.errors).toContainEqual(expect.stringMatching(/^metadata\.labels: Invalid value: "Not_A_Label!"/));
    expect(oracleModules(oracle)).toContain('knative.dev/serving v0.49.1');
  });
});
