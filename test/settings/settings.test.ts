// Cluster settings as data: upstream defaults, settings read from the
// ConfigMaps of a Knative installation, the ClusterProfile that declares
// them, and a rule that reads each setting.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentKnativeService, AgentKnativeServiceProps, AgentValidationError, AppValidation, ClusterProfile, ClusterProfileProps, FeatureState, AuthorizationMode, MetricsProtocol, TransportEncryption,
} from '../../lib';
import { FindingList, severityOf } from '../../lib/engine/rule';
import { settingsFromConfigMaps } from '../../lib/settings/configmaps';
import { checkSettings, DEFAULT_SETTINGS, FEATURE_FLAGS, resolveClusterSettings, EVENTING_FEATURE_FLAGS, eventingFeatureAllows, domainForLabels, hostFromDomainTemplate } from '../../lib/settings/settings';
import { agent } from '../serving/fixtures';
import { synthErrors } from '../support/rule-cases';
import { profile, tempYaml } from './fixtures';

const IMAGE = 'ghcr.io/acme/agent:1.0.0';

const configMap = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'knative-serving', labels: { 'app.kubernetes.io/name': 'knative-serving' } },
  data: { _example: '################################\n# This block is not read\n################################\n', ...data },
});

describe('resolveClusterSettings: upstream Knative defaults', () => {
  test('GIVEN nothing declared WHEN resolved THEN every setting has the upstream default', () => {
    const s = resolveClusterSettings();
    expect(s.knativeVersion).toBe('1.23');
    expect(s.source).toBe('cluster settings');
    const { features, ...serving } = s.serving;
    expect(serving).toEqual({
      namespace: 'knative-serving',
      revisionTimeoutSeconds: 300,
      maxRevisionTimeoutSeconds: 600,
      containerConcurrency: 0,
      containerConcurrencyMaxLimit: 1000,
      allowContainerConcurrencyZero: true,
      podAutoscalerClass: 'kpa.autoscaling.knative.dev',
      maxScaleLimit: 0,
      allowZeroInitialScale: false,
      enableScaleToZero: true,
      progressDeadlineSeconds: 600,
      tagTemplate: '{{.Tag}}-{{.Name}}',
      clusterDomain: 'cluster.local',
      domains: [],
      domainTemplate: '{{.Name}}.{{.Namespace}}.{{.Domain}}',
      externalDomainTls: false,
      defaultExternalScheme: 'http',
      // config-observability: "none (the default)" for both
      requestMetricsProtocol: 'none',
      metricsProtocol: 'none',
    });
    // multi-container and emptyDir volumes are Enabled upstream; every other flag is Disabled.
    const enabled = Object.entries(features).filter(([, v]) => v === FeatureState.ENABLED).map(([k]) => k);
    expect(enabled.sort()).toEqual(['multiContainer', 'podspecVolumesEmptyDir']);
    expect(Object.keys(features).sort()).toEqual(Object.keys(FEATURE_FLAGS).sort());
    expect(Object.values(features).every((v) => v === FeatureState.ENABLED || v === FeatureState.DISABLED)).toBe(true);
  });

  test('GIVEN some settings WHEN resolved THEN they win and the rest keep their defaults', () => {
    const s = resolveClusterSettings({ serving: { maxScaleLimit: 20, features: { podspecAffinity: FeatureState.ALLOWED } }, source: 'p' });
    expect(s.serving.maxScaleLimit).toBe(20);
    expect(s.serving.revisionTimeoutSeconds).toBe(300);
    expect(s.serving.features.podspecAffinity).toBe(FeatureState.ALLOWED);
    expect(s.serving.features.multiContainer).toBe(FeatureState.ENABLED);
    expect(s.source).toBe('p');
  });

  test('DEFAULT_SETTINGS are the resolved defaults', () => {
    expect(DEFAULT_SETTINGS.serving).toEqual(resolveClusterSettings().serving);
  });
});

