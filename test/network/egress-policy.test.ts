import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  AgentKnativeService, AppValidation, ClusterProfile, ClusterProfileProps, Egress, EgressPolicy, EgressPolicyProps, EgressPort, IAgentWorkload,
  IngressController, IngressFrom, IngressLockdown, PolicyEngine,
} from '../../lib';
import { synthErrors } from '../support/rule-cases';

const IMAGE = 'ghcr.io/acme/agent:1.4.2';

interface Setup {
  readonly chart: Chart;
  readonly agent: AgentKnativeService;
}

function setup(profile?: ClusterProfileProps): Setup {
  const app = Testing.app();
  AppValidation.of(app).reporter = () => undefined;
  if (profile) new ClusterProfile(app, 'cluster', profile);
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  return { chart, agent: new AgentKnativeService(chart, 'jira-triage', { image: IMAGE }) };
}

/** Synthesizes an EgressPolicy (with the setup's agent unless `agents` is given); returns the policy objects by name. */
function synth(props: Partial<EgressPolicyProps> = {}, profile?: ClusterProfileProps, extra?: (s: Setup) => Partial<EgressPolicyProps>): Record<string, any> {
  const s = setup(profile);
  new EgressPolicy(s.chart, 'jira-egress', { agents: [s.agent], allow: [], ...props, ...(extra?.(s) ?? {}) });
  const objects = Testing.synth(s.chart).filter((o) => /NetworkPolicy$/.test(o.kind));
  return Object.fromEntries(objects.map((o) => [o.metadata.name, o]));
}

const worker = (name = 'worker', namespace = 'agents'): IAgentWorkload => ({ name, namespace, podSelector: { 'app.kubernetes.io/name': name }, servedByKnative: false });
const DNS_K8S = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

describe('EgressPolicy defaults (NetworkPolicy)', () => {
  // GIVEN one agent and no destination
  const policy = synth()['jira-egress'];

  test('snapshot of the defaults', () => {
    expect(policy).toMatchSnapshot();
  });

  test('is a NetworkPolicy named after the id, in the agent\'s namespace, selecting the agent\'s pods by their Knative label', () => {
    expect([policy.apiVersion, policy.kind, policy.metadata]).toEqual(['networking.k8s.io/v1', 'NetworkPolicy', { name: 'jira-egress', namespace: 'agents' }]);
    expect(policy.spec.podSelector).toEqual({ matchLabels: { 'serving.knative.dev/service': 'jira-triage' } });
  });

  test('denies all egress but DNS to kube-dns (UDP and TCP 53)', () => {
    expect(policy.spec.policyTypes).toEqual(['Egress']);
    expect(policy.spec.egress).toEqual([DNS_K8S]);
  });

  test('GIVEN dns: false THEN nothing at all is allowed', () => {
    expect(synth({ dns: false })['jira-egress'].spec).toEqual({ podSelector: { matchLabels: { 'serving.knative.dev/service': 'jira-triage' } }, policyTypes: ['Egress'], egress: [] });
  });

  test('output is deterministic', () => {
    expect(synth({ allow: [Egress.cidr('10.0.0.0/8'), Egress.namespace('data')] })).toEqual(synth({ allow: [Egress.cidr('10.0.0.0/8'), Egress.namespace('data')] }));
  });
});

