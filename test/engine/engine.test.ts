// validateObjects as a pure function: objects and settings in, findings out.
// No App, no Chart, no construct tree.
import fc from 'fast-check';
import { CrossObjectValidator, Located, ManifestValidator, objectLabel, validateObjects, ValidationResult, ValidatorRegistry } from '../../lib/engine/engine';
import { REGISTRY as DEFAULT_REGISTRY } from '../../lib/registry';
import { DEFAULT_SETTINGS, resolveClusterSettings } from '../../lib/settings/settings';

const KSVC = 'serving.knative.dev/v1';

/** A Knative Service the 1.22 webhook accepts with upstream defaults. */
function knativeService(name = 'agent', o: { spec?: any; container?: any; annotations?: Record<string, string> } = {}): any {
  return {
    apiVersion: KSVC,
    kind: 'Service',
    metadata: { name, namespace: 'agents', labels: { 'networking.knative.dev/visibility': 'cluster-local' } },
    spec: {
      template: {
        ...(o.annotations ? { metadata: { annotations: o.annotations } } : {}),
        spec: {
          containerConcurrency: 1,
          timeoutSeconds: 90,
          containers: [{
            name: 'agent',
            image: 'ghcr.io/acme/agent:1.0.0',
            ports: [{ containerPort: 8080 }],
            resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
            readinessProbe: { httpGet: { path: '/health' } },
            ...o.container,
          }],
          ...o.spec,
        },
      },
      traffic: [{ latestRevision: true, percent: 100 }],
    },
  };
}

const at = (object: unknown, where: string, extra: Partial<Located> = {}): Located => ({ object, where, ...extra });
const ids = (r: ValidationResult) => r.findings.map((f) => f.rule.id);
const validate = (objects: Located[], registry = DEFAULT_REGISTRY) => validateObjects(objects, DEFAULT_SETTINGS, registry);

describe('validateObjects: a valid object', () => {
  test('GIVEN a valid Knative Service WHEN validated THEN there are no findings and it counts as checked', () => {
    const r = validate([at(knativeService(), 'agent.yaml#0')]);
    expect(r.findings).toEqual([]);
    expect(r.acknowledged).toEqual([]);
    expect(r.checked).toBe(1);
    expect(r.passedThrough).toBe(0);
  });

  test('GIVEN no objects WHEN validated THEN nothing is counted', () => {
    expect(validate([])).toEqual({ findings: [], acknowledged: [], checked: 0, passedThrough: 0 });
  });
});

describe('validateObjects: a finding carries where it is', () => {
  test('GIVEN a reserved port WHEN validated THEN the finding names where, Kind/ns/name, field, value, problem and fix', () => {
    const r = validate([at(knativeService('jira', { container: { ports: [{ containerPort: 9090 }] } }), 'apps/jira.yaml#2')]);
    expect(ids(r)).toEqual(['KSVC-CTR-002']);
    const f = r.findings[0];
    expect(f).toMatchObject({
      severity: 'error',
      where: 'apps/jira.yaml#2',
      object: 'Service/agents/jira',
      field: 'spec.template.spec.containers[0].ports[0].containerPort',
      value: 9090,
      problem: '9090 is reserved by Knative',
    });
    expect(f.fix).toBe(f.rule.fix);
    expect(f.fix).toMatch(/8080/);
    expect(f.prop).toBeUndefined();
  });

  test('GIVEN a propOf mapping WHEN a field is reported THEN the finding names the prop; a throwing propOf names none', () => {
    const obj = knativeService('jira', { container: { ports: [{ containerPort: 9090 }] } });
    const named = validate([at(obj, 'c/jira', { propOf: (field) => (field.endsWith('containerPort') ? 'port' : undefined) })]);
    expect(named.findings.map((f) => [f.rule.id, f.prop])).toEqual([['KSVC-CTR-002', 'port']]);
    const crashing = validate([at(obj, 'c/jira', { propOf: () => { throw new Error('mapping bug'); } })]);
    expect(crashing.findings.map((f) => [f.rule.id, f.prop])).toEqual([['KSVC-CTR-002', undefined]]);
  });

  test('objectLabel: Kind/ns/name, Kind/name without namespace, placeholders for garbage', () => {
    expect(objectLabel({ kind: 'Service', metadata: { name: 'a', namespace: 'n' } })).toBe('Service/n/a');
    expect(objectLabel({ kind: 'Service', metadata: { name: 'a' } })).toBe('Service/a');
    expect(objectLabel(42)).toBe('(no kind)/(no name)');
  });
});