describe('settingsFromConfigMaps: the ConfigMaps of a Knative installation', () => {
  test('GIVEN config-features with a lowercase value WHEN read THEN it is matched case-insensitively, as Knative does', () => {
    const out = new FindingList();
    const input = settingsFromConfigMaps([configMap('config-features', { 'kubernetes.podspec-nodeselector': 'enabled', 'kubernetes.podspec-tolerations': ' Allowed ' })], out);
    expect(out.items).toEqual([]);
    const s = resolveClusterSettings(input);
    expect(s.serving.features.podspecNodeSelector).toBe(FeatureState.ENABLED);
    expect(s.serving.features.podspecTolerations).toBe(FeatureState.ALLOWED);
    expect(s.serving.features.podspecAffinity).toBe(FeatureState.DISABLED);
  });

  test('GIVEN a config-features value Knative does not understand ("on") WHEN read THEN PROFILE-005 is an error (the value is never read) and the default is kept', () => {
    const out = new FindingList();
    const input = settingsFromConfigMaps([configMap('config-features', { 'kubernetes.podspec-affinity': 'on', 'multi-container': 'off' })], out);
    expect(out.items.map((f) => [f.rule.id, severityOf(f.rule), f.prop, f.value])).toEqual([
      ['PROFILE-005', 'error', 'config-features/kubernetes.podspec-affinity', 'on'],
      ['PROFILE-005', 'error', 'config-features/multi-container', 'off'],
    ]);
    expect(out.items[1].problem).toBe('Knative ignores "off" and keeps the default Enabled');
    const s = resolveClusterSettings(input);
    expect(s.serving.features.podspecAffinity).toBe(FeatureState.DISABLED);
    expect(s.serving.features.multiContainer).toBe(FeatureState.ENABLED);
  });

  test('fails if config-defaults revision-timeout-seconds is not an integer (PROFILE-002), default kept', () => {
    const out = new FindingList();
    const input = settingsFromConfigMaps([configMap('config-defaults', { 'revision-timeout-seconds': 'abc', 'max-revision-timeout-seconds': '900', 'container-concurrency': '4' })], out);
    expect(out.items.map((f) => [f.rule.id, f.prop, f.value, f.problem])).toEqual([['PROFILE-002', 'config-defaults/revision-timeout-seconds', 'abc', 'not an integer']]);
    const s = resolveClusterSettings(input).serving;
    expect([s.revisionTimeoutSeconds, s.maxRevisionTimeoutSeconds, s.containerConcurrency]).toEqual([300, 900, 4]);
  });

  test('GIVEN config-autoscaler, config-deployment and config-network WHEN read THEN each setting is taken', () => {
    const out = new FindingList();
    const input = settingsFromConfigMaps([
      configMap('config-autoscaler', { 'enable-scale-to-zero': 'false', 'max-scale-limit': '50', 'allow-zero-initial-scale': 'True', 'pod-autoscaler-class': 'hpa.autoscaling.knative.dev' }),
      configMap('config-deployment', { 'progress-deadline': '300s' }),
      configMap('config-network', { 'tag-template': '{{.Name}}-{{.Tag}}' }),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'config-network' }, data: { 'tag-template': 'ignored' } },
    ], out);
    expect(out.items).toEqual([]);
    const s = resolveClusterSettings(input).serving;
    expect(s.enableScaleToZero).toBe(false);
    expect(s.maxScaleLimit).toBe(50);
    expect(s.allowZeroInitialScale).toBe(true);
    expect(s.podAutoscalerClass).toBe('hpa.autoscaling.knative.dev');
    expect(s.progressDeadlineSeconds).toBe(300);
    expect(s.tagTemplate).toBe('{{.Name}}-{{.Tag}}');
  });

  test('GIVEN config-domain and config-network\'s domain keys WHEN read THEN the domains with their selectors, the template, TLS and scheme are taken', () => {
    const out = new FindingList();
    const input = settingsFromConfigMaps([
      configMap('config-domain', { _example: 'ignored', 'example.com': '', 'internal.example.com': 'selector:\n  tier: internal\n' }),
      configMap('config-network', { 'domain-template': '{{.Name}}-{{.Namespace}}.{{.Domain}}', 'auto-tls': 'Enabled', 'default-external-scheme': 'https' }),
    ], out);
    expect(out.items).toEqual([]);
    const s = resolveClusterSettings(input).serving;
    expect(s.domains).toEqual([{ domain: 'example.com', selector: {} }, { domain: 'internal.example.com', selector: { tier: 'internal' } }]);
    expect(s.domainTemplate).toBe('{{.Name}}-{{.Namespace}}.{{.Domain}}');
    expect(s.externalDomainTls).toBe(true);
    expect(s.defaultExternalScheme).toBe('https');
    // external-domain-tls wins over the deprecated auto-tls.
    expect(resolveClusterSettings(settingsFromConfigMaps([configMap('config-network', { 'auto-tls': 'Enabled', 'external-domain-tls': 'Disabled' })], out)).serving.externalDomainTls).toBe(false);
  });

  test('fails if a config-domain entry is not YAML (PROFILE-002 naming ConfigMap/key)', () => {
    const out = new FindingList();
    settingsFromConfigMaps([configMap('config-domain', { 'example.com': 'selector: [unclosed' })], out);
    expect(out.items.map((f) => f.prop)).toEqual(['config-domain/example.com']);
  });

  test('domainForLabels picks the domain as Knative does: cluster-local first, then the most specific selector, then the first name', () => {
    const serving = (domains: { domain: string; selector: Record<string, string> }[]) => resolveClusterSettings({ serving: { domains } }).serving;
    expect(domainForLabels(serving([]), {})).toBe('svc.cluster.local');
    const s = serving([{ domain: 'b.example.com', selector: {} }, { domain: 'a.example.com', selector: {} }, { domain: 'int.example.com', selector: { tier: 'internal' } }]);
    expect(domainForLabels(s, {})).toBe('a.example.com');
    expect(domainForLabels(s, { tier: 'internal' })).toBe('int.example.com');
    expect(domainForLabels(s, { 'networking.knative.dev/visibility': 'cluster-local' })).toBe('svc.cluster.local');
    // Only selector domains: Knative adds svc.<cluster domain> as the default.
    expect(domainForLabels(serving([{ domain: 'int.example.com', selector: { tier: 'internal' } }]), {})).toBe('svc.cluster.local');
  });

  test('hostFromDomainTemplate renders the documented template forms, and nothing else', () => {
    const fields = { name: 'triage', namespace: 'agents', domain: 'example.com', annotations: { sub: 'eu' } };
    expect(hostFromDomainTemplate('{{.Name}}.{{.Namespace}}.{{.Domain}}', fields)).toBe('triage.agents.example.com');
    expect(hostFromDomainTemplate('{{.Name}}-{{ .Namespace }}.{{index .Annotations "sub"}}.{{.Domain}}', fields)).toBe('triage-agents.eu.example.com');
    expect(hostFromDomainTemplate('{{.Name | lower}}.{{.Domain}}', fields)).toBeUndefined();
  });

  test('fails if a boolean or duration cannot be parsed (PROFILE-002 naming ConfigMap/key)', () => {
    const out = new FindingList();
    settingsFromConfigMaps([
      configMap('config-autoscaler', { 'enable-scale-to-zero': 'no' }),
      configMap('config-deployment', { 'progress-deadline': '5 minutes' }),
    ], out);
    expect(out.items.map((f) => [f.rule.id, f.prop])).toEqual([
      ['PROFILE-002', 'config-autoscaler/enable-scale-to-zero'],
      ['PROFILE-002', 'config-deployment/progress-deadline'],
    ]);
  });

  test('GIVEN booleans in every spelling Go\'s strconv.ParseBool accepts WHEN read THEN they are taken; other spellings are PROFILE-002', () => {
    for (const [raw, want] of [['0', false], ['f', false], ['FALSE', false], ['False', false], ['1', true], ['T', true], ['TRUE', true]] as const) {
      const out = new FindingList();
      const input = settingsFromConfigMaps([configMap('config-autoscaler', { 'enable-scale-to-zero': raw })], out);
      expect([raw, out.items]).toEqual([raw, []]);
      expect([raw, resolveClusterSettings(input).serving.enableScaleToZero]).toEqual([raw, want]);
    }
    const out = new FindingList();
    settingsFromConfigMaps([configMap('config-defaults', { 'allow-container-concurrency-zero': 'fAlSe' }), configMap('config-autoscaler', { 'allow-zero-initial-scale': 'yes' })], out);
    expect(out.items.map((f) => [f.rule.id, f.prop])).toEqual([
      ['PROFILE-002', 'config-defaults/allow-container-concurrency-zero'],
      ['PROFILE-002', 'config-autoscaler/allow-zero-initial-scale'],
    ]);
  });

  test('GIVEN ConfigMaps in another namespace WHEN read THEN the serving namespace follows them', () => {
    const cm = configMap('config-features', {});
    const input = settingsFromConfigMaps([{ ...cm, metadata: { ...cm.metadata, namespace: 'serving-system' } }], new FindingList());
    expect(resolveClusterSettings(input).serving.namespace).toBe('serving-system');
  });
});

