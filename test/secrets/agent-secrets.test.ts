import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentKnativeService, AgentSecrets, AppValidation, CreationPolicy, DeletionPolicy, IAgentSecrets, KeyRewrite, SealingScope, SecretSource, SecretStore,
  TemplateMergePolicy,
} from '../../lib';
import { secretKeyOf } from '../../lib/secrets/agent-secrets';
import { synthErrors } from '../support/rule-cases';

const IMAGE = 'ghcr.io/acme/agent:1.0.0';
const CIPHER = `Ag${'B'.repeat(96)}==`;

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'agents' });
}

const container = (objects: any[]) => objects.find((o) => o.kind === 'Service').spec.template.spec.containers[0];

describe('AgentSecrets (ExternalSecret)', () => {
  // GIVEN a store and two keys
  const c = chart();
  const secrets = new AgentSecrets(c, 'jira-triage-secrets', {
    store: SecretStore.cluster('vault'),
    keys: { ANTHROPIC_API_KEY: 'prod/jira-triage/anthropic', JIRA_API_TOKEN: { key: 'prod/jira-triage/jira', property: 'token', version: '3' } },
  });
  const [es] = Testing.synth(c);

  test('snapshot of the defaults', () => {
    expect(es).toMatchSnapshot();
  });

  test('renders the version ESO serves and stores, named after the construct', () => {
    expect(es.apiVersion).toBe('external-secrets.io/v1');
    expect(es.kind).toBe('ExternalSecret');
    expect(es.metadata).toEqual({ name: 'jira-triage-secrets', namespace: 'agents' });
  });

  test('writes each value under its env var name, with property and version', () => {
    expect(es.spec.data).toEqual([
      { secretKey: 'ANTHROPIC_API_KEY', remoteRef: { key: 'prod/jira-triage/anthropic' } },
      { secretKey: 'JIRA_API_TOKEN', remoteRef: { key: 'prod/jira-triage/jira', property: 'token', version: '3' } },
    ]);
  });

  test('defaults: ESO\'s 1h refresh, owner creation, retained on deletion, target named like the secrets', () => {
    expect(es.spec.refreshInterval).toBe('1h0m0s');
    expect(es.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'vault' });
    expect(es.spec.target).toEqual({ name: 'jira-triage-secrets', creationPolicy: 'Owner', deletionPolicy: 'Retain' });
  });

  test('tells consumers the Secret, its keys and that envFrom exposes exactly them', () => {
    expect(secrets.secretName).toBe('jira-triage-secrets');
    expect(secrets.keys).toEqual({ ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY', JIRA_API_TOKEN: 'JIRA_API_TOKEN' });
    expect(secrets.wholeSecret).toBe(true);
    expect(secretKeyOf(secrets, 'JIRA_API_TOKEN')).toBe('JIRA_API_TOKEN');
    expect(secretKeyOf(secrets, 'NOPE')).toBeUndefined();
  });

  test('renders the refresh interval as a Go duration', () => {
    const render = (d: Duration) => {
      const c2 = chart();
      new AgentSecrets(c2, 's', { store: SecretStore.namespaced('store'), keys: { A: 'a' }, refreshInterval: d });
      return Testing.synth(c2)[0].spec.refreshInterval;
    };
    // Go's time.Duration.String() of each value (lib/k8s/values goDuration; test/k8s/values.test.ts).
    expect(render(Duration.minutes(90))).toBe('1h30m0s');
    expect(render(Duration.seconds(90))).toBe('1m30s');
    expect(render(Duration.seconds(0))).toBe('0s');
    expect(render(Duration.millis(1500))).toBe('1.5s');
  });

  test('a namespaced store, a target name and policies', () => {
    const c2 = chart();
    const s = new AgentSecrets(c2, 's', {
      name: 'es', namespace: 'team-a', store: SecretStore.namespaced('aws'), keys: { A: 'a' }, targetName: 'agent-env',
      creationPolicy: CreationPolicy.ORPHAN, deletionPolicy: DeletionPolicy.DELETE,
    });
    const [o] = Testing.synth(c2);
    expect(o.metadata).toEqual({ name: 'es', namespace: 'team-a' });
    expect(o.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'aws' });
    expect(o.spec.target).toEqual({ name: 'agent-env', creationPolicy: 'Orphan', deletionPolicy: 'Delete' });
    expect(s.secretName).toBe('agent-env');
  });

  test('merged into an existing Secret, agents read only their keys (secretKeyRef), not the whole Secret', () => {
    const c2 = chart();
    const s = new AgentSecrets(c2, 's', { store: SecretStore.cluster('vault'), keys: { A: 'a' }, creationPolicy: CreationPolicy.MERGE, targetName: 'shared' });
    new AgentKnativeService(c2, 'agent', { image: IMAGE, secrets: [s] });
    const ctr = container(Testing.synth(c2));
    expect(ctr.envFrom).toBeUndefined();
    expect(ctr.env).toEqual([{ name: 'A', valueFrom: { secretKeyRef: { name: 'shared', key: 'A' } } }]);
  });
});