describe('validateObjects: a check that throws', () => {
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'agents' } };
  const throwing: ManifestValidator = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    rules: [],
    validate() {
      throw new Error('boom');
    },
  };
  const registry = new ValidatorRegistry([{ validators: [...DEFAULT_REGISTRY.validators, throwing], crossObject: DEFAULT_REGISTRY.crossObject }]);

  test('GIVEN a registered validator that throws WHEN validated THEN it is ENGINE-001 on that object AND the other objects\' findings are still reported', () => {
    const r = validate([
      at(knativeService('first', { container: { ports: [{ containerPort: 9091 }] } }), 'a.yaml#0'),
      at(widget, 'widget.yaml#0'),
      at(knativeService('last', { container: { image: '' } }), 'b.yaml#0'),
    ], registry);
    expect(ids(r)).toEqual(['KSVC-CTR-002', 'ENGINE-001', 'KSVC-CTR-001']);
    expect(r.findings[1]).toMatchObject({ severity: 'error', where: 'widget.yaml#0', object: 'Widget/agents/w', value: 'boom', problem: 'the Widget check threw' });
    expect(r.checked).toBe(3);
  });

  test('GIVEN a cross-object check that throws WHEN validated THEN it is ENGINE-001 at the app AND per-object findings are kept', () => {
    const crashing: CrossObjectValidator = { name: 'exploding', rules: [], validate: () => { throw new TypeError('cannot read x'); } };
    const r = validate([at(knativeService('a', { container: { ports: [{ containerPort: 9090 }] } }), 'a.yaml#0')],
      new ValidatorRegistry([{ validators: DEFAULT_REGISTRY.validators, crossObject: [crashing] }]));
    expect(ids(r)).toEqual(['KSVC-CTR-002', 'ENGINE-001']);
    expect(r.findings[1]).toMatchObject({ where: 'app', value: 'cannot read x', problem: 'the cross-object check "exploding" threw' });
  });

  test('a registry refuses two validators for one kind', () => {
    expect(() => new ValidatorRegistry([{ validators: [throwing, { ...throwing }] }])).toThrow(/two validators registered for example.com\/v1\/Widget/);
  });

  test('property: arbitrary JSON in a Knative Service or Deployment never makes validateObjects throw or a check crash', () => {
    fc.assert(fc.property(
      fc.constantFrom(['serving.knative.dev/v1', 'Service'], ['apps/v1', 'Deployment']),
      fc.jsonValue({ maxDepth: 5 }),
      fc.jsonValue({ maxDepth: 3 }),
      ([apiVersion, kind], spec, part) => {
        const objects = [
          { apiVersion, kind, metadata: part, spec },
          { apiVersion, kind, metadata: { name: 'x' }, spec: { template: { metadata: part, spec: { containers: [part], volumes: part, securityContext: part } }, traffic: part } },
          { apiVersion, kind, metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ image: 'ghcr.io/a/b:1', env: part, ports: part, readinessProbe: part,
            livenessProbe: part, startupProbe: part, resources: part, securityContext: part, volumeMounts: part, envFrom: part }] } } } },
        ];
        const r = validate(objects.map((o, i) => at(o, `doc#${i}`)));
        expect(ids(r)).not.toContain('ENGINE-001');
      },
    ), { numRuns: 300 });
  });
});

describe('validateObjects: documents that are not objects, and kinds nothing knows', () => {
  test.each([
    ['a string', 'just text'],
    ['null', null],
    ['an array', [{ apiVersion: 'v1', kind: 'ConfigMap' }]],
    ['a mapping without apiVersion', { kind: 'Service', metadata: { name: 'x' } }],
    ['a mapping with a numeric kind', { apiVersion: 'v1', kind: 7 }],
  ])('fails if a document is %s (ENGINE-003)', (_, doc) => {
    const r = validate([at(doc, 'bad.yaml#0'), at(knativeService(), 'ok.yaml#0')]);
    expect(ids(r)).toEqual(['ENGINE-003']);
    expect(r.findings[0]).toMatchObject({ where: 'bad.yaml#0', value: doc });
    expect(r.passedThrough).toBe(0);
  });

  test('GIVEN kinds no validator or schema knows WHEN validated THEN they pass through unchecked and are counted', () => {
    const r = validate([
      at({ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'cm' }, data: { 'not checked': 1 } }, 'cm.yaml#0'),
      at({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: true } }, 'w.yaml#0'),
      at(knativeService(), 'ok.yaml#0'),
    ]);
    expect(r.findings).toEqual([]);
    expect(r.passedThrough).toBe(2);
    expect(r.checked).toBe(1);
  });

  test('GIVEN a core kind WHEN validated THEN it is checked against k8s.io/api\'s schema (ConfigMap data values are strings)', () => {
    const r = validate([at({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { port: 8080 } }, 'cm.yaml#0')], new ValidatorRegistry([]));
    expect(r.findings.map((f) => [f.rule.id, f.field, f.problem])).toEqual([['SCHEMA-002', 'data.port', 'expected string']]);
    expect(r.checked).toBe(1);
  });

  test('GIVEN a kind with a compiled schema but no validator WHEN validated THEN it is checked against the schema', () => {
    const broker = { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', metadata: { name: 'default', namespace: 'agents' }, spec: { deliveryy: {} } };
    const r = validate([at(broker, 'broker.yaml#0')], new ValidatorRegistry([]));
    expect(ids(r)).toEqual(['SCHEMA-001']);
    expect(r.findings[0].field).toBe('spec.deliveryy');
    expect(r.checked).toBe(1);
    expect(r.passedThrough).toBe(0);
  });
});