describe('ClusterProfile', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-configmaps-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function profileApp(props: ClusterProfileProps): { app: App; profile: ClusterProfile } {
    const app = Testing.app();
    AppValidation.of(app).reporter = () => undefined;
    return { app, profile: new ClusterProfile(app, 'cluster', props) };
  }

  function synthFails(app: App): AgentValidationError {
    let caught: unknown;
    try {
      app.synthYaml();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AgentValidationError);
    return caught as AgentValidationError;
  }

  test('GIVEN configMapFiles and props WHEN declared THEN files give the base and props win over them', () => {
    const file = path.join(dir, 'knative.yaml');
    fs.writeFileSync(file, [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: config-autoscaler', '  namespace: knative-serving', 'data:',
      '  max-scale-limit: "10"', '  enable-scale-to-zero: "false"',
      '---',
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: config-features', '  namespace: knative-serving', 'data:',
      '  kubernetes.podspec-nodeselector: Enabled', '  kubernetes.podspec-tolerations: Enabled',
      '',
    ].join('\n'));
    const { app, profile } = profileApp({ configMapFiles: [file], maxScaleLimit: 20, features: { podspecTolerations: FeatureState.DISABLED } });
    expect(profile.settings.serving.maxScaleLimit).toBe(20);
    expect(profile.settings.serving.enableScaleToZero).toBe(false);
    expect(profile.feature('podspecNodeSelector')).toBe(FeatureState.ENABLED);
    expect(profile.feature('podspecTolerations')).toBe(FeatureState.DISABLED);
    expect(profile.settings.source).toBe('cluster');
    expect(AppValidation.of(app).settings).toBe(profile.settings);
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('fails if a configMapFile cannot be read (PROPS-001 naming the file)', () => {
    const missing = path.join(dir, 'missing.yaml');
    const { app } = profileApp({ configMapFiles: [missing] });
    const err = synthFails(app);
    expect(err.report.errors.map((f) => [f.rule.id, f.prop, f.value])).toEqual([['PROPS-001', 'configMapFiles', missing]]);
    expect(err.report.errors[0].problem).toBe('cannot read the file (ENOENT)');
  });

  test('fails if a configMapFile holds a value Knative refuses (PROFILE-002 at the profile)', () => {
    const file = path.join(dir, 'bad-defaults.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-defaults\ndata:\n  revision-timeout-seconds: "abc"\n');
    const err = synthFails(profileApp({ configMapFiles: [file] }).app);
    expect(err.report.errors.map((f) => [f.rule.id, f.where, f.prop])).toEqual([['PROFILE-002', 'cluster', 'config-defaults/revision-timeout-seconds']]);
  });

  test('GIVEN knativeVersion 1.21 WHEN synthesized THEN it is checked with the 1.22 rules and PROFILE-003 warns, never refuses', () => {
    const app = Testing.app();
    const printed: string[] = [];
    AppValidation.of(app).reporter = (line) => printed.push(line);
    new ClusterProfile(app, 'cluster', { knativeVersion: '1.21' });
    expect(() => app.synthYaml()).not.toThrow();
    expect(printed).toEqual([expect.stringMatching(/^warning \[PROFILE-003\] cluster: knativeVersion = "1\.21": Knative 1\.21 is older than the releases the rules implement \(1\.22, 1\.23\): checked with the 1\.22 rules/)]);
  });

  test('fails if revisionTimeout exceeds maxRevisionTimeout (PROFILE-002)', () => {
    const err = synthFails(profileApp({ revisionTimeout: Duration.seconds(700), maxRevisionTimeout: Duration.seconds(600) }).app);
    expect(err.report.errors.map((f) => [f.rule.id, f.prop, f.value])).toEqual([['PROFILE-002', 'revisionTimeout', 700]]);
    expect(err.report.errors[0].problem).toContain('exceeds max-revision-timeout-seconds (600)');
  });

  test('GIVEN revisionTimeout equal to maxRevisionTimeout WHEN synthesized THEN it passes', () => {
    expect(() => profileApp({ revisionTimeout: Duration.seconds(900), maxRevisionTimeout: Duration.seconds(900) }).app.synthYaml()).not.toThrow();
  });
});

describe('each setting is read by a rule', () => {
  /** An app with a profile and one agent; returns the error ids (or []) and what the reporter printed. */
  function run(profile: ClusterProfileProps, props: Partial<AgentKnativeServiceProps>, name = 'agent'): { errors: string[]; printed: string[] } {
    const app = Testing.app();
    const printed: string[] = [];
    AppValidation.of(app).reporter = (line) => printed.push(line);
    new ClusterProfile(app, 'cluster', profile);
    new AgentKnativeService(new Chart(app, 'chart', { namespace: 'agents' }), name, { image: IMAGE, containerConcurrency: 1, ...props });
    try {
      app.synthYaml();
      return { errors: [], printed };
    } catch (e) {
      if (!(e instanceof AgentValidationError)) throw e;
      return { errors: e.report.errors.map((f) => f.rule.id), printed };
    }
  }
  const printedIds = (printed: string[]) => printed.map((l) => /^\w+ \[([^\]]+)\]/.exec(l)?.[1]);

  test('GIVEN enableScaleToZero false WHEN an agent sets minScale 0 THEN KSVC-SCALE-023 warns', () => {
    const { errors, printed } = run({ enableScaleToZero: false }, { scaling: { minScale: 0 } });
    expect(errors).toEqual([]);
    expect(printedIds(printed)).toEqual(['KSVC-SCALE-023']);
    expect(printed[0]).toContain('enable-scale-to-zero: "false"');
    // The upstream default enables scale to zero: no warning.
    expect(run({}, { scaling: { minScale: 0 } })).toEqual({ errors: [], printed: [] });
  });

  test('fails if the cluster disallows containerConcurrency 0 and the agent leaves it unset (KSVC-SPEC-002)', () => {
    expect(run({ allowContainerConcurrencyZero: false }, { containerConcurrency: undefined }).errors).toEqual(['KSVC-SPEC-002']);
    expect(run({ allowContainerConcurrencyZero: false }, { containerConcurrency: 1 }).errors).toEqual([]);
    expect(run({}, { containerConcurrency: undefined }).errors).toEqual([]);
  });

  test('GIVEN progressDeadline 30s WHEN a startup probe may take 100s THEN KSVC-SPEC-004 warns', () => {
    const startupProbe = kplus.Probe.fromHttpGet('/health', { failureThreshold: 10, periodSeconds: Duration.seconds(10) });
    const { errors, printed } = run({ progressDeadline: Duration.seconds(30) }, { startupProbe });
    expect(errors).toEqual([]);
    expect(printedIds(printed)).toEqual(['KSVC-SPEC-004']);
    expect(printed[0]).toContain('the probe may take 100s, longer than the progress deadline (30s)');
    expect(run({}, { startupProbe }).printed).toEqual([]);
  });

  test('fails if the tag-template makes a tag\'s host label longer than 63 characters (KSVC-TRAFFIC-007)', () => {
    const traffic = [{ latestRevision: true, percent: 100, tag: 'candidate-release-2' }];
    // 25 + 1 + 19 + 20 = 65 characters with the custom template; 45 with the upstream one.
    expect(run({ tagTemplate: '{{.Name}}-{{.Tag}}-preview-environment' }, { traffic }, 'jira-triage-agent-service').errors).toEqual(['KSVC-TRAFFIC-007']);
    expect(run({}, { traffic }, 'jira-triage-agent-service').errors).toEqual([]);
  });

  test('GIVEN a lower maxRevisionTimeout WHEN the agent timeout is above it THEN KSVC-SPEC-001', () => {
    const timeout = Duration.seconds(120);
    expect(run({ maxRevisionTimeout: Duration.seconds(60), revisionTimeout: Duration.seconds(60) }, { timeout }).errors).toEqual(['KSVC-SPEC-001']);
    expect(run({}, { timeout }).errors).toEqual([]);
  });

  test('fails if maxScale is above the cluster maxScaleLimit (KSVC-SCALE-007)', () => {
    expect(run({ maxScaleLimit: 10 }, { scaling: { maxScale: 20 } }).errors).toEqual(['KSVC-SCALE-007']);
    expect(run({ maxScaleLimit: 10 }, { scaling: { maxScale: 10 } }).errors).toEqual([]);
    expect(run({}, { scaling: { maxScale: 20 } }).errors).toEqual([]);
  });
});