describe('wiring into an agent', () => {
  test('GIVEN AgentSecrets WHEN passed to an agent THEN the Secret is read with envFrom', () => {
    const c = chart();
    const s = new AgentSecrets(c, 'secrets', { store: SecretStore.cluster('vault'), keys: { ANTHROPIC_API_KEY: 'k' } });
    new AgentKnativeService(c, 'agent', { image: IMAGE, secrets: [s] });
    const ctr = container(Testing.synth(c));
    expect(ctr.envFrom).toEqual([{ secretRef: { name: 'secrets' } }]);
    expect(ctr.env).toBeUndefined();
  });

  test('a SealedSecret is read with envFrom too', () => {
    const c = chart();
    const s = AgentSecrets.sealed(c, 'sealed', { encryptedData: { ANTHROPIC_API_KEY: CIPHER } });
    new AgentKnativeService(c, 'agent', { image: IMAGE, secrets: [s] });
    expect(container(Testing.synth(c)).envFrom).toEqual([{ secretRef: { name: 'sealed' } }]);
  });
});

describe('single values and ConfigMaps', () => {
  test('GIVEN secretEnv WHEN synthesized THEN the value is a secretKeyRef under the new name, named in findings as secretEnv', () => {
    const c = chart();
    const jira = new AgentSecrets(c, 'jira', { store: SecretStore.cluster('vault'), keys: { JIRA_API_TOKEN: 'k' } });
    const mapped = AgentSecrets.fromSecretName(c, 'mapped', 'model-keys', { ANTHROPIC_API_KEY: 'anthropic' });
    const agent = new AgentKnativeService(c, 'agent', { image: IMAGE, env: { A: '1' }, secretEnv: { TOKEN: { secrets: jira, variable: 'JIRA_API_TOKEN' } } });
    agent.addSecretEnv('CLAUDE_KEY', mapped, 'ANTHROPIC_API_KEY');
    expect(container(Testing.synth(c)).env).toEqual([
      { name: 'A', value: '1' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'jira', key: 'JIRA_API_TOKEN' } } },
      { name: 'CLAUDE_KEY', valueFrom: { secretKeyRef: { name: 'model-keys', key: 'anthropic' } } },
    ]);
    expect((agent as any)._propOf('spec.template.spec.containers[0].env[1].name')).toBe('secretEnv.TOKEN');
  });

  test('ConfigMaps come first in envFrom, then the secrets; adding one twice has no effect', () => {
    const c = chart();
    const cfg = kplus.ConfigMap.fromConfigMapName(c, 'cfg', 'agent-config');
    const s = new AgentSecrets(c, 's', { store: SecretStore.cluster('vault'), keys: { A: 'a' } });
    const agent = new AgentKnativeService(c, 'agent', { image: IMAGE, secrets: [s], configMaps: [cfg] });
    agent.addConfigMap(cfg);
    expect(container(Testing.synth(c)).envFrom).toEqual([{ configMapRef: { name: 'agent-config' } }, { secretRef: { name: 's' } }]);
    expect((agent as any)._propOf('spec.template.spec.containers[0].envFrom[0]')).toBe('configMaps');
    expect((agent as any)._propOf('spec.template.spec.containers[0].envFrom[1]')).toBe('secrets');
  });
});

