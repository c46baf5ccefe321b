// The plain Kubernetes dialect of the shared pod-spec checks, on an apps/v1
// Deployment through validateObjects: what the API server (and the kubelet)
// refuse on a pod template, without Knative's subset or reserved names.
import { Finding } from '../../lib';
import { validateObjects } from '../../lib/engine/engine';
import { REGISTRY as DEFAULT_REGISTRY } from '../../lib/registry';
import { DEFAULT_SETTINGS } from '../../lib/settings/settings';

/** A hardened Deployment the API server and the kubelet accept. */
function deployment(pod: Record<string, unknown> = {}, container: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'worker', namespace: 'agents' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'worker' } },
      template: {
        metadata: { labels: { app: 'worker' } },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'worker',
            image: 'ghcr.io/acme/worker:2.1.0',
            ports: [{ containerPort: 9090, name: 'metrics' }],
            env: [
              { name: 'LOG_LEVEL', value: 'info' },
              { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'worker-secrets', key: 'api-key' } } },
            ],
            resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
            readinessProbe: { httpGet: { path: '/ready', port: 9090 }, periodSeconds: 5, successThreshold: 2 },
            livenessProbe: { tcpSocket: { port: 9090 }, successThreshold: 1 },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'cache', mountPath: '/var/cache/worker' }],
            ...container,
          }],
          volumes: [{ name: 'cache', emptyDir: {} }],
          ...pod,
        },
      },
    },
  };
}

const C0 = 'spec.template.spec.containers[0]';
const validate = (object: unknown) => validateObjects([{ object, where: 'worker.yaml#0' }], DEFAULT_SETTINGS, DEFAULT_REGISTRY);
/** `id field` of every finding. */
const found = (object: unknown) => validate(object).findings.map((f: Finding) => `${f.rule.id} ${f.field}`);

describe('plain Kubernetes Deployment: near misses that pass', () => {
  test('GIVEN a clean hardened Deployment WHEN validated THEN there are no findings and it counts as checked', () => {
    const r = validate(deployment());
    expect(r.findings).toEqual([]);
    expect(r.checked).toBe(1);
  });

  test('GIVEN a volume no container mounts WHEN validated THEN it passes (Knative would reject it)', () => {
    const volumes = [{ name: 'cache', emptyDir: {} }, { name: 'spare', emptyDir: {} }];
    expect(found(deployment({ volumes }))).toEqual([]);
    const ksvc = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'agent' },
      spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/agent:1', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }], volumes } } } };
    expect(found(ksvc)).toEqual(['KSVC-VOL-002 spec.template.spec.volumes']);
  });

  test('GIVEN a mount at /dev WHEN validated THEN it passes in plain Kubernetes', () => {
    const volumes = [{ name: 'cache', emptyDir: {} }, { name: 'devices', hostPath: { path: '/dev' } }];
    expect(found(deployment({ volumes }, { volumeMounts: [{ name: 'cache', mountPath: '/var/cache/worker' }, { name: 'devices', mountPath: '/dev' }] }))).toEqual([]);
  });

  test('GIVEN what only Knative reserves (port 9090, a container named queue-proxy, env PORT, several ports, a pod securityContext) WHEN validated THEN it passes', () => {
    expect(found(deployment({}, { name: 'queue-proxy', env: [{ name: 'PORT', value: '9090' }], ports: [{ containerPort: 9090 }, { containerPort: 8012 }] }))).toEqual([]);
  });

  test('GIVEN a readiness probe with successThreshold above 1 WHEN validated THEN it passes (only liveness and startup need 1)', () => {
    expect(found(deployment({}, { readinessProbe: { exec: { command: ['true'] }, successThreshold: 3 } }))).toEqual([]);
  });

  test('GIVEN runAsNonRoot with a non-zero user at pod level and an override at container level WHEN validated THEN it passes', () => {
    expect(found(deployment({ securityContext: { runAsNonRoot: true, runAsUser: 0 } }, { securityContext: { runAsUser: 10001 } }))).toEqual([]);
    expect(found(deployment({ securityContext: { runAsNonRoot: true, runAsUser: 0 } }, { securityContext: { runAsNonRoot: false } }))).toEqual([]);
  });
});

