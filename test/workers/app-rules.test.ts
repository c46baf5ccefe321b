// The rules across KEDA objects, and the KEDA validators together on
// hand-written YAML through the check command.
import * as path from 'path';
import { runCheck } from '../../lib/cli/check';
import { validateObjects } from '../../lib/engine/engine';
import { REGISTRY as DEFAULT_REGISTRY } from '../../lib/registry';
import { DEFAULT_SETTINGS } from '../../lib/settings/settings';
import { manifestErrors } from '../support/rule-cases';
import { deployment, GARBAGE, kafkaTrigger, scaledObject, secretRefs, trigger, triggerAuthentication, verdict } from './fixtures';

const YAML = path.join(__dirname, 'yaml');

function check(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCheck(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: YAML });
  const lines = out.join('').split('\n').filter(Boolean);
  const verdicts = lines.flatMap((l) => {
    const m = /^(?:\S+:\d+:\d+: )?(error|warning) \[([A-Z0-9-]+)\] (\S+) /.exec(l);
    return m ? [`${m[1]} ${m[2]} ${m[3]}`] : [];
  });
  return { code, lines, verdicts, stderr: err.join('') };
}

describe('check: KEDA manifests', () => {
  test('a kafka worker and a rabbitmq ScaledJob as the KEDA docs write them pass', () => {
    const run = check('clean');
    expect(run.stderr).toBe('');
    expect(run.lines).toEqual(['no findings (5 objects checked, 0 passed through)']);
    expect(run.code).toBe(0);
  });

  test('the mistakes KEDA\'s fail-open webhook lets through are all reported at once', () => {
    const run = check('broken');
    expect(run.verdicts).toEqual([
      'error KEDA-APP-003 broken/mistakes.yaml#2',
      'error KEDA-SO-002 broken/mistakes.yaml#3',
      'error KEDA-TRIGGER-005 broken/mistakes.yaml#3',
      'error KEDA-TRIGGER-008 broken/mistakes.yaml#3',
      'error KEDA-SJ-002 broken/mistakes.yaml#4',
      'error KEDA-TRIGGER-003 broken/mistakes.yaml#4',
      'error KEDA-TRIGGER-007 broken/mistakes.yaml#4',
      'error KEDA-AUTH-002 broken/mistakes.yaml#5',
      'warning KEDA-APP-006 broken/mistakes.yaml#1',
      // The separate HPA scales a Deployment that writes its replicas back on every apply.
      'warning HPA-TARGET-002 broken/mistakes.yaml#2',
      // The TriggerAuthentication may live in another folder: it must exist (open world).
      'warning REF-001 broken/mistakes.yaml#3',
    ]);
    expect(run.lines.find((l) => l.includes('[REF-001]'))).toContain('TriggerAuthentication "kafka-scram" in namespace "agents" is not among the checked objects: it must exist in the cluster (where it does not, KEDA-APP-004 applies');
    // The files as the whole app: the missing object is KEDA-APP-004's error.
    const closed = check('--closed', 'broken');
    expect(closed.verdicts).toContain('error KEDA-APP-004 broken/mistakes.yaml#3');
    expect(closed.verdicts).not.toContain('warning REF-001 broken/mistakes.yaml#3');
    expect(run.lines.find((l) => l.includes('[KEDA-TRIGGER-005]'))).toContain('did you mean "lagThreshold"?');
    expect(run.code).toBe(1);
  });
});

describe('the KEDA validators together on broken objects', () => {
  test('a whole set of broken objects yields findings, not ENGINE-001', () => {
    const objects = GARBAGE.map((g, i) => ({ object: { apiVersion: 'keda.sh/v1alpha1', kind: ['ScaledObject', 'ScaledJob', 'TriggerAuthentication'][i % 3], metadata: { name: `o${i}` }, ...(g as object) }, where: `g#${i}` }));
    const ids = validateObjects(objects, DEFAULT_SETTINGS, DEFAULT_REGISTRY).findings.map((f) => f.rule.id);
    expect(ids).not.toContain('ENGINE-001');
  });
});

describe('targeted validator behaviour', () => {
  test('a referenced TriggerAuthentication in another namespace does not count', () => {
    const ta = { ...triggerAuthentication({ secretTargetRef: secretRefs(['username', 'password']) }, 'kafka'), metadata: { name: 'kafka', namespace: 'other' } };
    expect(manifestErrors([scaledObject({ triggers: [kafkaTrigger({ sasl: 'plaintext' }, { authenticationRef: { name: 'kafka' } })] }), ta]).map(verdict))
      .toEqual(['error [KEDA-APP-004] manifest#0']);
  });

  test('a cpu trigger checks every container of the target unless one is named', () => {
    const two = deployment({ containers: [{ name: 'a', image: 'x:1', resources: { requests: { cpu: '1' } } }, { name: 'b', image: 'x:1' }] });
    const so = (metadata: Record<string, string>) => scaledObject({ minReplicaCount: 1, triggers: [trigger('cpu', metadata, { metricType: 'Utilization' })] });
    expect(manifestErrors([two, so({ value: '50' })]).map(verdict)).toEqual(['error [KEDA-APP-005] manifest#1']);
    expect(manifestErrors([two, so({ value: '50', containerName: 'a' })])).toEqual([]);
  });

  test('FromEnv variables are looked up in the envSourceContainerName container', () => {
    const d = deployment({ containers: [{ name: 'a', image: 'x:1', env: [{ name: 'GROUP', value: 'g' }] }, { name: 'b', image: 'x:1' }] });
    const so = (envSource?: string) => scaledObject({ scaleTargetRef: { name: 'worker', envSourceContainerName: envSource }, triggers: [kafkaTrigger({ consumerGroup: '', consumerGroupFromEnv: 'GROUP' })] });
    expect(manifestErrors([d, so()])).toEqual([]);
    expect(manifestErrors([d, so('b')]).map(verdict)).toEqual(['error [KEDA-APP-007] manifest#1']);
  });
});