describe('EgressPolicy destinations (NetworkPolicy)', () => {
  test('Egress.cidr renders an ipBlock with its exceptions and ports', () => {
    const p = synth({ allow: [Egress.cidr('10.0.0.0/8', { except: ['10.1.0.0/16'], ports: [EgressPort.tcp(5432), EgressPort.tcp(8000, 8100)] })] })['jira-egress'];
    expect(p.spec.egress[1]).toEqual({
      to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }],
      ports: [{ protocol: 'TCP', port: 5432 }, { protocol: 'TCP', port: 8000, endPort: 8100 }],
    });
  });

  test('Egress.namespace selects the namespace by kubernetes.io/metadata.name; no ports is every port', () => {
    const p = synth({ allow: [Egress.namespace('observability')] })['jira-egress'];
    expect(p.spec.egress[1]).toEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }] });
  });

  test('Egress.kubernetesApi uses the ClusterProfile\'s API server CIDRs and port', () => {
    const p = synth({ allow: [Egress.kubernetesApi()] }, { network: { apiServerCidrs: ['10.0.0.10/32', '10.0.0.11/32'], apiServerPort: 6443 } })['jira-egress'];
    expect(p.spec.egress[1]).toEqual({ to: [{ ipBlock: { cidr: '10.0.0.10/32' } }, { ipBlock: { cidr: '10.0.0.11/32' } }], ports: [{ protocol: 'TCP', port: 6443 }] });
  });

  test('Egress.agent to a Knative agent allows the networking layer and the activator (from the profile)', () => {
    const p = synth({}, { servingNamespace: 'serving', network: { ingressNamespaces: ['kourier-system'] } },
      (s) => ({ allow: [Egress.agent(new AgentKnativeService(s.chart, 'search', { image: IMAGE }))] }))['jira-egress'];
    expect(p.spec.egress[1]).toEqual({
      to: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kourier-system' } } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'serving' } }, podSelector: { matchLabels: { app: 'activator' } } },
      ],
    });
  });

  test('Egress.agent to a plain workload selects its pods in its namespace', () => {
    const p = synth({ allow: [Egress.agent(worker('crawler', 'tools'), { ports: [EgressPort.tcp(8080)] })] })['jira-egress'];
    expect(p.spec.egress[1]).toEqual({
      to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'crawler' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tools' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
  });

  test('GIVEN a ClusterProfile with another DNS THEN the DNS rule follows it', () => {
    const p = synth({}, { network: { dnsNamespace: 'dns', dnsLabels: { app: 'coredns' } } })['jira-egress'];
    expect(p.spec.egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } }, podSelector: { matchLabels: { app: 'coredns' } } }]);
  });

  test('fails if a host is allowed with the plain engine (NET-EGRESS-003), and the finding says to use Cilium', () => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [Egress.cidr('10.0.0.0/8'), Egress.fqdn('api.anthropic.com')] }));
    expect(errors).toEqual([expect.stringMatching(/^error \[NET-EGRESS-003\] test\/egress: allow\[1\] = "api.anthropic.com": .*Fix: set `engine: PolicyEngine.CILIUM`/)]);
  });

  test('fails if kubernetesApi has no declared CIDRs (NET-EGRESS-004), naming the ClusterProfile prop', () => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [Egress.kubernetesApi()] }));
    expect(errors).toEqual([expect.stringContaining('error [NET-EGRESS-004] test/egress: allow[0] = "kubernetesApi": no API server CIDRs are declared (ClusterProfile `network.apiServerCidrs`; settings from upstream defaults)')]);
  });
});