describe('plain Kubernetes Deployment: rules that fail', () => {
  test('fails if a container has no image (POD-CTR-001)', () => {
    expect(found(deployment({}, { image: undefined }))).toEqual([`POD-CTR-001 ${C0}.image`]);
    expect(found(deployment({}, { image: '' }))).toEqual([`POD-CTR-001 ${C0}.image`]);
  });

  test('fails if a container name is invalid, duplicate or missing (POD-CTR-002)', () => {
    const c = (name: string | undefined) => ({ name, image: 'ghcr.io/acme/worker:2.1.0' });
    const object = deployment({ volumes: undefined, containers: [c('Worker'), c('sidecar'), c('sidecar'), c(undefined)] });
    expect(found(object)).toEqual([
      'POD-CTR-002 spec.template.spec.containers[0].name',
      'POD-CTR-002 spec.template.spec.containers[2].name',
      'POD-CTR-002 spec.template.spec.containers[3].name',
    ]);
    expect(validate(object).findings.map((f) => f.problem)).toEqual(['not a DNS-1123 label', 'duplicate container name', 'every container needs a name']);
  });

  test('fails if an init container reuses a container name (POD-CTR-002)', () => {
    expect(found(deployment({ initContainers: [{ name: 'worker', image: 'busybox:1.36' }] }))).toEqual(['POD-CTR-002 spec.template.spec.initContainers[0].name']);
  });

  test('fails if an env name is invalid (POD-ENV-002)', () => {
    expect(found(deployment({}, { env: [{ name: '1_TOKEN', value: 'x' }, { name: 'HAS SPACE', value: 'y' }] }))).toEqual([
      `POD-ENV-002 ${C0}.env[0].name`,
      `POD-ENV-002 ${C0}.env[1].name`,
    ]);
  });

  test('GIVEN an env var defined twice WHEN validated THEN POD-ENV-003 is an error at the second (the first is never read)', () => {
    const r = validate(deployment({}, { env: [{ name: 'MODE', value: 'a' }, { name: 'OTHER', value: 'b' }, { name: 'MODE', value: 'c' }] }));
    expect(r.findings.map((f) => [f.rule.id, f.severity, f.field, f.value])).toEqual([['POD-ENV-003', 'error', `${C0}.env[2].name`, 'MODE']]);
  });

  test('fails if a secretKeyRef key is not a valid key (POD-ENV-001)', () => {
    const env = [{ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'worker-secrets', key: 'bad key' } } }];
    const r = validate(deployment({}, { env }));
    expect(r.findings.map((f) => [f.rule.id, f.field, f.value])).toEqual([['POD-ENV-001', `${C0}.env[0].valueFrom.secretKeyRef.key`, 'bad key']]);
  });

  test('fails if a configMapKeyRef or envFrom names an invalid object (POD-ENV-001)', () => {
    const env = [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'Worker_Config', key: 'a' } } }];
    expect(found(deployment({}, { env, envFrom: [{ secretRef: { name: 'UPPER' } }] }))).toEqual([
      `POD-ENV-001 ${C0}.env[0].valueFrom.configMapKeyRef.name`,
      `POD-ENV-001 ${C0}.envFrom[0].secretRef.name`,
    ]);
  });

  test('fails if a request exceeds its limit (POD-RES-001), comparing quantities not text', () => {
    const resources = { requests: { cpu: '1500m', memory: '2Gi' }, limits: { cpu: '1', memory: '2048Mi' } };
    const r = validate(deployment({}, { resources }));
    expect(r.findings.map((f) => [f.rule.id, f.field, f.value])).toEqual([['POD-RES-001', `${C0}.resources.requests.cpu`, '1500m']]);
  });

  test('fails if a probe has two handlers or a liveness probe has successThreshold 2 (POD-PROBE-001)', () => {
    const object = deployment({}, {
      readinessProbe: { httpGet: { path: '/ready', port: 9090 }, tcpSocket: { port: 9090 } },
      livenessProbe: { tcpSocket: { port: 9090 }, successThreshold: 2 },
    });
    expect(found(object)).toEqual([`POD-PROBE-001 ${C0}.readinessProbe`, `POD-PROBE-001 ${C0}.livenessProbe.successThreshold`]);
  });

  test('fails if a probe has no handler or a negative number (POD-PROBE-001)', () => {
    expect(found(deployment({}, { startupProbe: { periodSeconds: -1, exec: { command: ['true'] } }, livenessProbe: { periodSeconds: 5 } }))).toEqual([
      `POD-PROBE-001 ${C0}.livenessProbe`,
      `POD-PROBE-001 ${C0}.startupProbe.periodSeconds`,
    ]);
  });

  test('fails if runAsUser is -1 at pod or container level (POD-SEC-003)', () => {
    expect(found(deployment({ securityContext: { runAsUser: -1 } }))).toEqual(['POD-SEC-003 spec.template.spec.securityContext.runAsUser']);
    expect(found(deployment({}, { securityContext: { runAsUser: -1 } }))).toEqual([`POD-SEC-003 ${C0}.securityContext.runAsUser`]);
    expect(found(deployment({ securityContext: { fsGroup: 2147483648 } }))).toEqual(['POD-SEC-003 spec.template.spec.securityContext.fsGroup']);
  });

  test('fails if volume names are duplicate (POD-VOL-001)', () => {
    const r = validate(deployment({ volumes: [{ name: 'cache', emptyDir: {} }, { name: 'cache', emptyDir: {} }] }));
    expect(r.findings.map((f) => [f.rule.id, f.field, f.problem])).toEqual([['POD-VOL-001', 'spec.template.spec.volumes[1].name', 'duplicate volume name']]);
  });

  test('fails if a mount names an undeclared volume (POD-VOL-002)', () => {
    const r = validate(deployment({}, { volumeMounts: [{ name: 'cache', mountPath: '/var/cache/worker' }, { name: 'models', mountPath: '/models' }] }));
    expect(r.findings.map((f) => [f.rule.id, f.field, f.value])).toEqual([['POD-VOL-002', `${C0}.volumeMounts[1].name`, 'models']]);
  });

  test('fails if a mount path is relative or repeated in the container (POD-VOL-003)', () => {
    const volumes = [{ name: 'cache', emptyDir: {} }, { name: 'tmp', emptyDir: {} }];
    expect(found(deployment({ volumes }, { volumeMounts: [{ name: 'cache', mountPath: 'var/cache' }, { name: 'tmp', mountPath: '/tmp' }, { name: 'cache', mountPath: '/tmp/' }] }))).toEqual([
      `POD-VOL-003 ${C0}.volumeMounts[0].mountPath`,
      `POD-VOL-003 ${C0}.volumeMounts[2].mountPath`,
    ]);
  });

  test('fails if runAsNonRoot meets runAsUser 0 at pod level (POD-SEC-001)', () => {
    const r = validate(deployment({ securityContext: { runAsNonRoot: true, runAsUser: 0 } }));
    expect(r.findings.map((f) => [f.rule.id, f.value])).toEqual([['POD-SEC-001', 0]]);
    expect(r.findings[0].problem).toContain('non-root with UID 0');
  });

  test('fails if runAsNonRoot meets runAsUser 0 at container level, or across the levels (POD-SEC-001)', () => {
    expect(found(deployment({ securityContext: undefined }, { securityContext: { runAsNonRoot: true, runAsUser: 0 } }))).toEqual([`POD-SEC-001 ${C0}.securityContext.runAsUser`]);
    expect(found(deployment({ securityContext: { runAsNonRoot: true } }, { securityContext: { runAsUser: 0 } }))).toEqual([`POD-SEC-001 ${C0}.securityContext.runAsUser`]);
  });

  test('fails if a Localhost seccomp profile has no localhostProfile, or another type has one (POD-SEC-002)', () => {
    expect(found(deployment({ securityContext: { seccompProfile: { type: 'Localhost' } } }))).toEqual(['POD-SEC-002 spec.template.spec.securityContext.seccompProfile.localhostProfile']);
    expect(found(deployment({}, { securityContext: { seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'profiles/audit.json' } } })))
      .toEqual([`POD-SEC-002 ${C0}.securityContext.seccompProfile.localhostProfile`]);
    expect(found(deployment({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } } }))).toEqual([]);
  });

  test('GIVEN many problems in one Deployment WHEN validated THEN every one is reported, in pod-spec order', () => {
    const object = deployment({ volumes: [{ name: 'cache', emptyDir: {} }, { name: 'cache', emptyDir: {} }] }, {
      image: undefined,
      env: [{ name: '1X', value: 'a' }],
      resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } },
      volumeMounts: [{ name: 'nope', mountPath: 'relative' }],
    });
    expect(validate(object).findings.map((f) => f.rule.id)).toEqual(['POD-CTR-001', 'POD-ENV-002', 'POD-RES-001', 'POD-VOL-001', 'POD-VOL-002', 'POD-VOL-003']);
  });
});
