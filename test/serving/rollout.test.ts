// Rollout.canary on an AgentKnativeService, and `cdk8s-agents rollout next`,
// which moves it to its next step in the source after checking dist/.
import { Testing } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'yaml';
import { AgentKnativeService, AgentValidationError, Rollout } from '../../lib';
import { findCanaryCalls, ROLLOUT_USAGE } from '../../lib/cli/rollout';
import { main } from '../../lib/cli/main';

function synthRollout(rollout: Rollout) {
  const chart = Testing.chart();
  new AgentKnativeService(chart, 'support-agent', { namespace: 'agents', image: 'ghcr.io/acme/support-agent:2.0.0', rollout });
  return Testing.synth(chart)[0];
}

describe('Rollout.canary', () => {
  test('the template is the candidate; both revisions are tagged at the current step', () => {
    const ksvc = synthRollout(Rollout.canary({ from: 'support-agent-v1', to: 'support-agent-v2', percent: 10 }));
    expect(ksvc.spec.template.metadata.name).toBe('support-agent-v2');
    expect(ksvc.spec.traffic).toEqual([
      { revisionName: 'support-agent-v1', percent: 90, tag: 'stable' },
      { revisionName: 'support-agent-v2', percent: 10, tag: 'canary' },
    ]);
  });

  test('at 100 the serving revision keeps its tag at 0 %, for a rollback URL', () => {
    const ksvc = synthRollout(Rollout.canary({ from: 'support-agent-v1', to: 'support-agent-v2', percent: 100, stableTag: 'previous', candidateTag: 'current' }));
    expect(ksvc.spec.traffic).toEqual([
      { revisionName: 'support-agent-v1', percent: 0, tag: 'previous' },
      { revisionName: 'support-agent-v2', percent: 100, tag: 'current' },
    ]);
  });

  test('fails if the steps fall, the tags are equal, or from is to: every problem at once', () => {
    const chart = Testing.chart();
    new AgentKnativeService(chart, 'support-agent', {
      image: 'ghcr.io/acme/support-agent:2.0.0',
      rollout: Rollout.canary({ from: 'support-agent-v2', to: 'support-agent-v2', percent: 50, steps: [50, 10, 100], stableTag: 'x', candidateTag: 'x' }),
    });
    let error: Error | undefined;
    try {
      Testing.synth(chart);
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeInstanceOf(AgentValidationError);
    expect(error?.message).toContain('KSVC-ROLLOUT-001');
    expect(error?.message).toContain('steps [50,10,100] must be whole percents that rise');
    expect(error?.message).toContain('from and to are both "support-agent-v2"');
    expect(error?.message).toContain('stableTag and candidateTag are both "x"');
  });

  test('plain JavaScript: a missing or mistyped option is a finding, not a TypeError', () => {
    const chart = Testing.chart();
    new AgentKnativeService(chart, 'support-agent', { image: 'ghcr.io/acme/support-agent:2.0.0', rollout: Rollout.canary(null as any) });
    new AgentKnativeService(chart, 'other', { image: 'ghcr.io/acme/support-agent:2.0.0', rollout: Rollout.canary({ from: 'other-v1', to: 'other-v2', percent: '10' as any, steps: 'fast' as any }) });
    expect(() => Testing.synth(chart)).toThrow(AgentValidationError);
    try {
      Testing.synth(chart);
    } catch (e) {
      const m = (e as Error).message;
      expect(m).toContain('Rollout.canary(from)');
      expect(m).toContain('Rollout.canary(percent)');
      expect(m).toContain('Rollout.canary(steps)');
      expect(m).not.toMatch(/TypeError/);
    }
  });
});

describe('cdk8s-agents rollout next', () => {
  const source = (percent: number, extra = '') => `import { Rollout } from 'cdk8s-agents';
new AgentKnativeService(chart, 'support-agent', {
  image: 'ghcr.io/acme/support-agent:2.0.0',
  rollout: Rollout.canary({
    from: 'support-agent-v1',
    to: 'support-agent-v2',
    percent: ${percent},${extra}
  }),
});
`;
  const dist = (percent: number, tags = true) => yaml.stringify({
    apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'support-agent', namespace: 'agents' },
    spec: {
      template: { metadata: { name: 'support-agent-v2' }, spec: { containers: [{ image: 'ghcr.io/acme/support-agent:2.0.0' }] } },
      traffic: [
        { revisionName: 'support-agent-v1', percent: 100 - percent, ...(tags ? { tag: 'stable' } : {}) },
        { revisionName: 'support-agent-v2', percent, ...(tags ? { tag: 'canary' } : {}) },
      ],
    },
  });
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-test-'));
    fs.mkdirSync(path.join(dir, 'dist'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const setUp = (src: string, manifests: string) => {
    fs.writeFileSync(path.join(dir, 'app.ts'), src);
    fs.writeFileSync(path.join(dir, 'dist', 'app.yaml'), manifests);
  };
  function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(['rollout', ...argv], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: dir });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  test('says the next step, and writes it with --write (only the percent changes)', () => {
    setUp(source(10), dist(10));
    const said = run('next', 'agents/support-agent', '--source', 'app.ts');
    expect(said.code).toBe(0);
    expect(said.stdout).toContain('agents/support-agent: next step 10% → 50%');
    expect(said.stdout).toContain('serving `support-agent-v1` (tag `stable`): 90% → 50%');
    expect(said.stdout).toContain('source: app.ts:7 percent: 10 → 50 (run with --write to write it)');
    expect(fs.readFileSync(path.join(dir, 'app.ts'), 'utf-8')).toBe(source(10));
    expect(run('next', 'support-agent', '--source', 'app.ts', '--write').code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'app.ts'), 'utf-8')).toBe(source(50));
  });

  test('follows the call\'s own steps', () => {
    setUp(source(5, '\n    steps: [5, 25, 100],'), dist(5));
    expect(run('next', 'support-agent', '--source', 'app.ts').stdout).toContain('next step 5% → 25%');
  });

  test('fails if dist/ is not the source\'s (not synthesized since the last step)', () => {
    setUp(source(50), dist(10));
    const r = run('next', 'support-agent', '--source', 'app.ts', '--write');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dist gives support-agent-v2 10% but the source says 50%: synthesize and commit first');
    expect(fs.readFileSync(path.join(dir, 'app.ts'), 'utf-8')).toBe(source(50));
  });

  test('fails if a revision lost its tag', () => {
    setUp(source(10), dist(10, false));
    expect(run('next', 'support-agent', '--source', 'app.ts').stderr).toContain('revision support-agent-v2 has no tag');
  });

  test('at 100 there is no next step: exit 1 and what to do for the next rollout', () => {
    setUp(source(100), dist(100));
    const r = run('next', 'support-agent', '--source', 'app.ts');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("the rollout is complete (support-agent-v2 has 100%). Next rollout: make `from: 'support-agent-v2'`");
  });

  test('bad use: the reason and the usage', () => {
    setUp(source(10), dist(10));
    expect(run('next', 'support-agent').stderr).toContain('--source <file> is required');
    expect(run('back', 'support-agent', '--source', 'app.ts').stderr).toContain('unknown subcommand "back"');
    expect(run('next', 'nobody', '--source', 'app.ts').stderr).toContain('no Knative Service "nobody" in dist');
    expect(run('next', 'support-agent', '--source', 'missing.ts').stderr).toContain('cannot read missing.ts: ENOENT');
    expect(run('--help').stdout).toBe(ROLLOUT_USAGE);
  });

  test('finds only calls with a literal `to` and `percent`', () => {
    const calls = findCanaryCalls(`Rollout.canary({ from: 'a-1', to: 'a-2', percent: 10 }); Rollout.canary({ from, to: next, percent: p }); Rollout . canary ({ to: "b-2", percent: 50, steps: [50, 100] })`);
    expect(calls.map((c) => [c.to, c.percent, c.steps])).toEqual([['a-2', 10, [10, 50, 100]], ['b-2', 50, [50, 100]]]);
  });

  test('the canary example app is at its first step, in step with dist/', () => {
    const repo = path.join(__dirname, '..', '..');
    const out: string[] = [];
    const code = main(['rollout', 'next', 'agents/support-agent', '--source', 'apps/canary.ts', '--dist', 'dist/canary'], { stdout: (s) => out.push(s), stderr: (s) => out.push(s), cwd: repo });
    expect(out.join('')).toContain('next step 10% → 50%');
    expect(code).toBe(0);
  });
});
