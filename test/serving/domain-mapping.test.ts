import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { AgentValidationError, AppValidation, ClusterProfile, DomainMapping, Sink, Visibility } from '../../lib';
import { domainNameProblem } from '../../lib/serving/domain-mapping.validator';
import { idsOf, manifestErrors, synthErrors } from '../support/rule-cases';
import { mapping } from './domain-mapping.cases';
import { agent } from './fixtures';

function synth(build: (chart: Chart) => void): any[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  AppValidation.of(app).reporter = () => undefined;
  build(chart);
  return Testing.synth(chart);
}

const domainMappings = (objects: any[]) => objects.filter((o) => o.kind === 'DomainMapping');

describe('DomainMapping', () => {
  test('maps the domain to the agent: named after the domain, in the agent\'s namespace, a ref to its Service', () => {
    const [dm] = domainMappings(synth((c) => new DomainMapping(c, 'domain', { name: 'triage.example.com', ref: agent(c, {}, 'triage') })));
    expect(dm).toEqual({
      apiVersion: 'serving.knative.dev/v1beta1',
      kind: 'DomainMapping',
      metadata: { name: 'triage.example.com', namespace: 'agents' },
      spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage', namespace: 'agents' } },
    });
  });

  test('the name defaults to the construct id; TLS, labels and annotations are rendered as given', () => {
    const [dm] = domainMappings(synth((c) => new DomainMapping(c, 'triage.example.com', {
      ref: agent(c, {}, 'triage'), tls: { secretName: 'triage-tls' }, labels: { team: 'platform' }, annotations: { 'networking.knative.dev/http-protocol': 'redirected' },
    })));
    expect(dm.metadata).toEqual({ name: 'triage.example.com', namespace: 'agents', labels: { team: 'platform' }, annotations: { 'networking.knative.dev/http-protocol': 'redirected' } });
    expect(dm.spec.tls).toEqual({ secretName: 'triage-tls' });
  });

  test('the mapping follows its target into another namespace than the chart\'s', () => {
    let mapped: DomainMapping | undefined;
    const [dm] = domainMappings(synth((c) => { mapped = new DomainMapping(c, 'domain', { name: 'triage.example.com', ref: agent(c, { namespace: 'web' }, 'triage') }); }));
    expect(dm.metadata.namespace).toBe('web');
    expect(dm.spec.ref.namespace).toBe('web');
    expect(mapped!.namespace).toBe('web');
    expect(mapped!.name).toBe('triage.example.com');
  });

  test('an existing Service by name leaves the ref namespace to Knative\'s default (the mapping\'s)', () => {
    const [dm] = domainMappings(synth((c) => new DomainMapping(c, 'domain', { name: 'triage.example.com', ref: Sink.knativeService('triage') })));
    expect(dm.spec.ref).toEqual({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage' });
  });

  test('the generated DomainMapping is the `Resource` child', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const dm = new DomainMapping(chart, 'domain', { name: 'triage.example.com', ref: agent(chart, {}, 'triage') });
    expect(dm.node.tryFindChild('Resource')).toBe(dm.resource);
  });

  test('addOverride reaches the YAML and the validation', () => {
    const errors = synthErrors((c) => new DomainMapping(c, 'domain', { name: 'triage.example.com', ref: agent(c, {}, 'triage') }).addOverride('spec.tls.secretName', ''));
    expect(errors).toEqual([expect.stringMatching(/^error \[KDM-TLS-001\] test\/domain: addOverride\("spec\.tls\.secretName"\) \(spec\.tls\.secretName\) = "": /)]);
  });

  test('findings name the prop and the manifest field', () => {
    const [line] = synthErrors((c) => new DomainMapping(c, 'domain', { name: 'triage', ref: agent(c, {}, 'triage') }));
    expect(line).toBe('error [KDM-NAME-001] test/domain: name (metadata.name) = "triage": should be a domain with at least two segments separated by dots. '
      + 'Fix: name the mapping after the domain it serves, e.g. `name: \'triage.example.com\'`');
  });
});

describe('DomainMapping props from plain JavaScript', () => {
  const fromJs = (props: unknown) => synthErrors((c) => { agent(c, {}, 'triage'); new DomainMapping(c, 'domain', props as any); });

  test('fails if ref is missing (PROPS-001), never a TypeError', () => {
    expect(fromJs({ name: 'triage.example.com' })).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/domain: ref = \(unset\): expected an ISink, got undefined/)]);
  });

  test('fails if ref, tls or a label are of the wrong type (PROPS-001), reported together', () => {
    const lines = fromJs({ name: 'triage.example.com', ref: 'triage', tls: 'triage-tls', labels: { team: 1 } });
    expect(idsOf(lines)).toEqual(['PROPS-001']);
    expect(lines.map((l) => l.split(' = ')[0])).toEqual(['error [PROPS-001] test/domain: ref', 'error [PROPS-001] test/domain: tls', 'error [PROPS-001] test/domain: labels.team']);
  });

  test('fails if a prop is misspelt (PROPS-002)', () => {
    expect(fromJs({ name: 'triage.example.com', ref: Sink.knativeService('triage'), tsl: { secretName: 'x' } })).toEqual([expect.stringContaining('error [PROPS-002] test/domain: tsl = ')]);
  });

  test('fails if ref is a URL or carries a path (PROPS-001): a DomainMapping maps a whole object', () => {
    expect(fromJs({ name: 'triage.example.com', ref: Sink.uri('https://triage.example.org') })).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/domain: ref = "https:\/\/triage\.example\.org": a URL is not an object a DomainMapping can map to/),
    ]);
    expect(fromJs({ name: 'triage.example.com', ref: Sink.knativeService('triage', { path: '/api' }) })).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/domain: ref = "\/api": a DomainMapping maps the whole address/),
    ]);
  });

  test('undefined and null props are findings, not crashes', () => {
    for (const props of [undefined, null]) {
      let caught: unknown;
      try {
        synth((c) => new DomainMapping(c, 'domain', props as any));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(AgentValidationError);
    }
  });
});

