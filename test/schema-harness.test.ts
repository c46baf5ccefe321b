import { SHARED_CRDS_DIR, validateManifest, validateManifests, validatorFor } from './support/schema';

type SchemaModule = typeof import('./support/schema');

/** A fresh copy of the harness with CRDs disabled (CDK8S_AGENTS_CRDS_DIR=''), to test the fallback. */
function loadWithoutCrds(): SchemaModule {
  const previous = process.env.CDK8S_AGENTS_CRDS_DIR;
  process.env.CDK8S_AGENTS_CRDS_DIR = '';
  try {
    let mod: SchemaModule | undefined;
    jest.isolateModules(() => {
      mod = require('./support/schema');
    });
    return mod!;
  } finally {
    if (previous === undefined) delete process.env.CDK8S_AGENTS_CRDS_DIR;
    else process.env.CDK8S_AGENTS_CRDS_DIR = previous;
  }
}

function knativeService(overrides: { metadata?: any; podSpec?: any; container?: any } = {}): any {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name: 'agent', namespace: 'default', ...overrides.metadata },
    spec: {
      template: {
        spec: {
          containers: [{ image: 'ghcr.io/acme/agent:1.0', ...overrides.container }],
          ...overrides.podSpec,
        },
      },
    },
  };
}

function serviceAccount(extra: any = {}, labels?: Record<string, string>): any {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'agent', namespace: 'default', ...(labels ? { labels } : {}) },
    ...extra,
  };
}

if (!SHARED_CRDS_DIR) {
  console.log('schema-harness: ../shared/crds is absent, CRD-strict tests are skipped (package fallback only)');
}
const describeWithCrds = SHARED_CRDS_DIR ? describe : describe.skip;

