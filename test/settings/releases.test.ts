// The Knative release the cluster runs: where it is declared (repository
// config, ClusterProfile, check options), which rules and schemas check it,
// and the ConfigMaps of 1.23 read as settings inputs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { AgentValidationError, AppValidation, ClusterProfile, FeatureState } from '../../lib';
import { checkFiles } from '../../lib/cli/manifests';
import { FindingList } from '../../lib/engine/rule';
import { schemaReleasesShipped } from '../../lib/engine/schema-check';
import { settingsFromConfigMaps } from '../../lib/settings/configmaps';
import { DEFAULT_KNATIVE_RELEASE, featureAllows, KNATIVE_RELEASES, resolveClusterSettings, rulesRelease } from '../../lib/settings/settings';
import { REGISTRY } from '../../lib/registry';
import { EPHEMERAL, ksvc, SIDECAR_STARTUP_PROBE } from './releases.cases';
import { agent } from '../serving/fixtures';

const UPSTREAM_1_23 = path.resolve(__dirname, '../../../shared/upstream/knative-serving-1.23');

describe('the release whose rules check a cluster', () => {
  test('GIVEN a release the catalogue implements WHEN chosen THEN its own rules', () => {
    expect(KNATIVE_RELEASES).toEqual(['1.22', '1.23']);
    expect(rulesRelease('1.22')).toBe('1.22');
    expect(rulesRelease('v1.22.1')).toBe('1.22');
    expect(rulesRelease('1.23.0')).toBe('1.23');
  });

  test('GIVEN a newer release WHEN chosen THEN the newest rules; an older one, the oldest; no release, the default', () => {
    expect(rulesRelease('1.24')).toBe('1.23');
    expect(rulesRelease('2.0')).toBe('1.23');
    expect(rulesRelease('1.21')).toBe('1.22');
    expect(rulesRelease('0.26')).toBe('1.22');
    expect(rulesRelease('latest')).toBe(DEFAULT_KNATIVE_RELEASE);
    expect(rulesRelease(undefined)).toBe(DEFAULT_KNATIVE_RELEASE);
    expect(rulesRelease(1.22)).toBe(DEFAULT_KNATIVE_RELEASE);
  });

  test('the default is 1.23, the release upstream still supports', () => {
    expect(DEFAULT_KNATIVE_RELEASE).toBe('1.23');
    expect(resolveClusterSettings().knativeVersion).toBe('1.23');
  });

  test('compact schemas are shipped for every Knative Serving release the rules implement, and picked by the settings', () => {
    expect(schemaReleasesShipped()['knative-serving']).toEqual([...KNATIVE_RELEASES]);
    expect(REGISTRY.schemaReleases(resolveClusterSettings({ knativeVersion: '1.22' }))).toEqual({ 'knative-serving': '1.22' });
    expect(REGISTRY.schemaReleases(resolveClusterSettings({ knativeVersion: '1.24' }))).toEqual({ 'knative-serving': '1.23' });
    expect(REGISTRY.schemaReleases(resolveClusterSettings())).toEqual({ 'knative-serving': '1.23' });
  });

  test('a flag a release lacks opens nothing there, whatever it is declared', () => {
    const enabled = { serving: { features: { podspecVolumesEphemeral: FeatureState.ENABLED } } };
    expect(featureAllows(resolveClusterSettings({ ...enabled, knativeVersion: '1.22' }), 'podspecVolumesEphemeral')).toBe(false);
    expect(featureAllows(resolveClusterSettings({ ...enabled, knativeVersion: '1.23' }), 'podspecVolumesEphemeral')).toBe(true);
    expect(featureAllows(resolveClusterSettings({ ...enabled, knativeVersion: '1.25' }), 'podspecVolumesEphemeral')).toBe(true);
  });
});