describe('EgressPolicy with PolicyEngine.CILIUM', () => {
  const allow = [Egress.fqdn('api.anthropic.com'), Egress.fqdn('*.atlassian.net', { ports: [EgressPort.tcp(443), EgressPort.tcp(8443)] }), Egress.kubernetesApi(), Egress.cidr('203.0.113.0/24', { except: ['203.0.113.128/25'] }), Egress.namespace('data', { ports: [EgressPort.udp(8125)] })];
  const policy = synth({ engine: PolicyEngine.CILIUM, allow })['jira-egress'];

  test('snapshot', () => {
    expect(policy).toMatchSnapshot();
  });

  test('is a CiliumNetworkPolicy selecting the agent by endpointSelector', () => {
    expect([policy.apiVersion, policy.kind]).toEqual(['cilium.io/v2', 'CiliumNetworkPolicy']);
    expect(policy.spec.endpointSelector).toEqual({ matchLabels: { 'serving.knative.dev/service': 'jira-triage' } });
  });

  test('sends DNS through Cilium\'s DNS proxy when toFQDNs needs it', () => {
    expect(policy.spec.egress[0]).toEqual({
      toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
      toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }],
    });
  });

  test('GIVEN no host names THEN DNS is allowed at L4 only (no L7 proxy needed)', () => {
    const p = synth({ engine: PolicyEngine.CILIUM, allow: [Egress.cidr('10.0.0.0/8')] })['jira-egress'];
    expect(p.spec.egress[0].toPorts).toEqual([{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }] }]);
  });

  test('a host is matchName on 443/TCP by default; a wildcard is matchPattern', () => {
    expect(policy.spec.egress[1]).toEqual({ toFQDNs: [{ matchName: 'api.anthropic.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] });
    expect(policy.spec.egress[2]).toEqual({ toFQDNs: [{ matchPattern: '*.atlassian.net' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }, { port: '8443', protocol: 'TCP' }] }] });
  });

  test('the API server is the kube-apiserver entity; CIDRs are a CIDR set; a namespace is toEndpoints', () => {
    expect(policy.spec.egress.slice(3)).toEqual([
      { toEntities: ['kube-apiserver'] },
      { toCIDRSet: [{ cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] }] },
      { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'data' } }], toPorts: [{ ports: [{ port: '8125', protocol: 'UDP' }] }] },
    ]);
  });

  test('Egress.agent: the gateways and the activator for a Knative agent, the pod labels for a plain workload', () => {
    const p = synth({ engine: PolicyEngine.CILIUM }, { network: { ingressNamespaces: ['kourier-system'] } },
      (s) => ({ allow: [Egress.agent(new AgentKnativeService(s.chart, 'search', { image: IMAGE })), Egress.agent(worker('crawler'))] }))['jira-egress'];
    expect(p.spec.egress.slice(1)).toEqual([
      { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kourier-system' } }, { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'knative-serving', 'k8s:app': 'activator' } }] },
      { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'agents', 'k8s:app.kubernetes.io/name': 'crawler' } }] },
    ]);
  });

  test('GIVEN nothing allowed and dns: false THEN one empty rule denies all egress', () => {
    expect(synth({ engine: PolicyEngine.CILIUM, dns: false })['jira-egress'].spec.egress).toEqual([{}]);
  });
});

describe('selecting several agents', () => {
  test('Knative agents share one selector: `serving.knative.dev/service In [...]`, sorted', () => {
    const p = synth({}, undefined, (s) => ({ agents: [s.agent, new AgentKnativeService(s.chart, 'alpha', { image: IMAGE })] }))['jira-egress'];
    expect(p.spec.podSelector).toEqual({ matchExpressions: [{ key: 'serving.knative.dev/service', operator: 'In', values: ['alpha', 'jira-triage'] }] });
  });

  test('a workload with other label keys gets its own policy, <name>-<workload>, as a child with a readable id', () => {
    const s = setup();
    const policy = new EgressPolicy(s.chart, 'jira-egress', { agents: [s.agent, worker('jira-worker')], allow: [Egress.namespace('data')] });
    expect(policy.node.children.map((c) => c.node.id)).toEqual(['Resource', 'jira-worker']);
    const objects = Testing.synth(s.chart).filter((o) => o.kind === 'NetworkPolicy');
    expect(objects.map((o) => [o.metadata.name, o.spec.podSelector])).toEqual([
      ['jira-egress', { matchLabels: { 'serving.knative.dev/service': 'jira-triage' } }],
      ['jira-egress-jira-worker', { matchLabels: { 'app.kubernetes.io/name': 'jira-worker' } }],
    ]);
    expect(objects[1].spec.egress).toEqual(objects[0].spec.egress);
  });

  test('labels equal across workloads are matchLabels, the one that differs is In', () => {
    const a: IAgentWorkload = { name: 'a', namespace: 'agents', podSelector: { app: 'a', tier: 'worker' }, servedByKnative: false };
    const b: IAgentWorkload = { name: 'b', namespace: 'agents', podSelector: { app: 'b', tier: 'worker' }, servedByKnative: false };
    const p = synth({ agents: [a, b] })['jira-egress'];
    expect(p.spec.podSelector).toEqual({ matchLabels: { tier: 'worker' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] });
  });

  test('addAgent and allow are idempotent', () => {
    const s = setup();
    const api = Egress.fqdn('api.anthropic.com');
    const policy = new EgressPolicy(s.chart, 'egress', { agents: [s.agent], allow: [api], engine: PolicyEngine.CILIUM });
    policy.addAgent(s.agent).allow(api, Egress.fqdn('api.anthropic.com'), Egress.cidr('10.0.0.0/8'));
    const p = Testing.synth(s.chart).find((o) => o.kind === 'CiliumNetworkPolicy');
    expect(p.spec.endpointSelector).toEqual({ matchLabels: { 'serving.knative.dev/service': 'jira-triage' } });
    expect(p.spec.egress.map((r: any) => Object.keys(r)[0])).toEqual(['toEndpoints', 'toFQDNs', 'toCIDRSet']);
  });

  test('the policy is in the namespace of its agents, not the chart\'s', () => {
    const s = setup();
    const tools = new AgentKnativeService(s.chart, 'crawler', { image: IMAGE, namespace: 'tools' });
    const policy = new EgressPolicy(s.chart, 'egress', { agents: [tools], allow: [] });
    expect(policy.namespace).toBe('tools');
    expect(Testing.synth(s.chart).find((o) => o.kind === 'NetworkPolicy').metadata.namespace).toBe('tools');
  });

  test('fails if the agents are in two namespaces (NET-EGRESS-002): one policy per namespace', () => {
    const errors = synthErrors((c) => {
      const a = new AgentKnativeService(c, 'a', { image: IMAGE });
      new EgressPolicy(c, 'egress', { agents: [a], allow: [] }).addAgent(new AgentKnativeService(c, 'b', { image: IMAGE, namespace: 'tools' }));
    });
    expect(errors).toEqual([expect.stringContaining('error [NET-EGRESS-002] test/egress: agents = ["a (agents)","b (tools)"]: the agents are in agents, tools.')]);
  });

  test('fails if no agent is ever added (NET-EGRESS-001), and passes once one is', () => {
    expect(synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [], allow: [] }))).toEqual([expect.stringMatching(/^error \[NET-EGRESS-001\] test\/egress: agents = \[\]: /)]);
    expect(synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [], allow: [] }).addAgent(new AgentKnativeService(c, 'a', { image: IMAGE })))).toEqual([]);
  });
});