describe('validateObjects: upstream schema', () => {
  // An empty registry isolates the schema layer of the engine from the Knative rules.
  const schemaOnly = new ValidatorRegistry([]);

  test('fails if a container sets a field the Knative CRD prunes (SCHEMA-001 for lifecycle)', () => {
    const lifecycle = { preStop: { exec: { command: ['sleep', '5'] } } };
    const r = validate([at(knativeService('a', { container: { lifecycle } }), 'a.yaml#0')], schemaOnly);
    expect(ids(r)).toEqual(['SCHEMA-001']);
    expect(r.findings[0]).toMatchObject({ field: 'spec.template.spec.containers[0].lifecycle', value: lifecycle });
    expect(r.findings[0].problem).toMatch(/"lifecycle" is not in the Service schema/);
    // With the Knative validator too, the pruned field is reported once.
    expect(ids(validate([at(knativeService('a', { container: { lifecycle } }), 'a.yaml#0')]))).toEqual(['SCHEMA-001']);
  });

  test('fails if timeoutSeconds is the string "300" (SCHEMA-002)', () => {
    const r = validate([at(knativeService('a', { spec: { timeoutSeconds: '300' } }), 'a.yaml#0')], schemaOnly);
    expect(ids(r)).toEqual(['SCHEMA-002']);
    expect(r.findings[0]).toMatchObject({ field: 'spec.template.spec.timeoutSeconds', value: '300', problem: 'expected integer' });
  });

  test('one finding per fault: what the kind\'s rules say at or below a value of the wrong type is dropped', () => {
    // spec: 5 is not also "no container" (KSVC-CTR-013): the rules read it as an empty object.
    const broken = { ...knativeService('a'), spec: 5 };
    expect(ids(validate([at(broken, 'a.yaml#0')]))).toEqual(['SCHEMA-002']);
    // A fractional percent is SCHEMA-002 only, not also KSVC-TRAFFIC-001 at the same field.
    const fractional = { ...knativeService('a'), spec: { ...knativeService('a').spec, traffic: [{ latestRevision: true, percent: 50.5 }, { latestRevision: true, percent: 49.5 }] } };
    expect(validate([at(fractional, 'a.yaml#0')]).findings.filter((f) => f.field.includes('percent')).map((f) => `${f.rule.id} ${f.field}`))
      .toEqual(['SCHEMA-002 spec.traffic[0].percent', 'SCHEMA-002 spec.traffic[1].percent']);
  });

  test('a required field is SCHEMA-002 unless a rule refusing exactly as upstream reports that field (found by the oracle)', () => {
    // A secretKeyRef without key: POD-ENV-001 (a runtime rule) is stricter than upstream there, so the schema's refusal is said too.
    const r = validate([at(knativeService('a', { container: { env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'keys' } } }] } }), 'a.yaml#0')]);
    expect(r.findings.filter((f) => f.field.endsWith('secretKeyRef.key')).map((f) => f.rule.id).sort()).toEqual(['POD-ENV-001', 'SCHEMA-002']);
    // An env var without name: KSVC-CTR-017 refuses it as the webhook does, so it is the only finding there.
    const unnamed = validate([at(knativeService('a', { container: { env: [{ value: 'x' }] } }), 'a.yaml#0')]);
    expect(unnamed.findings.filter((f) => f.field.endsWith('env[0].name')).map((f) => f.rule.id)).toEqual(['KSVC-CTR-017']);
  });

  test('near miss: a finding beside a value of the wrong type is kept', () => {
    const r = validate([at({ ...knativeService('a', { spec: { timeoutSeconds: '300' } }), metadata: { name: 'A_b', namespace: 'agents' } }, 'a.yaml#0')]);
    expect(r.findings.map((f) => `${f.rule.id} ${f.field}`)).toEqual(expect.arrayContaining(['SCHEMA-002 spec.template.spec.timeoutSeconds', expect.stringMatching(/ metadata\.name$/)]));
  });

  test('GIVEN timeoutSeconds 300 as a number WHEN validated THEN no schema finding', () => {
    expect(validate([at(knativeService('a', { spec: { timeoutSeconds: 300 } }), 'a.yaml#0')])).toMatchObject({ findings: [] });
  });
});