describe('the repository config picks the release', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-releases-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writeConfig = (release: string | undefined) => {
    const file = path.join(dir, 'cdk8s-agents.yaml');
    fs.writeFileSync(file, release === undefined ? 'cluster: {}\n' : `cluster:\n  releases: { knative: "${release}" }\n`);
    return file;
  };

  /** Synthesizes an agent with a sidecar startup probe under the profile of `file`; returns the rule ids printed or thrown. */
  function synthWithConfig(file: string): string[] {
    const app = Testing.app();
    const printed: string[] = [];
    AppValidation.of(app).reporter = (line) => printed.push(line);
    ClusterProfile.fromRepositoryConfig(app, 'cluster', file);
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    agent(chart).addOverride('spec.template.spec.containers.1', SIDECAR_STARTUP_PROBE.containers[1]);
    try {
      app.synthYaml();
    } catch (e) {
      if (!(e instanceof AgentValidationError)) throw e;
      return [...e.report.warnings, ...e.report.errors].map((f) => f.rule.id);
    }
    return printed.map((l) => /\[([A-Z0-9-]+)\]/.exec(l)?.[1] ?? l);
  }

  test('GIVEN releases.knative "1.22" WHEN synthesized THEN the 1.22 rules pass a sidecar startup probe', () => {
    expect(synthWithConfig(writeConfig('1.22'))).toEqual([]);
  });

  test('GIVEN releases.knative "1.23" (or none: the default) WHEN synthesized THEN the 1.23 rules refuse it (KSVC-POD-001)', () => {
    expect(synthWithConfig(writeConfig('1.23'))).toEqual(['KSVC-POD-001']);
    expect(synthWithConfig(writeConfig(undefined))).toEqual(['KSVC-POD-001']);
  });

  test('GIVEN releases.knative "1.24" WHEN synthesized THEN the 1.23 rules, and PROFILE-003 warns', () => {
    expect(synthWithConfig(writeConfig('1.24'))).toEqual(['PROFILE-003', 'KSVC-POD-001']);
  });

  test('GIVEN releases.knative WHEN check reads the config THEN the schemas and rules of that release check the files', () => {
    const manifest = path.join(dir, 'agent.yaml');
    fs.writeFileSync(manifest, JSON.stringify(ksvc(EPHEMERAL)));
    const run = (release: string | undefined, knativeVersion?: string) => {
      writeConfig(release);
      const outcome = checkFiles({ paths: ['agent.yaml'], cwd: dir, knativeVersion });
      return outcome.findings.map((f) => `${f.severity} ${f.rule.id} ${f.field || f.prop}`);
    };
    expect(run('1.22')).toEqual([
      'error SCHEMA-001 spec.template.spec.volumes[0].ephemeral',
      'error KSVC-VOL-003 spec.template.spec.volumes[0].ephemeral',
    ]);
    expect(run('1.23')).toEqual(['error KSVC-VOL-003 spec.template.spec.volumes[0].ephemeral']);
    // --knative-version wins over the config.
    expect(run('1.22', '1.23')).toEqual(['error KSVC-VOL-003 spec.template.spec.volumes[0].ephemeral']);
    // check lists errors first, then warnings.
    expect(run('1.30')).toEqual(['error KSVC-VOL-003 spec.template.spec.volumes[0].ephemeral', 'warning PROFILE-003 knativeVersion']);
  });
});

