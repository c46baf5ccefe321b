// Triggers and near misses of the rules the `invocation` prop of an
// AgentKnativeService answers to: its own (KSVC-SPEC-005, KSVC-SPEC-006) and
// the request-timeout rules it renders into (KSVC-SPEC-001, KSVC-SPEC-003).
import { Duration } from 'cdk8s';
import { Invocation } from '../../lib';
import { profile } from '../settings/fixtures';
import { RuleCases } from '../support/rule-cases';
import { agent, TPL } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'KSVC-SPEC-005', name: 'a timeout prop is given with an invocation',
      build: (c) => agent(c, { invocation: Invocation.webhook({ timeout: Duration.seconds(20) }), timeout: Duration.seconds(60) }),
      field: 'timeout', value: '"60000ms"',
    },
    {
      id: 'KSVC-SPEC-005', name: 'an idle timeout is given with a stream invocation',
      build: (c) => agent(c, { invocation: Invocation.stream(), idleTimeout: Duration.seconds(10) }),
      field: 'idleTimeout', value: '"10000ms"',
    },
    { id: 'KSVC-SPEC-006', name: 'a long task is served by a Knative Service', build: (c) => agent(c, { invocation: Invocation.longTask() }), field: 'invocation', value: '"Invocation.longTask()"' },
    {
      id: 'KSVC-SPEC-001', name: 'a webhook answers later than the cluster maximum',
      build: (c) => agent(c, { invocation: Invocation.webhook({ timeout: Duration.minutes(15) }) }),
      field: `${TPL}.timeoutSeconds`, value: '900',
    },
    {
      id: 'KSVC-SPEC-003', name: 'a stream may be idle for longer than it may last',
      build: (c) => agent(c, { invocation: Invocation.stream({ idle: Duration.minutes(5), maxDuration: Duration.minutes(2) }) }),
      field: `${TPL}.idleTimeoutSeconds`, value: '300',
    },
    {
      id: 'KSVC-SPEC-003', name: 'a stream default first-byte wait is longer than a short cluster maximum',
      build: (c) => { profile(c, { maxRevisionTimeout: Duration.seconds(30), revisionTimeout: Duration.seconds(30) }); agent(c, { invocation: Invocation.stream() }); },
      field: `${TPL}.responseStartTimeoutSeconds`, value: '60', also: ['KSVC-SPEC-003'],
    },
    { id: 'KSVC-SPEC-003', name: 'a stream idle timeout is not whole seconds', build: (c) => agent(c, { invocation: Invocation.stream({ idle: Duration.millis(1500) }) }), field: 'invocation', value: '"1500ms"' },
  ],
  passes: [
    { name: 'a webhook at the cluster maximum', build: (c) => agent(c, { invocation: Invocation.webhook({ timeout: Duration.seconds(600) }) }) },
    { name: 'a stream as long as the cluster maximum (the default)', build: (c) => agent(c, { invocation: Invocation.stream() }) },
    { name: 'a stream idle for as long as it may last', build: (c) => agent(c, { invocation: Invocation.stream({ idle: Duration.minutes(2), responseStart: Duration.minutes(2), maxDuration: Duration.minutes(2) }) }) },
    { name: 'the timeout props without an invocation', build: (c) => agent(c, { timeout: Duration.seconds(60), idleTimeout: Duration.seconds(30) }) },
  ],
};