describe('ingress lockdown', () => {
  test('IngressLockdown.KNATIVE: a NetworkPolicy <name>-ingress admitting the activator and gateways on 8012/8013 and the autoscaler on 9090', () => {
    const s = setup({ network: { ingressNamespaces: ['kourier-system'] } });
    const policy = new EgressPolicy(s.chart, 'jira-egress', { agents: [s.agent], allow: [], ingress: IngressLockdown.KNATIVE });
    expect(policy.node.children.map((c) => c.node.id)).toEqual(['Resource', 'Ingress']);
    const ingress = Testing.synth(s.chart).find((o) => o.metadata.name === 'jira-egress-ingress');
    expect(ingress).toMatchSnapshot();
    expect(ingress.spec.policyTypes).toEqual(['Ingress']);
    expect(ingress.spec.ingress[0].from.map((p: any) => p.namespaceSelector.matchLabels['kubernetes.io/metadata.name'])).toEqual(['knative-serving', 'kourier-system']);
  });

  test('IngressLockdown.KNATIVE_AND_EVENTING also admits the eventing namespace', () => {
    const ingress = synth({ ingress: IngressLockdown.KNATIVE_AND_EVENTING }, { eventingNamespace: 'eventing' })['jira-egress-ingress'];
    expect(ingress.spec.ingress[0].from).toContainEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'eventing' } } });
  });

  test('a workload Knative does not serve accepts no ingress', () => {
    const objects = synth({ agents: [worker('jira-worker')], ingress: IngressLockdown.KNATIVE });
    expect(objects['jira-egress-ingress'].spec).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'jira-worker' } }, policyTypes: ['Ingress'] });
  });

  test('a Knative agent and a worker: an ingress policy per selector', () => {
    const objects = synth({ ingress: IngressLockdown.KNATIVE }, undefined, (s) => ({ agents: [s.agent, worker('jira-worker')] }));
    expect(Object.keys(objects).sort()).toEqual(['jira-egress', 'jira-egress-ingress', 'jira-egress-jira-worker', 'jira-egress-jira-worker-ingress']);
    expect(objects['jira-egress-jira-worker-ingress'].spec.ingress).toBeUndefined();
    expect(objects['jira-egress-ingress'].spec.ingress).toHaveLength(2);
  });

  test('is off by default', () => {
    expect(Object.keys(synth())).toEqual(['jira-egress']);
  });
});

