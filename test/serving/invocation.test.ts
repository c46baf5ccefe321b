import { Chart, Duration } from 'cdk8s';
import { AgentKnativeService, Invocation } from '../../lib';
import { profile } from '../settings/fixtures';
import { synthErrors, synthObjects } from '../support/rule-cases';
import { agent } from './fixtures';

const spec = (build: (chart: Chart) => AgentKnativeService): any => synthObjects(build).find((o) => o.kind === 'Service').spec.template.spec;

const timeouts = (s: any) => ({ timeoutSeconds: s.timeoutSeconds, responseStartTimeoutSeconds: s.responseStartTimeoutSeconds, idleTimeoutSeconds: s.idleTimeoutSeconds });

describe('Invocation', () => {
  test('a webhook answers within its timeout: first byte and whole answer alike, no idle limit', () => {
    expect(timeouts(spec((c) => agent(c, { invocation: Invocation.webhook({ timeout: Duration.seconds(45) }) }))))
      .toEqual({ timeoutSeconds: 45, responseStartTimeoutSeconds: 45, idleTimeoutSeconds: 0 });
    expect(timeouts(spec((c) => agent(c, { invocation: Invocation.webhook() })))).toEqual({ timeoutSeconds: 30, responseStartTimeoutSeconds: 30, idleTimeoutSeconds: 0 });
  });

  test('a stream is bounded by silence, and lasts up to the cluster maximum unless told', () => {
    expect(timeouts(spec((c) => agent(c, { invocation: Invocation.stream() })))).toEqual({ timeoutSeconds: 600, responseStartTimeoutSeconds: 60, idleTimeoutSeconds: 60 });
    expect(timeouts(spec((c) => {
      profile(c, { maxRevisionTimeout: Duration.hours(1) });
      return agent(c, { invocation: Invocation.stream({ idle: Duration.seconds(15), responseStart: Duration.seconds(5), maxDuration: Duration.minutes(20) }) });
    }))).toEqual({ timeoutSeconds: 1200, responseStartTimeoutSeconds: 5, idleTimeoutSeconds: 15 });
    expect(spec((c) => { profile(c, { maxRevisionTimeout: Duration.hours(1) }); return agent(c, { invocation: Invocation.stream() }); }).timeoutSeconds).toBe(3600);
  });

  test('kind and toString name the call', () => {
    expect(Invocation.stream().kind).toBe('stream');
    expect(String(Invocation.longTask())).toBe('Invocation.longTask()');
  });

  test('fails if a long task is served by a Knative Service: the fix names AgentJob and JobSink (KSVC-SPEC-006)', () => {
    const errors = synthErrors((c) => agent(c, { invocation: Invocation.longTask() }));
    expect(errors).toEqual([expect.stringMatching(/^error \[KSVC-SPEC-006\] test\/agent: invocation = "Invocation.longTask\(\)": .*Fix: run the work as an `AgentJob`.*`JobSink`/)]);
  });

  test('fails if the factories get values of the wrong type from JavaScript, naming the factory and the option (hostile input)', () => {
    const errors = synthErrors((c) => {
      agent(c, { invocation: Invocation.webhook({ timeout: 30 as never }) });
      agent(c, { invocation: Invocation.stream({ idle: '30s' as never }) }, 'b');
      agent(c, { invocation: Invocation.stream('fast' as never) }, 'c');
      agent(c, { invocation: 'webhook' as never }, 'd');
    });
    expect(errors).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/agent: invocation = 30: Invocation\.webhook\(options\.timeout\): expected a cdk8s Duration/),
      expect.stringMatching(/^error \[PROPS-001\] test\/b: invocation = "30s": Invocation\.stream\(options\.idle\): expected a cdk8s Duration/),
      expect.stringMatching(/^error \[PROPS-001\] test\/c: invocation = "fast": Invocation\.stream\(options\): expected a StreamInvocationOptions object/),
      expect.stringMatching(/^error \[PROPS-001\] test\/d: invocation = "webhook": expected a Invocation/),
    ]);
  });
});