describe('config-deployment and config-observability as settings inputs', () => {
  const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'knative-serving' }, data });
  const problems = (...objects: unknown[]) => {
    const out = new FindingList();
    settingsFromConfigMaps(objects, out);
    return out.items.map((f) => [f.rule.id, f.prop]);
  };

  (fs.existsSync(UPSTREAM_1_23) ? test : test.skip)('GIVEN the 1.23 ConfigMaps as released WHEN read THEN nothing is refused', () => {
    const objects = ['config-deployment.yaml', 'config-observability.yaml', 'config-features.yaml', 'config-defaults.yaml', 'config-autoscaler.yaml']
      .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(UPSTREAM_1_23, f), 'utf8')).map((d) => d.toJS()));
    expect(problems(...objects)).toEqual([]);
    // The `_example` block is documentation, not settings: its values (a metrics endpoint with no protocol...) are not read.
    const out = new FindingList();
    expect(settingsFromConfigMaps(objects, out).serving?.progressDeadlineSeconds).toBeUndefined();
  });

  test('GIVEN config-observability values its webhook refuses WHEN read THEN PROFILE-002 names each key', () => {
    expect(problems(configMap('config-observability', {
      'metrics-protocol': 'otlp',
      'request-metrics-protocol': 'grpc',
      'tracing-protocol': 'none', 'tracing-endpoint': 'http://jaeger:4318',
      'tracing-sampling-rate': '1.5',
      'metrics-export-interval': '1 minute',
      'runtime-profiling': 'on',
      'logging.enable-request-log': 'true', 'logging.request-log-template': '',
    }))).toEqual([
      ['PROFILE-002', 'config-observability/metrics-protocol'],
      ['PROFILE-002', 'config-observability/request-metrics-endpoint'],
      ['PROFILE-002', 'config-observability/tracing-endpoint'],
      ['PROFILE-002', 'config-observability/metrics-export-interval'],
      ['PROFILE-002', 'config-observability/tracing-sampling-rate'],
      ['PROFILE-002', 'config-observability/runtime-profiling'],
      ['PROFILE-002', 'config-observability/logging.request-log-template'],
    ]);
  });

  test('GIVEN config-observability at the edges WHEN read THEN nothing is refused', () => {
    expect(problems(configMap('config-observability', {
      'metrics-protocol': 'prometheus',
      'request-metrics-protocol': 'http/protobuf', 'request-metrics-endpoint': 'http://prometheus:9090/api/v1/otlp/v1/metrics',
      'tracing-protocol': 'stdout',
      'tracing-sampling-rate': '0',
      'metrics-export-interval': '0',
      'runtime-profiling': 'disabled',
      'logging.enable-request-log': 'false', 'logging.request-log-template': '',
    }))).toEqual([]);
  });

  test('GIVEN config-observability metrics protocols WHEN read THEN the settings hold them (a refused one is not read)', () => {
    const read = (data: Record<string, string>) => settingsFromConfigMaps([configMap('config-observability', data)], new FindingList()).serving;
    expect(read({ 'metrics-protocol': ' prometheus ', 'request-metrics-protocol': 'prometheus' })).toMatchObject({ metricsProtocol: 'prometheus', requestMetricsProtocol: 'prometheus' });
    expect(read({ 'metrics-protocol': 'otlp' })).not.toHaveProperty('metricsProtocol');
    expect(read({})).not.toHaveProperty('requestMetricsProtocol');
  });

  test('GIVEN config-deployment values its webhook refuses WHEN read THEN PROFILE-002; valid ones pass', () => {
    expect(problems(configMap('config-deployment', {
      'digest-resolution-timeout': '0s',
      'queue-sidecar-cpu-request': '25 millicores',
      'default-affinity-type': 'spread',
      'pod-is-always-schedulable': 'sometimes',
    }))).toEqual([
      ['PROFILE-002', 'config-deployment/digest-resolution-timeout'],
      ['PROFILE-002', 'config-deployment/queue-sidecar-cpu-request'],
      ['PROFILE-002', 'config-deployment/pod-is-always-schedulable'],
      ['PROFILE-002', 'config-deployment/default-affinity-type'],
    ]);
    expect(problems(configMap('config-deployment', {
      'digest-resolution-timeout': '10s', 'queue-sidecar-cpu-request': '25m', 'queue-sidecar-memory-limit': '800Mi',
      'default-affinity-type': 'prefer-spread-revision-over-nodes', 'pod-is-always-schedulable': 'false', 'progress-deadline': '600s',
    }))).toEqual([]);
  });

  test('GIVEN a configMapFiles entry holding only config-observability WHEN declared THEN it is a settings file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-o11y-'));
    const file = path.join(dir, 'o11y.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-observability, namespace: knative-serving}\ndata:\n  metrics-protocol: prometheus\n');
    const app = Testing.app();
    AppValidation.of(app).reporter = () => undefined;
    new ClusterProfile(app, 'cluster', { configMapFiles: [file] });
    expect(() => app.synthYaml()).not.toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