describe('findings name the prop', () => {
  test('a bad port of allow[1] is reported at that prop, with the manifest field', () => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', {
      agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [Egress.namespace('data'), Egress.cidr('10.0.0.0/8', { ports: [EgressPort.udp(65536)] })],
    }));
    expect(errors).toEqual([expect.stringContaining('error [NET-PORT-001] test/egress: allow[1] (spec.egress[2].ports[0].port) = 65536')]);
  });

  test('with the ingress lockdown, findings name the object of the construct', () => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', {
      agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [Egress.cidr('10.0.0.1')], ingress: IngressLockdown.KNATIVE,
    }));
    expect(errors).toEqual([expect.stringContaining('error [NET-PEER-002] test/egress (NetworkPolicy/egress): allow[0] (spec.egress[1].to[0].ipBlock.cidr) = "10.0.0.1"')]);
  });

  test('a warning can be acknowledged on the policy', () => {
    const printed: string[] = [];
    const app = Testing.app();
    AppValidation.of(app).reporter = (l) => printed.push(l);
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const a = new AgentKnativeService(chart, 'a', { image: IMAGE });
    new EgressPolicy(chart, 'first', { agents: [a], allow: [] });
    new EgressPolicy(chart, 'second', { agents: [a], allow: [Egress.namespace('data')] }).acknowledge('NET-APP-001', 'the data namespace is allowed for this agent only while it migrates');
    Testing.synth(chart);
    expect(printed).toEqual(['acknowledged [NET-APP-001] test/second: the data namespace is allowed for this agent only while it migrates']);
  });
});

describe('props from plain JavaScript', () => {
  test.each([
    ['a string instead of an Egress', ['api.anthropic.com'], 'allow[0]'],
    ['a port given as a string', [Egress.cidr('10.0.0.0/8', { ports: [EgressPort.tcp('443' as any)] })], 'allow[0]'],
    ['a CIDR given as a number', [Egress.cidr(10 as any)], 'allow[0]'],
    ['Egress.agent of nothing', [Egress.agent(undefined as any)], 'allow[0]'],
    ['a port that is not an EgressPort', [Egress.namespace('data', { ports: [443 as any] })], 'allow[0]'],
  ])('fails with PROPS-001, never a TypeError: %s', (_, allow, prop) => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [] }).allow(...(allow as Egress[])));
    expect(errors).toEqual([expect.stringContaining(`error [PROPS-001] test/egress: ${prop} = `)]);
  });

  test('fails with PROPS-001 for an unknown engine and a misspelt prop', () => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [], engine: 'calico' as any, dnss: false } as any));
    expect(errors).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/egress: engine = "calico": not a member of PolicyEngine/),
      expect.stringMatching(/^error \[PROPS-002\] test\/egress: dnss = false: .*did you mean `dns`/),
    ]);
  });

  test('addAgent of something that is not a workload is PROPS-001', () => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [] }).addAgent({ name: 3 } as any));
    expect(errors).toEqual([expect.stringContaining('error [PROPS-001] test/egress: agents[1] = {"name":3}: expected an IAgentWorkload')]);
  });
});

describe('escape hatch', () => {
  test('addOverride reaches the YAML and the validation', () => {
    const s = setup();
    new EgressPolicy(s.chart, 'egress', { agents: [s.agent], allow: [] }).addOverride('metadata.labels', { team: 'platform' });
    expect(Testing.synth(s.chart).find((o) => o.kind === 'NetworkPolicy').metadata.labels).toEqual({ team: 'platform' });
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [] }).addOverride('spec.policyTypes', ['Egress', 'Outbound']));
    expect(errors).toEqual([expect.stringContaining('error [NET-POLICY-002] test/egress: addOverride("spec.policyTypes") (spec.policyTypes[1]) = "Outbound"')]);
  });

  test('a hand-written ApiObject next to the policy is validated too', () => {
    const errors = synthErrors((c) => new ApiObject(c, 'raw', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'raw' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 0 }] }] } }));
    expect(errors).toEqual([expect.stringContaining('error [NET-PORT-001] test/raw: spec.egress[0].ports[0].port = 0')]);
  });
});