describe('validateObjects: acknowledgements', () => {
  // target 5 above containerConcurrency 1: KSVC-SCALE-021, a warning.
  const capped = () => knativeService('capped', { annotations: { 'autoscaling.knative.dev/target': '5' } });

  test('GIVEN a warning WHEN not acknowledged THEN it is a finding', () => {
    const r = validate([at(capped(), 'c.yaml#0')]);
    expect(r.findings.map((f) => [f.rule.id, f.severity])).toEqual([['KSVC-SCALE-021', 'warning']]);
  });

  test('GIVEN an acknowledgement of the warning on the Located WHEN validated THEN it moves to acknowledged with its reason', () => {
    const r = validate([at(capped(), 'c.yaml#0', { acknowledgements: new Map([['KSVC-SCALE-021', 'one request per pod by design']]) })]);
    expect(r.findings).toEqual([]);
    expect(r.acknowledged).toHaveLength(1);
    expect(r.acknowledged[0].reason).toBe('one request per pod by design');
    expect(r.acknowledged[0].finding).toMatchObject({ where: 'c.yaml#0', object: 'Service/agents/capped', severity: 'warning' });
    expect(r.acknowledged[0].finding.rule.id).toBe('KSVC-SCALE-021');
  });

  test('GIVEN an acknowledgement on one object WHEN another has the same warning THEN only the acknowledged one is silenced', () => {
    const r = validate([
      at(capped(), 'c.yaml#0', { acknowledgements: new Map([['KSVC-SCALE-021', 'by design']]) }),
      at({ ...capped(), metadata: { name: 'other', namespace: 'agents' } }, 'c.yaml#1'),
    ]);
    expect(r.findings.map((f) => [f.rule.id, f.where])).toEqual([['KSVC-SCALE-021', 'c.yaml#1']]);
    expect(r.acknowledged.map((a) => a.finding.where)).toEqual(['c.yaml#0']);
  });

  test('GIVEN an acknowledgement of an error rule WHEN validated THEN the error is still a finding, never acknowledged', () => {
    const r = validate([at(knativeService('a', { container: { ports: [{ containerPort: 9090 }] } }), 'a.yaml#0',
      { acknowledgements: new Map([['KSVC-CTR-002', 'we really need 9090']]) })]);
    expect(ids(r)).toEqual(['KSVC-CTR-002']);
    expect(r.acknowledged).toEqual([]);
  });

  test('GIVEN an acknowledgement with an empty reason WHEN validated THEN it silences nothing', () => {
    const r = validate([at(capped(), 'c.yaml#0', { acknowledgements: new Map([['KSVC-SCALE-021', '   ']]) })]);
    expect(ids(r)).toEqual(['KSVC-SCALE-021']);
    expect(r.acknowledged).toEqual([]);
  });
});