describe('AgentSecrets.sealed', () => {
  test('snapshot: a strict SealedSecret in the chart namespace', () => {
    const c = chart();
    const s = AgentSecrets.sealed(c, 'model-keys', { encryptedData: { ANTHROPIC_API_KEY: CIPHER } });
    const [o] = Testing.synth(c);
    expect(o).toMatchSnapshot();
    expect(o.apiVersion).toBe('bitnami.com/v1alpha1');
    expect(o.metadata).toEqual({ name: 'model-keys', namespace: 'agents' });
    expect(o.spec.encryptedData).toEqual({ ANTHROPIC_API_KEY: CIPHER });
    expect(s.keys).toEqual({ ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY' });
  });

  test('a wider scope is annotated on the SealedSecret and on the Secret it creates', () => {
    const c = chart();
    AgentSecrets.sealed(c, 'k', { encryptedData: { A: CIPHER }, scope: SealingScope.NAMESPACE_WIDE });
    const [o] = Testing.synth(c);
    expect(o.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
    expect(o.spec.template.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
  });
});

describe('AgentSecrets.unsafePlaintext', () => {
  test('renders stringData and warns at every synth', () => {
    const app = Testing.app();
    const c = new Chart(app, 'test', { namespace: 'agents' });
    const printed: string[] = [];
    AppValidation.of(app).reporter = (l) => printed.push(l);
    const s = AgentSecrets.unsafePlaintext(c, 'dev', { values: { OPENAI_API_KEY: 'sk-test' } });
    const [o] = Testing.synth(c);
    expect(o).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'dev', namespace: 'agents' }, stringData: { OPENAI_API_KEY: 'sk-test' } });
    expect(s.wholeSecret).toBe(true);
    expect(printed).toEqual([expect.stringMatching(/^warning \[SECRET-004\] test\/dev: AgentSecrets\.unsafePlaintext\(values\) \(stringData\) = \["OPENAI_API_KEY"\]: /)]);
    // The value itself is never echoed.
    expect(printed.join('\n')).not.toContain('sk-test');
  });

  test('strict mode fails on it', () => {
    const app = Testing.app();
    const c = new Chart(app, 'test', { namespace: 'agents' });
    AppValidation.of(app).strict = true;
    AgentSecrets.unsafePlaintext(c, 'dev', { values: { A: 'x' } });
    expect(() => Testing.synth(c)).toThrow(/SECRET-004/);
  });
});

describe('AgentSecrets.fromSecretName', () => {
  test('renders nothing and keeps its key map', () => {
    const c = chart();
    const s: IAgentSecrets = AgentSecrets.fromSecretName(c, 'ext', 'jira-creds', { JIRA_TOKEN: 'token' });
    expect(Testing.synth(c)).toEqual([]);
    expect(s.keys).toEqual({ JIRA_TOKEN: 'token' });
    expect(s.wholeSecret).toBe(false);
    expect(secretKeyOf(s, 'JIRA_TOKEN')).toBe('token');
  });

  test('without a key map, consumers use the variable name as the key', () => {
    const s = AgentSecrets.fromSecretName(chart(), 'ext', 'jira-creds');
    expect(s.wholeSecret).toBe(true);
    expect(secretKeyOf(s, 'password')).toBe('password');
  });
});

describe('plain JavaScript callers', () => {
  test('wrong types are PROPS-001 findings, reported together, never a TypeError', () => {
    const lines = synthErrors((c) => {
      new AgentSecrets(c, 'a', { store: 'vault', keys: { A: 42 }, refreshInterval: '1h' } as any);
      AgentSecrets.sealed(c, 'b', { encryptedData: 'abc' } as any);
      AgentSecrets.fromSecretName(c, 'c', 42 as any);
    });
    expect(lines).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/a: store = "vault": expected an ISecretStore.*Fix: use `SecretStore\.cluster\(name\)`/),
      expect.stringMatching(/^error \[PROPS-001\] test\/a: keys\.A = 42: /),
      expect.stringMatching(/^error \[PROPS-001\] test\/a: refreshInterval = "1h": expected a cdk8s Duration/),
      expect.stringMatching(/^error \[PROPS-001\] test\/b: encryptedData = "abc": /),
      expect.stringMatching(/^error \[PROPS-001\] test\/c: secretName = 42: /),
    ]);
  });

  test('a missing store is named', () => {
    const [line] = synthErrors((c) => new AgentSecrets(c, 'a', { keys: { A: 'a' } } as any));
    expect(line).toMatch(/^error \[PROPS-001\] test\/a: store = \(unset\): expected an ISecretStore, got undefined/);
  });

  test('a misspelled prop gets a did-you-mean', () => {
    const [line] = synthErrors((c) => new AgentSecrets(c, 'a', { store: SecretStore.cluster('v'), keys: { A: 'a' }, refreshIntervall: Duration.hours(1) } as any));
    expect(line).toContain('error [PROPS-002] test/a: refreshIntervall');
    expect(line).toContain('did you mean `refreshInterval`?');
  });
});