describe('network settings', () => {
  const errorsOf = (props: ClusterProfileProps) => {
    const app = Testing.app();
    AppValidation.of(app).reporter = () => undefined;
    new ClusterProfile(app, 'cluster', props);
    try {
      app.synthYaml();
      return [];
    } catch (e) {
      if (!(e instanceof AgentValidationError)) throw e;
      return e.report.errors.map((f) => [f.rule.id, f.prop, f.value]);
    }
  };

  test('GIVEN nothing declared THEN the upstream installations: Istio (the default ingress class), knative-eventing, kube-dns, no API server CIDRs', () => {
    expect(resolveClusterSettings().network).toEqual({
      ingressNamespaces: ['istio-system'],
      dnsNamespace: 'kube-system',
      dnsLabels: { 'k8s-app': 'kube-dns' },
      apiServerCidrs: [],
      apiServerPort: 443,
      // prometheus-operator labels every Prometheus pod app.kubernetes.io/name: prometheus
      monitoringNamespace: 'monitoring',
      monitoringLabels: { 'app.kubernetes.io/name': 'prometheus' },
    });
    expect(DEFAULT_SETTINGS.network).toEqual(resolveClusterSettings().network);
  });

  test('GIVEN some network settings THEN they win and the rest keep their defaults', () => {
    const n = resolveClusterSettings({ network: { ingressNamespaces: ['kourier-system'], apiServerCidrs: ['10.0.0.1/32'] } }).network;
    expect([n.ingressNamespaces, n.apiServerCidrs, n.dnsNamespace, n.apiServerPort]).toEqual([['kourier-system'], ['10.0.0.1/32'], 'kube-system', 443]);
  });

  test('GIVEN config-network ingress-class WHEN read THEN the networking layer\'s namespaces follow it', () => {
    const read = (data: Record<string, string>) => resolveClusterSettings(settingsFromConfigMaps([configMap('config-network', data)], new FindingList())).network.ingressNamespaces;
    expect(read({ 'ingress-class': 'kourier.ingress.networking.knative.dev' })).toEqual(['kourier-system']);
    expect(read({ 'ingress.class': 'contour.ingress.networking.knative.dev' })).toEqual(['contour-internal', 'contour-external']);
    expect(read({ 'ingress-class': ' istio.ingress.networking.knative.dev ' })).toEqual(['istio-system']);
    // Other layers install where their operator chose: the default stays until the profile declares it.
    expect(read({ 'ingress-class': 'gateway-api.ingress.networking.knative.dev' })).toEqual(['istio-system']);
    expect(settingsFromConfigMaps([configMap('config-network', {})], new FindingList()).network).toBeUndefined();
  });

  test('GIVEN the ClusterProfile network prop THEN it wins over config-network', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-network-'));
    const file = path.join(dir, 'config-network.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-network, namespace: knative-serving}\ndata: {ingress-class: kourier.ingress.networking.knative.dev}\n');
    const app = Testing.app();
    expect(new ClusterProfile(app, 'cluster', { configMapFiles: [file] }).settings.network.ingressNamespaces).toEqual(['kourier-system']);
    const app2 = Testing.app();
    const p = new ClusterProfile(app2, 'cluster', { configMapFiles: [file], network: { ingressNamespaces: ['gateways'], dnsLabels: { app: 'coredns' }, apiServerPort: 6443 } });
    expect([p.settings.network.ingressNamespaces, p.settings.network.dnsLabels, p.settings.network.apiServerPort]).toEqual([['gateways'], { app: 'coredns' }, 6443]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('fails if a network setting is impossible (PROFILE-002 naming the ClusterProfile prop)', () => {
    expect(errorsOf({ network: { ingressNamespaces: [], dnsLabels: {}, apiServerCidrs: ['10.0.0.1', '10.0.0.0/8'], apiServerPort: 0 } })).toEqual([
      ['PROFILE-002', 'network.ingressNamespaces', []],
      ['PROFILE-002', 'network.dnsLabels', {}],
      ['PROFILE-002', 'network.apiServerCidrs[0]', '10.0.0.1'],
      ['PROFILE-002', 'network.apiServerPort', 0],
    ]);
    expect(errorsOf({ network: { ingressNamespaces: ['kourier-system', 'bad ns'], dnsNamespace: 'a'.repeat(64), dnsLabels: { 'bad key': 'x' } } })).toEqual([
      ['PROFILE-002', 'network.ingressNamespaces[1]', 'bad ns'],
      ['PROFILE-002', 'network.dnsNamespace', 'a'.repeat(64)],
      ['PROFILE-002', 'network.dnsLabels.bad key', 'x'],
    ]);
  });

  test('GIVEN valid network settings at their edges THEN no finding', () => {
    expect(errorsOf({ network: { ingressNamespaces: ['a'], dnsNamespace: 'a'.repeat(63), dnsLabels: { 'example.com/app': '' }, apiServerCidrs: ['fd00::1/128'], apiServerPort: 65535 } })).toEqual([]);
  });

  test('fails if the network prop has wrong types (PROPS-001/002)', () => {
    expect(errorsOf({ network: { apiServerPort: '6443' as any, dnsNamespaces: 'x' } as any }).map(([id, prop]) => [id, prop])).toEqual([
      ['PROPS-001', 'network.apiServerPort'], ['PROPS-002', 'network.dnsNamespaces'],
    ]);
  });
});

describe('the eventing section: Knative Eventing 1.22 config-features', () => {
  const eventingCm = (data: Record<string, string>, namespace = 'knative-eventing') => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-features', namespace }, data,
  });

  test('GIVEN nothing declared WHEN resolved THEN the eventing flags have their upstream defaults', () => {
    const e = resolveClusterSettings().eventing;
    expect(e.namespace).toBe('knative-eventing');
    expect(e.transportEncryption).toBe(TransportEncryption.DISABLED);
    expect(e.defaultAuthorizationMode).toBe(AuthorizationMode.ALLOW_SAME_NAMESPACE);
    expect(Object.keys(e.features).sort()).toEqual(Object.keys(EVENTING_FEATURE_FLAGS).sort());
    // delivery-timeout is the only flag Enabled upstream (features.go#L80-94).
    expect(Object.entries(e.features).filter(([, v]) => v === FeatureState.ENABLED).map(([k]) => k)).toEqual(['deliveryTimeout']);
  });

  test('GIVEN a config-features in knative-eventing WHEN read THEN it sets the eventing flags, not the serving ones', () => {
    const out = new FindingList();
    const input = settingsFromConfigMaps([
      eventingCm({ 'authentication-oidc': 'enabled', 'transport-encryption': 'Strict', 'default-authorization-mode': 'deny-all', 'delivery-timeout': 'Disabled', _example: 'ignored' }),
      configMap('config-features', { 'kubernetes.podspec-affinity': 'Enabled' }),
    ], out);
    expect(out.items).toEqual([]);
    const s = resolveClusterSettings(input);
    expect(s.eventing.features.authenticationOidc).toBe(FeatureState.ENABLED);
    expect(s.eventing.features.deliveryTimeout).toBe(FeatureState.DISABLED);
    expect(s.eventing.transportEncryption).toBe(TransportEncryption.STRICT);
    expect(s.eventing.defaultAuthorizationMode).toBe(AuthorizationMode.DENY_ALL);
    expect(s.serving.features.podspecAffinity).toBe(FeatureState.ENABLED);
    expect(s.serving.namespace).toBe('knative-serving');
  });

  test('GIVEN an eventing ConfigMap in another namespace, labelled as eventing WHEN read THEN the eventing namespace follows it', () => {
    const cm = { ...eventingCm({ 'delivery-retryafter': 'Enabled' }, 'eventing-system'), metadata: { name: 'config-features', namespace: 'eventing-system', labels: { 'knative.dev/config-category': 'eventing' } } };
    const s = resolveClusterSettings(settingsFromConfigMaps([cm], new FindingList()));
    expect(s.eventing.namespace).toBe('eventing-system');
    expect(s.eventing.features.deliveryRetryAfter).toBe(FeatureState.ENABLED);
    expect(s.serving.namespace).toBe('knative-serving');
  });

  test('GIVEN a value Eventing does not understand WHEN read THEN PROFILE-006 warns and the flag is off (Eventing stores it raw)', () => {
    const out = new FindingList();
    const input = settingsFromConfigMaps([eventingCm({ 'delivery-timeout': 'on', 'transport-encryption': 'Enabled' })], out);
    expect(out.items.map((f) => [f.rule.id, f.prop, f.value])).toEqual([
      ['PROFILE-006', 'config-features/delivery-timeout', 'on'],
      ['PROFILE-006', 'config-features/transport-encryption', 'Enabled'],
    ]);
    const s = resolveClusterSettings(input);
    expect(s.eventing.features.deliveryTimeout).toBe(FeatureState.DISABLED);
    expect(s.eventing.transportEncryption).toBe(TransportEncryption.DISABLED);
  });

  test('eventingFeatureAllows opens a gate only for Enabled (every eventing gate is IsEnabled)', () => {
    const s = resolveClusterSettings({ eventing: { features: { kreferenceGroup: FeatureState.ALLOWED, crossNamespaceEventLinks: FeatureState.ENABLED } } });
    expect(eventingFeatureAllows(s, 'kreferenceGroup')).toBe(false);
    expect(eventingFeatureAllows(s, 'crossNamespaceEventLinks')).toBe(true);
    expect(eventingFeatureAllows(s, 'deliveryTimeout')).toBe(true);
  });

  test('GIVEN a ClusterProfile with eventing props and a file WHEN declared THEN props win over the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-evt-'));
    const file = path.join(dir, 'eventing.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-features\n  namespace: knative-eventing\ndata:\n  authentication-oidc: Enabled\n  delivery-retryafter: Enabled\n');
    const app = Testing.app();
    const profile = new ClusterProfile(app, 'cluster', {
      configMapFiles: [file], eventingFeatures: { deliveryRetryAfter: FeatureState.DISABLED }, transportEncryption: TransportEncryption.PERMISSIVE,
    });
    expect(profile.eventingFeature('authenticationOidc')).toBe(FeatureState.ENABLED);
    expect(profile.eventingFeature('deliveryRetryAfter')).toBe(FeatureState.DISABLED);
    expect(profile.settings.eventing.transportEncryption).toBe(TransportEncryption.PERMISSIVE);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('fails if settings given as data hold an impossible eventing value (PROFILE-002)', () => {
    const out = new FindingList();
    checkSettings(resolveClusterSettings({ eventing: { transportEncryption: 'on' as TransportEncryption, namespace: 'Knative_Eventing', metricsProtocol: 'statsd' } }), out);
    expect(out.items.map((f) => [f.rule.id, f.prop])).toEqual([['PROFILE-002', 'eventingNamespace'], ['PROFILE-002', 'transportEncryption'], ['PROFILE-002', 'eventingMetricsProtocol']]);
  });

  test('GIVEN config-observability in knative-eventing and in knative-serving WHEN read THEN each sets its own metrics-protocol (the namespace tells them apart)', () => {
    const out = new FindingList();
    const s = resolveClusterSettings(settingsFromConfigMaps([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-observability', namespace: 'knative-eventing' }, data: { 'metrics-protocol': ' prometheus ', 'metrics-endpoint': ':9092' } },
      configMap('config-observability', { 'metrics-protocol': 'grpc', 'metrics-endpoint': 'http://otel:4317', 'request-metrics-protocol': 'prometheus' }),
    ], out));
    expect(out.items).toEqual([]);
    expect(s.eventing.metricsProtocol).toBe('prometheus');
    expect(s.serving.metricsProtocol).toBe('grpc');
    expect(resolveClusterSettings().eventing.metricsProtocol).toBe('none');
  });

  test('GIVEN an eventing config-observability Knative refuses WHEN read THEN PROFILE-002 names the key and the protocol keeps its default; serving-only keys are not eventing\'s', () => {
    const out = new FindingList();
    const s = resolveClusterSettings(settingsFromConfigMaps([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-observability', namespace: 'knative-eventing' }, data: { 'metrics-protocol': 'http/protobuf', 'request-metrics-protocol': 'bogus' } },
    ], out));
    expect(out.items.map((f) => [f.rule.id, f.prop])).toEqual([['PROFILE-002', 'config-observability/metrics-endpoint']]);
    expect(s.eventing.metricsProtocol).toBe('http/protobuf');
    expect(s.serving.requestMetricsProtocol).toBe('none');
  });

  test('GIVEN a ClusterProfile eventingMetricsProtocol WHEN declared THEN the eventing section has it', () => {
    const app = Testing.app();
    expect(new ClusterProfile(app, 'cluster', { eventingMetricsProtocol: MetricsProtocol.PROMETHEUS }).settings.eventing.metricsProtocol).toBe('prometheus');
  });
});