describe('allow[i] counts every destination given', () => {
  test('after a duplicate and a rejected one, a finding still names the position the user wrote', () => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [Egress.cidr('10.0.0.0/8'), Egress.cidr('10.0.0.0/8')] })
      .allow('nonsense' as any, Egress.fqdn('api.anthropic.com')));
    expect(errors.map((l) => l.split(' = ')[0])).toEqual(['error [PROPS-001] test/egress: allow[2]', 'error [NET-EGRESS-003] test/egress: allow[3]']);
  });
});

describe('Egress.publicInternet()', () => {
  const V4_EXCEPT = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'];
  const V6_EXCEPT = ['::1/128', '::ffff:0:0/96', 'fc00::/7', 'fe80::/10'];

  test('NetworkPolicy: both families, the non-public ranges excepted, 443/TCP by default', () => {
    const policy = synth({ allow: [Egress.publicInternet()] })['jira-egress'];
    expect(policy.spec.egress[1]).toEqual({
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: V4_EXCEPT } }, { ipBlock: { cidr: '::/0', except: V6_EXCEPT } }],
      ports: [{ protocol: 'TCP', port: 443 }],
    });
    expect(policy).toMatchSnapshot();
  });

  test('CiliumNetworkPolicy: one toCIDRSet with both families; ports as given', () => {
    const policy = synth({ engine: PolicyEngine.CILIUM, allow: [Egress.publicInternet({ ports: [EgressPort.tcp(80), EgressPort.tcp(443)] })] })['jira-egress'];
    expect(policy.spec.egress[1]).toEqual({
      toCIDRSet: [{ cidr: '0.0.0.0/0', except: V4_EXCEPT }, { cidr: '::/0', except: V6_EXCEPT }],
      toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }, { port: '443', protocol: 'TCP' }] }],
    });
  });

  test('excepts the metadata endpoint, so it raises no NET-METADATA-001 (even on port 80)', () => {
    expect(synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [Egress.publicInternet({ ports: [EgressPort.tcp(80)] })] }))).toEqual([]);
    expect(String(Egress.publicInternet())).toBe('publicInternet 443/TCP');
  });

  test('fails if its options are not an object (plain JS)', () => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [Egress.publicInternet('443' as any)] }));
    expect(errors).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/egress: allow\[0\]/)]);
  });
});

