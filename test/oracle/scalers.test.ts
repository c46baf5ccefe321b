// The scalers oracle (test/oracle/scalers: KEDA's own metadata parsers) and
// the harness's comparison with the library's KEDA-TRIGGER-* checks. Without
// `go` on PATH, or without CDK8S_AGENTS_ORACLE=1, the oracle tests are
// skipped, saying so: a clone without Go still passes `npm test`.
import { spawnSync } from 'child_process';
import { baseGroup, buildScalersOracle, explainScaler, libraryTriggerErrors, runScalersOracle, ScalerDisagreement } from '../../scripts/oracle-scalers';
import { SCALER_DIVERGENCES } from '../../scripts/oracle-divergences';
import { SCALER_PARAMS } from '../../lib/workers/scalers.generated';

const so = (...triggers: Record<string, unknown>[]) => ({
  apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'worker', namespace: 'agents' }, spec: { scaleTargetRef: { name: 'worker' }, triggers },
});
const KAFKA = { bootstrapServers: 'kafka.data:9092', consumerGroup: 'workers', topic: 'tasks' };

describe('the scalers harness', () => {
  test('every scaler divergence gives its reason', () => {
    for (const k of SCALER_DIVERGENCES) expect(k.reason.length).toBeGreaterThan(20);
  });

  test('a disagreement is explained only by a divergence of its type, kind and side', () => {
    const d: ScalerDisagreement = {
      type: 'cron', kind: 'ScaledObject', how: 'test', side: 'library-only', oracle: [],
      library: ['[KEDA-TRIGGER-008] spec.triggers[0].metadata.timezone: cron scaler: unknown time zone ("unable to load timezone")'],
    };
    expect(explainScaler(d)).toBeDefined();
    expect(explainScaler({ ...d, type: 'kafka' })).toBeUndefined();
    expect(explainScaler({ ...d, side: 'oracle-only' })).toBeUndefined();
  });

  test('only runtime rules are compared: an ignored key is an error counted apart', () => {
    const [errors] = libraryTriggerErrors([so({ type: 'kafka', metadata: { ...KAFKA, lagTreshold: '5', lagThreshold: 'ten' } })], 1);
    expect(errors.compared).toEqual([expect.stringMatching(/^\[KEDA-TRIGGER-003\] spec\.triggers\[0\]\.metadata\.lagThreshold: /)]);
    expect(errors.apart).toEqual([expect.stringMatching(/^\[KEDA-TRIGGER-005\] spec\.triggers\[0\]\.metadata\.lagTreshold: /)]);
  });

  test('the base trigger of every scaler type passes the library', () => {
    for (const type of Object.keys(SCALER_PARAMS)) {
      const group = baseGroup(type);
      expect([type, libraryTriggerErrors(group.objects, 1)[0].compared]).toEqual([type, []]);
    }
  });
});

// Building the scalers oracle from cold Go caches compiles KEDA's scalers and every SDK they import (the longest
// of the oracle builds): `npm test` runs it only with CDK8S_AGENTS_ORACLE=1, after `npm run oracle -- --scalers` has built it.
const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
const wanted = process.env.CDK8S_AGENTS_ORACLE === '1';
if (!hasGo) console.log('scalers oracle tests skipped: `go` is not on PATH (the oracle is KEDA\'s Go code; see README "The oracle")');
else if (!wanted) console.log('scalers oracle tests skipped: set CDK8S_AGENTS_ORACLE=1 to build and run the scalers oracle');

(hasGo && wanted ? describe : describe.skip)('the scalers oracle', () => {
  let bin: string;
  beforeAll(() => {
    bin = buildScalersOracle()!;
  }, 60 * 60 * 1000);

  test('one verdict per trigger, KEDA\'s parse errors, auth parameters from the TriggerAuthentication and Secret of the same file', () => {
    const [verdicts, other] = runScalersOracle(bin, [
      [
        so(
          { type: 'kafka', metadata: KAFKA },
          { type: 'kafka', metadata: { ...KAFKA, lagThreshold: '1.5' } },
          { type: 'kafka', metadata: { ...KAFKA, version: '2.8' } },
          { type: 'rabbitmq', metadata: { queueName: 'q', mode: 'QueueLength', value: '5' }, authenticationRef: { name: 'rmq' } },
          { type: 'prometheus', metadata: { serverAddress: 'http://p:9090', query: 'up', threshold: '5', authModes: 'bearer' }, authenticationRef: { name: 'missing' } },
          { type: 'external-mock', metadata: {} },
        ),
        { apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', metadata: { name: 'rmq', namespace: 'agents' }, spec: { secretTargetRef: [{ parameter: 'host', name: 'rmq', key: 'host' }] } },
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'rmq', namespace: 'agents' }, stringData: { host: 'ftp://rabbitmq' } },
      ],
      [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }],
    ]);
    expect(verdicts.map((v) => [v.kind, v.trigger, v.type, v.verdict])).toEqual([
      ['ScaledObject', 0, 'kafka', 'accepted'],
      ['ScaledObject', 1, 'kafka', 'rejected'],
      ['ScaledObject', 2, 'kafka', 'rejected'],
      ['ScaledObject', 3, 'rabbitmq', 'rejected'],
      ['ScaledObject', 4, 'prometheus', 'unsupported'],
      ['ScaledObject', 5, 'external-mock', 'unsupported'],
      ['TriggerAuthentication', undefined, undefined, 'unsupported'],
      ['Secret', undefined, undefined, 'unsupported'],
    ]);
    expect(verdicts[1].errors[0]).toMatch(/unable to set param "lagThreshold" value "1\.5"/);
    expect(verdicts[2].errors[0]).toMatch(/error parsing kafka version: invalid version `2\.8`/);
    expect(verdicts[3].errors[0]).toMatch(/unknown host URL scheme: `ftp`/);
    expect(verdicts[4].reason).toMatch(/TriggerAuthentication "missing" is not among the inputs/);
    expect(other.map((v) => v.verdict)).toEqual(['unsupported']);
  });

  test('the library agrees with KEDA on these triggers', () => {
    const group = [so(
      { type: 'kafka', metadata: { ...KAFKA, version: '2.8' } },
      { type: 'kafka', metadata: { ...KAFKA, version: '3.6.0' } },
      { type: 'redis', metadata: { address: 'redis:6379', listName: 'l', enableTLS: 'yes' } },
      { type: 'rabbitmq', metadata: { queueName: 'q', host: 'amqp://r:5672/', protocol: 'https' } },
      { type: 'redis-streams', metadata: { stream: 's', consumerGroup: 'g' } },
      { type: 'rabbit', metadata: { queueName: 'q' } },
    )];
    const [verdicts] = runScalersOracle(bin, [group]);
    const lib = libraryTriggerErrors(group, 6);
    expect(verdicts.map((v) => v.verdict)).toEqual(['rejected', 'accepted', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(verdicts[5].errors).toEqual(['no scaler found for type: rabbit']);
    expect(lib.map((l) => l.compared.length > 0)).toEqual(verdicts.map((v) => v.verdict === 'rejected'));
  });
});