describe('error messages', () => {
  it('name the other profile for a duplicate ClusterProfile', () => {
    const errors = synthErrors((c) => { profile(c, {}, 'cluster'); profile(c, {}, 'cluster2'); agent(c); });
    expect(errors).toEqual([expect.stringMatching(/^error \[PROFILE-001\] cluster2: ClusterProfile = "cluster2": another profile is declared at cluster\. Fix: /)]);
  });
});

describe('review mends', () => {
  it('read the settings of a ClusterProfile from `kubectl get cm -o yaml` output (a List)', () => {
    const app = Testing.app();
    const file = tempYaml([
      'apiVersion: v1', 'kind: List', 'items:',
      '  - apiVersion: v1', '    kind: ConfigMap', '    metadata: {name: config-features, namespace: knative-serving}',
      '    data: {kubernetes.podspec-nodeselector: Enabled}',
    ].join('\n'));
    const cluster = new ClusterProfile(app, 'cluster', { configMapFiles: [file] });
    expect(cluster.feature('podspecNodeSelector')).toBe(FeatureState.ENABLED);
  });

  it('report a ConfigMap file that holds no Knative settings instead of silently using the defaults', () => {
    const errors = synthErrors((c) => { profile(c, { configMapFiles: [tempYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: agents}\n')] }); agent(c); });
    expect(errors).toEqual([expect.stringMatching(/^error \[PROPS-001\] cluster: configMapFiles = ".*cm\.yaml": no Knative settings ConfigMap \(config-features, /)]);
  });
});