describe('validateObjects: prop findings and render errors on a Located', () => {
  const propFinding = { rule: DEFAULT_REGISTRY.rules.find((r) => r.id === 'PROPS-001')!, field: '', prop: 'port', value: '8080', problem: 'expected a number' };

  test('GIVEN a prop error WHEN validated THEN it is reported, and manifest findings from no prop are left out (they would echo it)', () => {
    const r = validate([at(knativeService('a', { container: { ports: [{ containerPort: 9090 }] } }), 'c/a', { propFindings: [propFinding] })]);
    expect(r.findings.map((f) => [f.rule.id, f.prop, f.where])).toEqual([['PROPS-001', 'port', 'c/a']]);
    expect(r.checked).toBe(1);
  });

  test('GIVEN a prop error WHEN validated THEN a manifest finding from another prop is kept, one from the same prop (or a part of it) left out', () => {
    const object = knativeService('a', { container: { ports: [{ containerPort: 9090 }] } });
    const propOf = (prop: string) => (field: string) => (field.includes('ports') ? prop : undefined);
    const kept = validate([at(object, 'c/a', { propFindings: [propFinding], propOf: propOf('containerPort') })]);
    expect(kept.findings.map((f) => [f.rule.id, f.prop])).toEqual([['PROPS-001', 'port'], ['KSVC-CTR-002', 'containerPort']]);
    for (const echo of ['port', 'port.number', '']) {
      const left = validate([at(object, 'c/a', { propFindings: [{ ...propFinding, prop: echo === '' ? 'props' : 'port' }], propOf: propOf(echo || 'anything') })]);
      expect(left.findings.map((f) => f.rule.id)).toEqual(['PROPS-001']);
    }
  });

  test('GIVEN a prop error WHEN validated THEN the construct\'s manifest warnings wait, even from another prop', () => {
    const capped = knativeService('capped', { annotations: { 'autoscaling.knative.dev/target': '5' } });
    expect(validate([at(capped, 'c/a', { propOf: () => 'scaling.target' })]).findings.map((f) => f.rule.id)).toEqual(['KSVC-SCALE-021']);
    expect(validate([at(capped, 'c/a', { propFindings: [propFinding], propOf: () => 'scaling.target' })]).findings.map((f) => f.rule.id)).toEqual(['PROPS-001']);
  });

  test('GIVEN the errors of another object of the same construct WHEN validated THEN its own manifest findings from those props are left out too', () => {
    const object = knativeService('a', { container: { ports: [{ containerPort: 9090 }] } });
    const r = validate([at(object, 'c/a', { erroneousProps: ['port'], propOf: () => 'port' })]);
    expect(r.findings).toEqual([]);
  });

  test('GIVEN an object that could not be rendered WHEN validated THEN it is ENGINE-002 with the message', () => {
    const r = validate([at(undefined, 'c/broken', { renderError: new Error('Duration 1500ms is not whole seconds') }), at(knativeService(), 'ok')]);
    expect(ids(r)).toEqual(['ENGINE-002']);
    expect(r.findings[0]).toMatchObject({ where: 'c/broken', value: 'Duration 1500ms is not whole seconds' });
  });
});

describe('validateObjects: duplicate names across objects', () => {
  test('fails if two Services share namespace and name (APP-001 naming the first)', () => {
    const r = validate([at(knativeService('a'), 'one.yaml#0'), at(knativeService('a'), 'two.yaml#0')]);
    expect(ids(r)).toEqual(['APP-001']);
    expect(r.findings[0]).toMatchObject({ where: 'two.yaml#0', field: 'metadata.name', value: 'a' });
    expect(r.findings[0].problem).toContain('one.yaml#0');
  });

  test('GIVEN the same name in two namespaces, or two kinds WHEN validated THEN no APP-001', () => {
    const other = knativeService('a');
    other.metadata.namespace = 'team-b';
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'agents' } };
    expect(validate([at(knativeService('a'), 'x#0'), at(other, 'x#1'), at(cm, 'x#2')]).findings).toEqual([]);
  });
});

describe('validateObjects: cluster settings', () => {
  test('fails if the settings are ones no Knative installation can hold (PROFILE-003, PROFILE-002 at the settings source)', () => {
    const settings = resolveClusterSettings({ knativeVersion: '1.21', serving: { revisionTimeoutSeconds: 900 }, source: 'platform/knative.yaml' });
    const r = validateObjects([at(knativeService(), 'ok')], settings, DEFAULT_REGISTRY);
    expect(ids(r)).toEqual(['PROFILE-003', 'PROFILE-002']);
    expect(r.findings.map((f) => [f.where, f.object])).toEqual([['platform/knative.yaml', 'cluster settings'], ['platform/knative.yaml', 'cluster settings']]);
  });

  test('GIVEN settings with a lower max timeout WHEN a Service asks for more THEN the rule reads the setting (KSVC-SPEC-001)', () => {
    const settings = resolveClusterSettings({ serving: { maxRevisionTimeoutSeconds: 60, revisionTimeoutSeconds: 30 } });
    expect(ids(validateObjects([at(knativeService(), 'ok')], settings, DEFAULT_REGISTRY))).toEqual(['KSVC-SPEC-001']);
    expect(ids(validateObjects([at(knativeService(), 'ok')], DEFAULT_SETTINGS, DEFAULT_REGISTRY))).toEqual([]);
  });
});
