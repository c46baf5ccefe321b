// Triggers and near misses of the prop checks at the construct boundary (PROPS-*) and of a prop
// that cannot be rendered (ENGINE-002), through an AgentKnativeService.
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { agent } from '../serving/fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    { id: 'PROPS-001', name: 'the image prop is empty', build: (c) => agent(c, { image: '' }), field: 'image', value: '""' },
    { id: 'PROPS-001', name: 'a timeout given as a number of seconds (JavaScript)', build: (c) => agent(c, { timeout: 90 as any }), field: 'timeout', value: '90' },
    { id: 'PROPS-001', name: 'visibility given as text that is not a member (JavaScript)', build: (c) => agent(c, { visibility: 'cluster_local' as any }), field: 'visibility', value: '"cluster_local"' },
    { id: 'PROPS-002', name: 'a misspelt scaling prop (JavaScript)', build: (c) => agent(c, { scaling: { maxscale: 3 } as any }), field: 'scaling.maxscale', value: '3' },
    { id: 'ENGINE-002', name: 'a probe period that is not whole seconds', build: (c) => agent(c, { readinessProbe: kplus.Probe.fromHttpGet('/health', { periodSeconds: Duration.millis(1500) }) }), field: 'readinessProbe.periodSeconds', value: '"1500ms"' },
  ],
  passes: [
    { name: 'visibility given as the text "public", the value of Visibility.PUBLIC (JavaScript)', build: (c) => agent(c, { visibility: 'public' as any }) },
  ],
};
