// The cdk8s-plus internals the library reads, pinned: each test fails when an
// upgrade of cdk8s-plus renames or reshapes a private or @internal member.
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { spawnSync } from 'child_process';
import * as path from 'path';
import {
  ACCESS_MODES, cdk8sPlus, FS_GROUP_CHANGE_POLICIES, IMAGE_PULL_POLICIES, isProbe, probeHasPort, probeOptionsOf, probeUsesPort, renderProbeJson, renderTolerationJson, renderVolumeJson, SECCOMP_PROFILE_TYPES,
} from '../../lib/container/cdk8s-plus-adapter';

const scope = () => new Chart(Testing.app(), 'c');

describe('the private fields of Probe', () => {
  test('probeOptions, httpGetOptions, tcpSocketOptions and commandOptions are own fields, named so', () => {
    expect(Object.keys(kplus.Probe.fromHttpGet('/h'))).toEqual(expect.arrayContaining(['probeOptions', 'httpGetOptions']));
    expect(Object.keys(kplus.Probe.fromTcpSocket())).toEqual(expect.arrayContaining(['probeOptions', 'tcpSocketOptions']));
    expect(Object.keys(kplus.Probe.fromCommand(['true']))).toEqual(expect.arrayContaining(['probeOptions', 'commandOptions']));
  });

  test('probeOptionsOf reads the options a probe was created with', () => {
    const period = Duration.seconds(5);
    expect(probeOptionsOf(kplus.Probe.fromHttpGet('/h', { failureThreshold: 5, periodSeconds: period }))).toMatchObject({ failureThreshold: 5, periodSeconds: period });
    expect(probeOptionsOf(kplus.Probe.fromCommand(['true'], { initialDelaySeconds: period })).initialDelaySeconds).toBe(period);
    expect(probeOptionsOf(kplus.Probe.fromTcpSocket()).failureThreshold).toBeUndefined();
  });

  test('probeHasPort and probeUsesPort read the HTTP and TCP options', () => {
    expect([kplus.Probe.fromHttpGet('/h', { port: 9 }), kplus.Probe.fromTcpSocket({ port: 9 }), kplus.Probe.fromHttpGet('/h'), kplus.Probe.fromTcpSocket(), kplus.Probe.fromCommand(['true'])]
      .map((p) => [probeUsesPort(p), probeHasPort(p)])).toEqual([[true, true], [true, true], [true, false], [true, false], [false, false]]);
  });
});

describe('the @internal renderers', () => {
  test('Probe._toKube renders Kubernetes JSON, the container\'s port unless the probe names one', () => {
    expect(renderProbeJson(kplus.Probe.fromHttpGet('/h', { periodSeconds: Duration.seconds(5) }), 8080)).toEqual({
      httpGet: { path: '/h', port: expect.objectContaining({ value: 8080 }), scheme: 'HTTP' },
      failureThreshold: 3, periodSeconds: 5, initialDelaySeconds: undefined, successThreshold: undefined, timeoutSeconds: undefined,
      exec: undefined, tcpSocket: undefined, host: undefined,
    });
    expect(renderProbeJson(kplus.Probe.fromTcpSocket({ port: 9 }), 8080).tcpSocket.port.value).toBe(9);
    expect(renderProbeJson(kplus.Probe.fromCommand(['true'])).exec).toEqual({ command: ['true'] });
  });

  test('Volume._toKube renders the volume and its source', () => {
    const s = scope();
    expect(renderVolumeJson(kplus.Volume.fromEmptyDir(s, 'e', 'scratch'))).toEqual({ name: 'scratch', emptyDir: {} });
    expect(renderVolumeJson(kplus.Volume.fromConfigMap(s, 'v', kplus.ConfigMap.fromConfigMapName(s, 'cm', 'agent-config'), { name: 'config' })))
      .toEqual({ name: 'config', configMap: { name: 'agent-config' } });
    expect(renderVolumeJson(kplus.Volume.fromPersistentVolumeClaim(s, 'p', kplus.PersistentVolumeClaim.fromClaimName(s, 'pvc', 'data'), { readOnly: true })))
      .toEqual({ name: expect.any(String), persistentVolumeClaim: { claimName: 'data', readOnly: true } });
  });

  test('NodeTaintQuery._toKube renders the toleration; a fractional evictAfter throws (the container reports it)', () => {
    expect(renderTolerationJson(kplus.NodeTaintQuery.is('dedicated', 'agents', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.minutes(1) })))
      .toEqual({ key: 'dedicated', operator: 'Equal', value: 'agents', effect: 'NoExecute', tolerationSeconds: 60 });
    expect(renderTolerationJson(kplus.NodeTaintQuery.any())).toEqual({ operator: 'Exists' });
    expect(() => renderTolerationJson(kplus.NodeTaintQuery.exists('k', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.millis(1500) }))).toThrow();
  });
});

describe('cdk8s-plus loaded when first needed', () => {
  test('the enum values the library keeps are cdk8s-plus\'s', () => {
    expect(IMAGE_PULL_POLICIES).toEqual({ ...kplus.ImagePullPolicy });
    expect(SECCOMP_PROFILE_TYPES).toEqual({ ...kplus.SeccompProfileType });
    expect(FS_GROUP_CHANGE_POLICIES).toEqual({ ...kplus.FsGroupChangePolicy });
    expect(ACCESS_MODES).toEqual({ ...kplus.PersistentVolumeAccessMode });
  });

  test('cdk8sPlus() is the module; isProbe tells a Probe from anything else', () => {
    expect(cdk8sPlus()).toBe(kplus);
    expect([kplus.Probe.fromTcpSocket(), {}, null, undefined, 'probe'].map(isProbe)).toEqual([true, false, false, false, false]);
  });

  test('an app of agents with no cdk8s-plus object synthesizes without loading cdk8s-plus', () => {
    const root = path.join(__dirname, '..', '..');
    const script = `
      const { Chart } = require('cdk8s');
      const lib = require('./lib');
      const app = new lib.AgentApp({ outdir: require('os').tmpdir() });
      const chart = new Chart(app, 'c', { namespace: 'agents' });
      const secrets = new lib.AgentSecrets(chart, 's', { store: lib.SecretStore.cluster('vault'), keys: { K: 'k' } });
      new lib.AgentKnativeService(chart, 'a', { image: 'ghcr.io/acme/a:1.0.0', secrets: [secrets] });
      new lib.AgentWorker(chart, 'w', { image: 'ghcr.io/acme/w:1.0.0', minReplicas: 1, triggers: [lib.ScaleTrigger.cpu({ utilization: 50 })] });
      app.synthYaml();
      console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('cdk8s-plus-28')).length));
    `;
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('0');
  });
});