// The cases of knative/serving's own webhook test (knative-v1.22.1
// pkg/apis/serving/v1beta1/domainmapping_validation_test.go), as hand-written YAML.
describe('the upstream webhook test table', () => {
  const service = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', namespace: 'ns' };

  test.each([
    ['invalid name', mapping({ name: 'invalid', namespace: 'ns' }, { ref: { ...service, name: 'some-name.example.com' } }), ['KDM-NAME-001']],
    // Upstream reports both; without a name the API server also refuses it, and the schema needs none.
    ['uses GenerateName rather than Name', mapping({ name: undefined, generateName: 'cant-use-this', namespace: 'ns' }, { ref: { ...service, name: 'some-name.example.com' } }), ['KDM-NAME-001', 'KDM-NAME-003']],
    ['ref in wrong namespace', mapping({ name: 'wrong-ref-ns.example.com', namespace: 'good-namespace' }, { ref: { ...service, name: 'some-name', namespace: 'bad-namespace' } }), ['KDM-REF-002']],
    // `kind` is also required by the CRD schema, which the API server checks first.
    ['ref missing Kind', mapping({ name: 'wrong-kind.example.com', namespace: 'ns' }, { ref: { name: 'some-name', namespace: 'ns', apiVersion: 'serving.knative.dev/v1' } }), ['KDM-REF-001']], // one finding: KDM-REF-001 reports the missing kind the schema requires
    ['ref missing ApiVersion', mapping({ name: 'wrong-version.example.com', namespace: 'ns' }, { ref: { name: 'some-name', namespace: 'ns', kind: 'Service' } }), ['KDM-REF-001']],
    ['cluster local domain name', mapping({ name: 'notallowed.svc.cluster.local', namespace: 'ns' }, { ref: { ...service, name: 'some-name' } }), ['KDM-NAME-002']],
  ])('%s', (_, manifest, ids) => {
    expect(idsOf(manifestErrors([manifest]))).toEqual(ids);
  });

  test('the upstream messages are kept in the findings', () => {
    expect(manifestErrors([mapping({ name: 'invalid' })])[0]).toContain('should be a domain with at least two segments separated by dots');
    expect(manifestErrors([mapping({ namespace: 'good-namespace' }, { ref: { ...service, name: 'some-name', namespace: 'bad-namespace' } })])[0])
      .toContain('mismatched namespaces: the DomainMapping is in "good-namespace"');
  });

  test('garbage is reported, never thrown', () => {
    for (const spec of [null, 'x', [], { ref: null }, { ref: 'x' }, { ref: [] }, { tls: 'x' }, { tls: { secretName: 5 } }]) {
      const lines = manifestErrors([{ ...mapping(), spec }]);
      expect(lines.every((l) => /^(error|warning) \[[A-Z0-9-]+\] /.test(l))).toBe(true);
      expect(idsOf(lines)).not.toContain('ENGINE-001');
    }
    expect(idsOf(manifestErrors([{ apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', metadata: { name: 5, labels: 'x', annotations: [] } }]))).not.toContain('ENGINE-001');
  });
});

describe('domainNameProblem (apimachinery IsFullyQualifiedDomainName)', () => {
  test.each(['example.com', 'a.b', 'triage.example.com.', `${'a'.repeat(63)}.com`, '1.2'])('%s is a domain', (name) => {
    expect(domainNameProblem(name)).toBeUndefined();
  });

  test.each([
    ['', 'required'],
    ['example', 'should be a domain with at least two segments separated by dots'],
    ['example.', 'should be a domain with at least two segments separated by dots'],
    ['Example.com', 'not a DNS-1123 subdomain'],
    ['-a.example.com', 'not a DNS-1123 subdomain'],
    ['a..example.com', 'not a DNS-1123 subdomain'],
    [`${'a'.repeat(64)}.com`, 'longer than 63 characters'],
    [`${'a.'.repeat(126)}com`, 'not a DNS-1123 subdomain'],
  ])('%s: %s', (name, problem) => {
    expect(domainNameProblem(name)).toContain(problem);
  });
});

describe('AgentKnativeService.publicUrl', () => {
  const urlOf = (build: (c: Chart) => { publicUrl: string }, profile: Record<string, unknown> = {}): string => {
    const app = Testing.app();
    AppValidation.of(app).reporter = () => undefined;
    new ClusterProfile(app, 'cluster', profile);
    return build(new Chart(app, 'test', { namespace: 'agents' })).publicUrl;
  };

  test('the mapped domain: https with the mapping\'s TLS, else the cluster\'s external scheme', () => {
    expect(urlOf((c) => {
      const a = agent(c, { visibility: Visibility.PUBLIC }, 'triage');
      new DomainMapping(c, 'domain', { name: 'triage.example.com', ref: a, tls: { secretName: 'triage-tls' } });
      return a;
    })).toBe('https://triage.example.com');
    expect(urlOf((c) => {
      const a = agent(c, {}, 'triage');
      new DomainMapping(c, 'domain', { name: 'triage.example.com', ref: a });
      return a;
    })).toBe('http://triage.example.com');
    expect(urlOf((c) => {
      const a = agent(c, {}, 'triage');
      new DomainMapping(c, 'domain', { name: 'triage.example.com', ref: a });
      return a;
    }, { externalDomainTls: true })).toBe('https://triage.example.com');
  });

  test('a public agent under the cluster\'s domain: the domain template\'s host', () => {
    expect(urlOf((c) => agent(c, { visibility: Visibility.PUBLIC }, 'triage'), { domain: 'agents.example.com' })).toBe('http://triage.agents.agents.example.com');
    expect(urlOf((c) => agent(c, { visibility: Visibility.PUBLIC }, 'triage'), { domain: 'example.com', domainTemplate: '{{.Name}}-{{.Namespace}}.{{.Domain}}', externalDomainTls: true }))
      .toBe('https://triage-agents.example.com');
  });

  test('otherwise the cluster-local url: a cluster-local agent, the default domain, or a template only Go can evaluate', () => {
    expect(urlOf((c) => agent(c, {}, 'triage'), { domain: 'example.com' })).toBe('http://triage.agents.svc.cluster.local');
    expect(urlOf((c) => agent(c, { visibility: Visibility.PUBLIC }, 'triage'))).toBe('http://triage.agents.svc.cluster.local');
    expect(urlOf((c) => agent(c, { visibility: Visibility.PUBLIC }, 'triage'), { domain: 'example.com', domainTemplate: '{{.Name | lower}}.{{.Domain}}' })).toBe('http://triage.agents.svc.cluster.local');
  });

  test('config-domain from the cluster\'s ConfigMap files picks the domain by the Service\'s labels', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'domain-')), 'config-domain.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: config-domain, namespace: knative-serving }\ndata:\n  example.com: ""\n  internal.example.com: |\n    selector:\n      tier: internal\n');
    expect(urlOf((c) => agent(c, { visibility: Visibility.PUBLIC, labels: { tier: 'internal' } }, 'triage'), { configMapFiles: [file] })).toBe('http://triage.agents.internal.example.com');
    expect(urlOf((c) => agent(c, { visibility: Visibility.PUBLIC }, 'triage'), { configMapFiles: [file] })).toBe('http://triage.agents.example.com');
  });
});