describeWithCrds('CRD-strict validation (../shared/crds)', () => {
  it('accepts a minimal Knative Service', () => {
    expect(validatorFor('serving.knative.dev/v1', 'Service')).toBe('crd-strict');
    expect(validateManifest(knativeService())).toEqual([]);
  });

  it('reports a field the Knative CRD does not declare', () => {
    const errors = validateManifest(knativeService({ container: { lifecycle: { preStop: {} } } }));
    expect(errors).toEqual(['spec.template.spec.containers[0].lifecycle: unknown field']);
  });

  it('reports a string where an integer is required', () => {
    const errors = validateManifest(knativeService({ podSpec: { timeoutSeconds: '300' } }));
    expect(errors).toEqual(['spec.template.spec.timeoutSeconds: must be integer']);
  });

  it('reports a non-string annotation value', () => {
    const errors = validateManifest(knativeService({ metadata: { annotations: { 'autoscaling.knative.dev/min-scale': 1 } } }));
    expect(errors).toEqual(['metadata.annotations["autoscaling.knative.dev/min-scale"]: must be string']);
  });

  it('reports an unknown metadata key', () => {
    const errors = validateManifest(knativeService({ metadata: { lables: { app: 'agent' } } }));
    expect(errors).toEqual(['metadata.lables: unknown field']);
  });

  it('accepts anything inside an x-kubernetes-preserve-unknown-fields subtree', () => {
    expect(validateManifest(knativeService({ podSpec: { affinity: { anything: 1 } } }))).toEqual([]);
  });

  it('reports a missing metadata.name', () => {
    const svc = knativeService();
    delete svc.metadata.name;
    expect(validateManifest(svc)).toEqual(['metadata.name: required field is missing']);
  });

  it('accepts a minimal KEDA ScaledObject and reports its missing required fields', () => {
    const scaledObject = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        scaleTargetRef: { name: 'agent' },
        triggers: [{ type: 'cron', metadata: { timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: '1' } }],
      },
    };
    expect(validatorFor('keda.sh/v1alpha1', 'ScaledObject')).toBe('crd-strict');
    expect(validateManifest(scaledObject)).toEqual([]);
    expect(validateManifest({ ...scaledObject, spec: { scaleTargetRef: { name: 'agent' } } })).toEqual([
      'spec.triggers: required field is missing',
    ]);
  });

  it('accepts a minimal Knative eventing Trigger', () => {
    const trigger = {
      apiVersion: 'eventing.knative.dev/v1',
      kind: 'Trigger',
      metadata: { name: 'agent-events', namespace: 'default' },
      spec: {
        broker: 'default',
        subscriber: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'agent' } },
      },
    };
    expect(validatorFor('eventing.knative.dev/v1', 'Trigger')).toBe('crd-strict');
    expect(validateManifest(trigger)).toEqual([]);
    // `spec` preserves unknown fields but the declared `subscriber.ref` below it does not (API server semantics).
    const typo = { ...trigger, spec: { ...trigger.spec, subscriber: { ref: { ...trigger.spec.subscriber.ref, nmae: 'x' } } } };
    expect(validateManifest(typo)).toEqual(['spec.subscriber.ref.nmae: unknown field']);
  });

  it('ignores the ConfigMaps stored next to the CRDs', () => {
    expect(validatorFor('v1', 'ConfigMap')).toBe('package');
  });

  it('validates 100 manifests well under a second once warm', () => {
    const manifests = Array.from({ length: 100 }, (_, i) =>
      i % 2 ? knativeService({ metadata: { name: `agent-${i}` } }) : serviceAccount({}, { app: `agent-${i}` }),
    );
    expect(validateManifests(manifests)).toEqual([]); // warm-up: compiles the validators
    const start = performance.now();
    const errors = validateManifests(manifests);
    const elapsed = performance.now() - start;
    expect(errors).toEqual([]);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe.each([
  ['default harness', () => ({ validateManifest, validateManifests, validatorFor, SHARED_CRDS_DIR }) as SchemaModule],
  ['CRDs disabled', loadWithoutCrds],
])('package fallback (%s)', (_name, load) => {
  let schema: SchemaModule;
  beforeAll(() => {
    schema = load();
  });

  it('accepts a valid ServiceAccount', () => {
    expect(schema.validatorFor('v1', 'ServiceAccount')).toBe('package');
    expect(schema.validateManifest(serviceAccount({ automountServiceAccountToken: false }))).toEqual([]);
  });

  it('reports a wrongly typed field', () => {
    expect(schema.validateManifest(serviceAccount({ automountServiceAccountToken: 'yes' }))).toEqual([
      'automountServiceAccountToken: must be boolean',
    ]);
  });

  it('reports an unknown kind', () => {
    expect(schema.validatorFor('example.com/v1', 'Widget')).toBeUndefined();
    expect(schema.validateManifest({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      'no schema for example.com/v1/Widget',
    ]);
  });

  it('reports a label value longer than 63 characters', () => {
    expect(schema.validateManifest(serviceAccount({}, { team: 'a'.repeat(63) }))).toEqual([]);
    const errors = schema.validateManifest(serviceAccount({}, { team: 'a'.repeat(64) }));
    expect(errors).toEqual(['metadata.labels.team: invalid label value: must be 63 characters or less']);
  });

  it('reports malformed label keys and unknown metadata keys on core kinds', () => {
    const sa = serviceAccount({}, { 'Bad_Prefix/app': 'x' });
    sa.metadata.uid = 'abc';
    expect(schema.validateManifest(sa)).toEqual([
      'metadata.uid: unknown field',
      'metadata.labels["Bad_Prefix/app"]: invalid label key: prefix must be a lowercase DNS subdomain of at most 253 characters',
    ]);
  });

  it('resolves core kinds from their group path', () => {
    expect(schema.validatorFor('apps/v1', 'Deployment')).toBe('package');
    expect(schema.validatorFor('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding')).toBe('package');
    expect(schema.validatorFor('networking.k8s.io/v1', 'NetworkPolicy')).toBe('package');
    expect(schema.validatorFor('v1', 'Container')).toBeUndefined(); // a model, not a manifest kind
    expect(schema.validatorFor('../v1', 'Secret')).toBeUndefined();
  });

  it('never throws and prefixes errors with kind/name', () => {
    expect(schema.validateManifest(null)).toEqual(['(root): manifest must be an object']);
    expect(schema.validateManifest({ kind: 'ServiceAccount' })).toEqual(['(root): apiVersion and kind must be strings']);
    expect(schema.validateManifests([serviceAccount({ automountServiceAccountToken: 1 })])).toEqual([
      'ServiceAccount/agent: automountServiceAccountToken: must be boolean',
    ]);
  });
});

describe('fallback to @kubernetes-models/knative without CRDs', () => {
  const schema = loadWithoutCrds();

  it('reports that CRDs are disabled', () => {
    expect(schema.SHARED_CRDS_DIR).toBeUndefined();
  });

  it('validates Knative Services with the package', () => {
    expect(schema.validatorFor('serving.knative.dev/v1', 'Service')).toBe('package');
    expect(schema.validateManifest(knativeService())).toEqual([]);
    expect(schema.validateManifest(knativeService({ podSpec: { timeoutSeconds: '300' } }))).toEqual([
      'spec.template.spec.timeoutSeconds: must be integer',
    ]);
  });

  it('validates CRD-only kinds with the compact schemas the package ships', () => {
    expect(schema.validatorFor('keda.sh/v1alpha1', 'ScaledObject')).toBe('compact');
    const so = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'w' }, spec: { scaleTargetRef: { name: 'w' }, triggers: [{ type: 'cpu', metadata: { value: '50' } }] } };
    expect(schema.validateManifest(so)).toEqual([]);
    expect(schema.validateManifest({ ...so, spec: { ...so.spec, maxReplicaCount: '30', pollInterval: 5 } })).toEqual([
      'spec.maxReplicaCount: type (expected integer)',
      'spec.pollInterval: unknown-field',
    ]);
    expect(schema.validatorFor('example.com/v1', 'Widget')).toBeUndefined();
  });
});
