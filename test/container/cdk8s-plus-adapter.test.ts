// The cdk8s-plus internals the library reads, pinned: each test fails when an
// upgrade of cdk8s-plus renames or reshapes a private or @internal member.
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { probeHasPort, probeOptionsOf, probeUsesPort, renderProbeJson, renderVolumeJson } from '../../lib/container/cdk8s-plus-adapter';

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
});