describe('AgentSecrets dataFrom and templates', () => {
  test('dataFrom: extract and find with rewrites; the keys are unknown, so agents read the Secret whole', () => {
    const c = chart();
    const secrets = new AgentSecrets(c, 'api', {
      store: SecretStore.cluster('vault'),
      dataFrom: [
        SecretSource.extract('prod/ai-agents/api', { property: 'env', version: '2' }),
        SecretSource.find({ nameRegexp: '^prod/ai-agents/github-', tags: { team: 'agents' }, path: 'prod', rewrite: [KeyRewrite.regexp('^prod/ai-agents/', ''), KeyRewrite.transform('{{ .value | upper }}')] }),
      ],
    });
    new AgentKnativeService(c, 'agent', { image: IMAGE, secrets: [secrets] });
    const objects = Testing.synth(c);
    const es = objects.find((o) => o.kind === 'ExternalSecret');
    expect(es.spec.data).toBeUndefined();
    expect(es.spec.dataFrom).toEqual([
      { extract: { key: 'prod/ai-agents/api', property: 'env', version: '2' } },
      { find: { path: 'prod', name: { regexp: '^prod/ai-agents/github-' }, tags: { team: 'agents' } }, rewrite: [{ regexp: { source: '^prod/ai-agents/', target: '' } }, { transform: { template: '{{ .value | upper }}' } }] },
    ]);
    expect(secrets.keys).toBeUndefined();
    expect(container(objects).envFrom).toEqual([{ secretRef: { name: 'api' } }]);
  });

  test('a template decides the keys: with Replace only its own', () => {
    const c = chart();
    const secrets = new AgentSecrets(c, 'db', {
      store: SecretStore.cluster('vault'),
      keys: { user: 'prod/db#user', password: 'prod/db#password' },
      template: { type: 'Opaque', data: { DATABASE_URL: 'postgres://{{ .user }}:{{ .password }}@db:5432/app' }, labels: { app: 'agents' } },
    });
    const [es] = Testing.synth(c);
    expect(es.spec.target.template).toEqual({
      engineVersion: 'v2', type: 'Opaque', mergePolicy: 'Replace', metadata: { labels: { app: 'agents' } },
      data: { DATABASE_URL: 'postgres://{{ .user }}:{{ .password }}@db:5432/app' },
    });
    expect(secrets.keys).toEqual({ DATABASE_URL: 'DATABASE_URL' });
  });

  test('with Merge, the fetched keys and the template\'s', () => {
    const secrets = new AgentSecrets(chart(), 'db', {
      store: SecretStore.cluster('vault'), keys: { DB_USER: 'prod/db' }, template: { mergePolicy: TemplateMergePolicy.MERGE, data: { DB_URL: 'postgres://{{ .DB_USER }}@db' } },
    });
    expect(secrets.keys).toEqual({ DB_USER: 'DB_USER', DB_URL: 'DB_URL' });
  });

  test('fails if a template key is no env var name; template inputs under Replace need not be', () => {
    const lines = synthErrors((c) => new AgentSecrets(c, 's', { store: SecretStore.cluster('vault'), keys: { '1db': 'k' }, template: { data: { '9_URL': '{{ index . "1db" }}' } } }));
    expect(lines).toEqual([expect.stringMatching(/^error \[SECRET-003\] test\/s: template\.data\.9_URL/)]);
  });

  test('fails if a find has no criteria, or a source is no SecretSource', () => {
    expect(synthErrors((c) => new AgentSecrets(c, 's', { store: SecretStore.cluster('vault'), dataFrom: [SecretSource.find({ path: 'prod' })] }))[0])
      .toMatch(/PROPS-001\] test\/s: dataFrom\[0\] = .*SecretSource\.find\(options\): give nameRegexp, tags or both/);
    expect(synthErrors((c) => new AgentSecrets(c, 's', { store: SecretStore.cluster('vault'), dataFrom: [{ extract: { key: 'a' } } as any] }))[0])
      .toMatch(/PROPS-001\] test\/s: dataFrom\[0\] = .*expected a SecretSource/);
  });

  test('fails if neither keys nor dataFrom is given', () => {
    expect(synthErrors((c) => new AgentSecrets(c, 's', { store: SecretStore.cluster('vault') }))).toEqual([expect.stringMatching(/^error \[SECRET-ES-001\]/)]);
  });
});
