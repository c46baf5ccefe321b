// Rules over every object: which pods each policy selects.
import { Located } from '../../lib/engine/engine';
import { podTemplates } from '../../lib/network/app-rules';
import { idsOf, manifestErrors } from '../support/rule-cases';
import { cnp, np } from './fixtures';

const IMAGE = 'ghcr.io/acme/agent:1.4.2';
const at = (object: unknown, i = 0): Located => ({ object, where: `manifest#${i}` });
const template = (labels: Record<string, string>) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', image: IMAGE, resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }] } });

describe('podTemplates', () => {
  test('finds the pod labels of every workload kind; a Knative Service adds the labels Knative puts on its pods', () => {
    const objects = [
      { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage', namespace: 'agents' }, spec: { template: { metadata: { labels: { team: 'a' } } } } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'agents' }, spec: { template: template({ app: 'd' }) } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: template({ app: 'c' }) } } } },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 's' }, spec: { jobTargetRef: { template: template({ app: 's', n: 3 } as any) } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } },
    ];
    expect(podTemplates(objects.map((o, i) => at(o, i))).map((p) => [p.at.where, p.namespace, p.labels, p.knative])).toEqual([
      ['manifest#0', 'agents', { team: 'a', 'serving.knative.dev/service': 'triage', 'serving.knative.dev/configuration': 'triage' }, true],
      ['manifest#1', 'agents', { app: 'd' }, false],
      ['manifest#2', undefined, { app: 'c' }, false],
      ['manifest#3', undefined, { app: 's' }, false],
      ['manifest#4', undefined, { app: 'p' }, false],
    ]);
  });
});

describe('NET-APP-001: two egress policies on one workload', () => {
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker', namespace: 'agents' }, spec: { selector: { matchLabels: { app: 'worker' } }, template: template({ app: 'worker', tier: 'jobs' }) } };
  const allowDb = np({ podSelector: { matchLabels: { app: 'worker' } }, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }] }] }, 'worker-db');
  const allowWeb = np({ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['jobs'] }] }, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.0.0/16'] } }] }] }, 'jobs-web');

  test('names both policies, at the second', () => {
    const lines = manifestErrors([deployment, allowDb, allowWeb]);
    expect(lines).toEqual([
      'warning [NET-APP-001] manifest#2: spec.podSelector = "Deployment/agents/worker": selects the pods of Deployment/agents/worker, which NetworkPolicy/agents/worker-db (manifest#1) already selects: their allowed destinations add up. Fix: put every destination of the agent in one NetworkPolicy (or CiliumNetworkPolicy), or acknowledge it on the second policy in cdk8s-agents.yaml (`acknowledgements: [{ object: NetworkPolicy/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    ]);
  });

  test('policies in another namespace, ingress-only policies and deny-all policies do not count', () => {
    expect(manifestErrors([deployment, allowDb, { ...allowWeb, metadata: { name: 'jobs-web', namespace: 'other' } }])).toEqual([]);
    expect(manifestErrors([deployment, allowDb, np({ policyTypes: ['Ingress'], ingress: [{}] }, 'in')])).toEqual([]);
    expect(manifestErrors([deployment, allowDb, np({ policyTypes: ['Egress'] }, 'deny'), cnp({ egress: [{}] }, 'deny-cilium')])).toEqual([]);
  });

  test('a Cilium policy selects by k8s:-prefixed keys and by the namespace label', () => {
    const byNamespace = { ...cnp({}), spec: { endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'agents', 'k8s:tier': 'jobs' } }, egress: [{ toEntities: ['cluster'] }] } };
    expect(idsOf(manifestErrors([deployment, allowDb, byNamespace]))).toEqual(['NET-APP-001']);
    const otherNs = { ...byNamespace, spec: { ...byNamespace.spec, endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'elsewhere' } } } };
    expect(manifestErrors([deployment, allowDb, otherNs])).toEqual([]);
  });

  test('a Knative Service is selected by its implied label', () => {
    const ksvc = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage', namespace: 'agents' }, spec: { template: { spec: { containers: [{ image: IMAGE }] } } } };
    const bySvc = (name: string) => np({ podSelector: { matchLabels: { 'serving.knative.dev/service': 'triage' } }, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }] }] }, name);
    expect(idsOf(manifestErrors([ksvc, bySvc('a'), bySvc('b'), bySvc('c')]))).toEqual(['NET-APP-001']);
    expect(manifestErrors([ksvc, bySvc('a'), bySvc('b'), bySvc('c')]).map((l) => l.split(':')[0])).toEqual(['warning [NET-APP-001] manifest#2', 'warning [NET-APP-001] manifest#3']);
  });
});

describe('NET-INGRESS-001: ingress policies on Knative pods', () => {
  const ksvc = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage', namespace: 'agents' }, spec: { template: { spec: { containers: [{ image: IMAGE }] } } } };
  const serving = (ns = 'knative-serving') => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
  const ingress = (rules: object[], name = 'in') => np({ policyTypes: ['Ingress'], ingress: rules }, name);

  test('a default-deny ingress policy blocks both components', () => {
    const lines = manifestErrors([ksvc, ingress([])]);
    expect(lines).toEqual([expect.stringContaining('warning [NET-INGRESS-001] manifest#1: spec.ingress = "Service/agents/triage": the ingress policies of Service/agents/triage (NetworkPolicy/agents/in) admit no activator (knative-serving, ports 8012/8013) and no autoscaler (knative-serving, ports 9090)')]);
  });

  test('the activator admitted on 8012 by one policy and the autoscaler on 9090 by another pass together', () => {
    expect(manifestErrors([ksvc, ingress([{ from: [{ ...serving(), podSelector: { matchLabels: { app: 'activator' } } }], ports: [{ port: 8012 }] }], 'a'),
      ingress([{ from: [serving()], ports: [{ port: 9000, endPort: 9100 }] }], 'b')])).toEqual([]);
  });

  test('the wrong pod label, namespace or protocol does not admit', () => {
    const only = (rule: object) => idsOf(manifestErrors([ksvc, ingress([rule])]));
    expect(only({ from: [{ ...serving(), podSelector: { matchLabels: { app: 'controller' } } }] })).toEqual(['NET-INGRESS-001']);
    expect(only({ from: [serving('serving')] })).toEqual(['NET-INGRESS-001']);
    expect(only({ from: [serving()], ports: [{ port: 8012, protocol: 'UDP' }, { port: 9090, protocol: 'UDP' }] })).toEqual(['NET-INGRESS-001']);
    expect(only({ from: [serving()], ports: [{ port: 'http' }] })).toEqual([]);
    expect(only({ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] })).toEqual([]);
  });

  test('the serving namespace comes from the cluster settings', () => {
    expect(idsOf(manifestErrors([ksvc, ingress([{ from: [serving('serving')] }])], { serving: { namespace: 'serving' } }))).toEqual([]);
  });

  test('an egress-only policy is not an ingress policy', () => {
    expect(manifestErrors([ksvc, np({ policyTypes: ['Egress'] }, 'deny')])).toEqual([]);
  });

  test('an egress policy without policyTypes also denies ingress (Kubernetes always adds Ingress): warned', () => {
    expect(idsOf(manifestErrors([ksvc, np({ egress: [{ to: [{ namespaceSelector: {} }] }] }, 'egress-only')]))).toEqual(['NET-INGRESS-001']);
  });
});