describe('ingressFrom: who may reach the agents', () => {
  const NS = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });

  test('a Knative agent: the Knative rules, then one rule per source; the lockdown defaults to KNATIVE', () => {
    const policies = synth({
      ingressFrom: [
        IngressFrom.ingressController(IngressController.TRAEFIK),
        IngressFrom.namespace('github-ai-agents'),
        IngressFrom.monitoring('observability', { ports: [EgressPort.tcp(9091)] }),
      ],
    });
    const ingress = policies['jira-egress-ingress'];
    expect(ingress).toMatchSnapshot();
    expect(ingress.spec.ingress).toHaveLength(5);
    expect(ingress.spec.ingress.slice(2)).toEqual([
      { from: [{ ...NS('kube-system'), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } }] },
      { from: [NS('github-ai-agents')] },
      { from: [NS('observability')], ports: [{ protocol: 'TCP', port: 9091 }] },
    ]);
  });

  test('a plain workload admits only its sources: pods of its namespace, another agent, an IP block', () => {
    const api = worker('api');
    const app = worker('app');
    const policies = synth({
      agents: [api],
      ingressFrom: [IngressFrom.pods({ 'app.kubernetes.io/name': 'app' }, { ports: [EgressPort.tcp(3001)] }), IngressFrom.agent(app), IngressFrom.cidr('10.0.0.0/8', { except: ['10.1.0.0/16'] })],
    });
    expect(policies['jira-egress-ingress'].spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'app' } } }], ports: [{ protocol: 'TCP', port: 3001 }] },
        { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'app' } }, ...NS('agents') }] },
        { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] },
      ],
    });
  });

  test('allowIngress adds sources after construction, each once; ingress-nginx defaults to its namespace', () => {
    const s = setup();
    const p = new EgressPolicy(s.chart, 'p', { agents: [worker()], allow: [], ingress: IngressLockdown.KNATIVE });
    p.allowIngress(IngressFrom.ingressController(IngressController.INGRESS_NGINX), IngressFrom.ingressController(IngressController.INGRESS_NGINX));
    const ingress = Testing.synth(s.chart).find((o) => o.metadata.name === 'p-ingress');
    expect(ingress.spec.ingress).toEqual([{ from: [{ ...NS('ingress-nginx'), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }] }]);
    expect(String(IngressFrom.pods({ app: 'x' }, { namespace: 'web', ports: [EgressPort.tcp(80)] }))).toBe('pods app=x in web 80/TCP');
  });

  describe('ingressEngine: PolicyEngine.CILIUM', () => {
    const NS_KEY = 'k8s:io.kubernetes.pod.namespace';
    const PORTS = (...ports: number[]) => [{ ports: ports.map((port) => ({ port: String(port), protocol: 'TCP' })) }];

    test('a Knative agent: a CiliumNetworkPolicy <name>-ingress with the Knative rules, then one rule per source (snapshot)', () => {
      const policies = synth({
        ingressEngine: PolicyEngine.CILIUM,
        ingress: IngressLockdown.KNATIVE_AND_EVENTING,
        ingressFrom: [
          IngressFrom.ingressController(IngressController.TRAEFIK),
          IngressFrom.namespace('github-ai-agents'),
          IngressFrom.monitoring('observability', { ports: [EgressPort.tcp(9091)] }),
          IngressFrom.cidr('10.0.0.0/8', { except: ['10.1.0.0/16'], ports: [EgressPort.tcp(8080)] }),
        ],
      }, { eventingNamespace: 'eventing' });
      const ingress = policies['jira-egress-ingress'];
      expect(ingress).toMatchSnapshot();
      expect([ingress.apiVersion, ingress.kind]).toEqual(['cilium.io/v2', 'CiliumNetworkPolicy']);
      expect(policies['jira-egress'].kind).toBe('NetworkPolicy'); // the egress keeps its own engine
      expect(ingress.spec).toEqual({
        endpointSelector: { matchLabels: { 'serving.knative.dev/service': 'jira-triage' } },
        ingress: [
          { fromEndpoints: [{ matchLabels: { [NS_KEY]: 'knative-serving', 'k8s:app': 'activator' } }, { matchLabels: { [NS_KEY]: 'istio-system' } }, { matchLabels: { [NS_KEY]: 'eventing' } }], toPorts: PORTS(8012, 8013) },
          { fromEndpoints: [{ matchLabels: { [NS_KEY]: 'knative-serving', 'k8s:app': 'autoscaler' } }], toPorts: PORTS(9090) },
          { fromEndpoints: [{ matchLabels: { [NS_KEY]: 'kube-system', 'k8s:app.kubernetes.io/name': 'traefik' } }] },
          { fromEndpoints: [{ matchLabels: { [NS_KEY]: 'github-ai-agents' } }] },
          { fromEndpoints: [{ matchLabels: { [NS_KEY]: 'observability' } }], toPorts: PORTS(9091) },
          { fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }], toPorts: PORTS(8080) },
        ],
      });
    });

    test('a plain workload: pods of its own namespace without the namespace label (as a NetworkPolicy peer without namespaceSelector), another agent with it', () => {
      const policies = synth({ agents: [worker('api')], ingressEngine: PolicyEngine.CILIUM, engine: PolicyEngine.CILIUM, ingressFrom: [IngressFrom.pods({ app: 'web' }, { ports: [EgressPort.tcp(3001)] }), IngressFrom.agent(worker('app', 'tools'))] });
      expect(policies['jira-egress'].kind).toBe('CiliumNetworkPolicy');
      expect(policies['jira-egress-ingress'].spec).toEqual({
        endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
        ingress: [
          { fromEndpoints: [{ matchLabels: { 'k8s:app': 'web' } }], toPorts: PORTS(3001) },
          { fromEndpoints: [{ matchLabels: { [NS_KEY]: 'tools', 'k8s:app.kubernetes.io/name': 'app' } }] },
        ],
      });
    });

    test('nothing admitted: `ingress: [{}]` selects the pods for ingress and allows nothing (a plain workload with no source)', () => {
      const policies = synth({ agents: [worker('api')], ingressEngine: PolicyEngine.CILIUM, ingress: IngressLockdown.KNATIVE });
      expect(policies['jira-egress-ingress'].spec).toEqual({ endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, ingress: [{}] });
    });

    test('agents of two label sets: one CiliumNetworkPolicy each; no finding of the Cilium rules', () => {
      const objects = synth({ ingressEngine: PolicyEngine.CILIUM, ingress: IngressLockdown.KNATIVE }, undefined, (s) => ({ agents: [s.agent, worker('jira-worker')] }));
      expect(Object.values(objects).filter((o) => o.kind === 'CiliumNetworkPolicy').map((o) => o.metadata.name)).toEqual(['jira-egress-ingress', 'jira-egress-jira-worker-ingress']);
      expect(synthErrors((c) => new EgressPolicy(c, 'egress', {
        agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [], ingressEngine: PolicyEngine.CILIUM,
        ingressFrom: [IngressFrom.cidr('10.0.0.0/8', { except: ['10.1.0.0/16'] }), IngressFrom.monitoring()],
      }))).toEqual([]);
    });

    test('IngressFrom.ciliumIngress(): Cilium\'s Ingress / Gateway API as `fromEntities: [ingress]` in a rule of its own, with its ports', () => {
      const policies = synth({ agents: [worker('api')], ingressEngine: PolicyEngine.CILIUM, ingressFrom: [IngressFrom.ciliumIngress({ ports: [EgressPort.tcp(8080)] }), IngressFrom.pods({ app: 'web' })] });
      expect(policies['jira-egress-ingress'].spec.ingress).toEqual([
        { fromEntities: ['ingress'], toPorts: PORTS(8080) },
        { fromEndpoints: [{ matchLabels: { 'k8s:app': 'web' } }] },
      ]);
      expect(String(IngressFrom.ciliumIngress())).toBe('Cilium entity ingress');
      expect(synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [], ingressEngine: PolicyEngine.CILIUM, ingressFrom: [IngressFrom.ciliumIngress()] }))).toEqual([]);
    });

    test('fails if IngressFrom.ciliumIngress() is given to a NetworkPolicy lockdown, which renders no rule for it (never `from: []`)', () => {
      const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [], ingressFrom: [IngressFrom.monitoring(), IngressFrom.ciliumIngress()] }));
      expect(errors).toEqual([expect.stringMatching(/^error \[NET-EGRESS-009\] test\/egress \(NetworkPolicy\/egress\): ingressFrom\[1\] = "Cilium entity ingress": the lockdown is a NetworkPolicy \(ingressEngine kubernetes\), which cannot admit the Cilium `ingress` identity.*Fix: set `ingressEngine: PolicyEngine.CILIUM`/)]);
      const s = setup();
      new EgressPolicy(s.chart, 'p', { agents: [worker('api')], allow: [], ingressFrom: [IngressFrom.ciliumIngress()] });
      const ingress = (s.chart.node.findChild('p').node.findChild('Ingress') as ApiObject).toJson();
      expect(ingress.spec).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, policyTypes: ['Ingress'] }); // deny all: nothing admitted
    });

    test('fails if IngressFrom.ciliumIngress() gets no options object (plain JS)', () => {
      const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [], ingressEngine: PolicyEngine.CILIUM, ingressFrom: [IngressFrom.ciliumIngress('8080' as any)] }));
      expect(errors).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/egress: ingressFrom\[0\].*IngressFrom.ciliumIngress/)]);
    });

    test('fails if ingressEngine is no PolicyEngine (plain JS)', () => {
      const errors = synthErrors((c) => new EgressPolicy(c, 'egress', { agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [], ingressEngine: 'calico' as any }));
      expect(errors).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/egress: ingressEngine = "calico".*PolicyEngine/)]);
    });
  });

  test('fails if a source is no IngressFrom, or made with bad arguments (plain JS)', () => {
    const errors = synthErrors((c) => new EgressPolicy(c, 'egress', {
      agents: [new AgentKnativeService(c, 'a', { image: IMAGE })], allow: [],
      ingressFrom: [IngressFrom.namespace(42 as any), IngressFrom.ingressController('haproxy' as any)],
    }));
    expect(errors).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/egress: ingressFrom\[0\]/),
      expect.stringMatching(/^error \[PROPS-001\] test\/egress: ingressFrom\[1\].*IngressController/),
    ]);
  });
});
