import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as bitnami from '../../imports/bitnami.com';
import * as eso from '../../imports/external-secrets.io';
import { AgentConstruct, fromProp } from '../construct/construct';
import { isEnvVarName } from '../k8s/names';
import { goDuration } from '../k8s/values';
import { checkArgs, checkScope, ShapeOf, T, withArgFindings } from '../construct/props';
import { CORE_RULES } from '../engine/core-rules';
import { SECRET_RULES as R } from './agent-secrets.rules';

export { SECRET_RULES } from './agent-secrets.rules';

/**
 * Secrets an agent reads as environment variables, held in one Kubernetes
 * Secret. Implemented by `AgentSecrets` (ExternalSecret or SealedSecret) and
 * `AgentSecrets.fromSecretName`. Constructs that consume single values
 * (Kafka SASL, KEDA TriggerAuthentication) ask which key holds a variable
 * with `secretKeyOf`.
 */
export interface IAgentSecrets {
  /** Name of the Kubernetes Secret that holds the values in the cluster. */
  readonly secretName: string;
  /**
   * Env var name → key of that Secret. Undefined when the keys are not known
   * (an existing Secret referenced without a key map).
   */
  readonly keys: Readonly<Record<string, string>> | undefined;
  /**
   * Whether the whole Secret is exposed with `envFrom`: its keys are unknown,
   * or it holds exactly `keys`, each named as its variable. Otherwise each
   * variable is a `secretKeyRef`.
   */
  readonly wholeSecret: boolean;
}

/**
 * The key of the Secret that holds `variable`: from the key map when there is
 * one (undefined when the variable is not in it), else the variable name itself.
 */
export function secretKeyOf(secrets: IAgentSecrets, variable: string): string | undefined {
  return secrets.keys === undefined ? variable : secrets.keys[variable];
}

const STORE_ARGS = { name: T.string() };

/**
 * A store an ExternalSecret reads from (`spec.secretStoreRef`): a reference
 * by name (`SecretStore.cluster(name)`, `SecretStore.namespaced(name)`) or a
 * store this app defines (`ClusterSecretStore`, `NamespacedSecretStore`).
 */
export interface ISecretStore {
  /** `ClusterSecretStore` or `SecretStore`. */
  readonly kind: 'ClusterSecretStore' | 'SecretStore';
  /** Kubernetes name of the store. */
  readonly name: string;
}

/** Where an ExternalSecret reads its values, by name: a `ClusterSecretStore` or a namespaced `SecretStore` that exists elsewhere. */
export class SecretStore implements ISecretStore {
  /** A `ClusterSecretStore`, usable from every namespace it allows. */
  public static cluster(name: string): SecretStore {
    return withArgFindings(new SecretStore('ClusterSecretStore', name), checkArgs('SecretStore.cluster', { name }, STORE_ARGS, ['name']));
  }

  /** A `SecretStore` in the namespace of the secrets. */
  public static namespaced(name: string): SecretStore {
    return withArgFindings(new SecretStore('SecretStore', name), checkArgs('SecretStore.namespaced', { name }, STORE_ARGS, ['name']));
  }

  private constructor(
    /** `ClusterSecretStore` or `SecretStore`. */
    public readonly kind: 'ClusterSecretStore' | 'SecretStore',
    /** Kubernetes name of the store. */
    public readonly name: string,
  ) {}
}

/** A value in the external store. */
export interface RemoteKey {
  /** Key (path) of the secret in the store, e.g. `prod/jira-triage/anthropic`. */
  readonly key: string;
  /** A property of a structured (JSON) secret. @default - the whole value */
  readonly property?: string;
  /** A version of the secret, for stores that version. @default - the current version */
  readonly version?: string;
}

/** Who owns the Secret an ExternalSecret writes (`target.creationPolicy`). */
export enum CreationPolicy {
  /** ESO creates the Secret and owns it: it is deleted with the ExternalSecret. */
  OWNER = 'Owner',
  /** ESO creates the Secret but does not own it: it stays when the ExternalSecret goes. */
  ORPHAN = 'Orphan',
  /** ESO merges its keys into a Secret that must already exist. */
  MERGE = 'Merge',
  /** ESO writes no Secret (templating into another object). */
  NONE = 'None',
}

/** What happens to the Secret when the values disappear from the store (`target.deletionPolicy`). */
export enum DeletionPolicy {
  /** Keep the Secret as it was. */
  RETAIN = 'Retain',
  /** Delete the Secret (only when ESO owns it). */
  DELETE = 'Delete',
  /** Remove only the keys ESO wrote. */
  MERGE = 'Merge',
}

/** How a key found by `dataFrom` is renamed before it is written into the Secret (`rewrite`), in order. */
export class KeyRewrite {
  /**
   * Replaces what the Go (RE2) regular expression `source` matches in each key
   * with `target` (`$1` refers to a group): `KeyRewrite.regexp('^prod/agents/', '')`.
   */
  public static regexp(source: string, target: string): KeyRewrite {
    const findings = checkArgs('KeyRewrite.regexp', { source, target }, { source: T.string({ nonEmpty: true }), target: T.string() }, ['source', 'target']);
    return withArgFindings(new KeyRewrite(findings.length === 0 ? { regexp: { source, target } } : {}), findings);
  }

  /** Renames each key with a Go template in which `.value` is the key: `KeyRewrite.transform('{{ .value | upper }}')`. */
  public static transform(template: string): KeyRewrite {
    const findings = checkArgs('KeyRewrite.transform', { template }, { template: T.string({ nonEmpty: true }) }, ['template']);
    return withArgFindings(new KeyRewrite(findings.length === 0 ? { transform: { template } } : {}), findings);
  }

  private constructor(private readonly spec: Readonly<Record<string, unknown>>) {}

  /** @internal */
  public _render(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.spec));
  }
}

const REWRITES = T.array(T.instanceOf(KeyRewrite, 'KeyRewrite', 'use `KeyRewrite.regexp(source, target)` or `KeyRewrite.transform(template)`'));

/** Options of `SecretSource.extract`. */
export interface ExtractOptions {
  /** A property of the secret whose value is the JSON object to extract. @default - the whole value */
  readonly property?: string;
  /** A version of the secret. @default - the current version */
  readonly version?: string;
  /** Renames of the extracted keys, applied in order. @default - none */
  readonly rewrite?: KeyRewrite[];
}

/** Options of `SecretSource.find`. Give `nameRegexp`, `tags` or both. */
export interface FindOptions {
  /** A Go (RE2) regular expression the secret names must match. @default - none */
  readonly nameRegexp?: string;
  /** Tags (metadata) the secrets must carry. @default - none */
  readonly tags?: Record<string, string>;
  /** A path in the store to search under. @default - the whole store */
  readonly path?: string;
  /** Renames of the found keys (each secret's name becomes a key), applied in order. @default - none */
  readonly rewrite?: KeyRewrite[];
}

/**
 * A `dataFrom` source: every key of one structured secret (`extract`), or
 * every secret a search finds (`find`). The Secret then holds keys the
 * library cannot know, so agents read it whole (`envFrom`).
 *
 * ```ts
 * SecretSource.extract('prod/ai-agents/api');
 * SecretSource.find({ nameRegexp: '^prod/ai-agents/.*', rewrite: [KeyRewrite.regexp('^prod/ai-agents/', '')] });
 * ```
 */
export class SecretSource {
  /** Every key of the JSON secret `key` becomes a key of the Secret. */
  public static extract(key: string, options: ExtractOptions = {}): SecretSource {
    const findings = checkArgs('SecretSource.extract', { key, options }, {
      key: T.string({ nonEmpty: true }),
      options: T.object<ExtractOptions>({ property: T.string({ nonEmpty: true }), version: T.string({ nonEmpty: true }), rewrite: REWRITES }, 'ExtractOptions'),
    }, ['key']);
    const o = findings.length === 0 ? options ?? {} : undefined;
    return withArgFindings(new SecretSource(o && { extract: { key, property: o.property, version: o.version } }, o?.rewrite), findings);
  }

  /** Every secret whose name matches `nameRegexp` and that carries `tags` becomes a key of the Secret. */
  public static find(options: FindOptions): SecretSource {
    const findings = checkArgs('SecretSource.find', { options }, {
      options: T.object<FindOptions>({ nameRegexp: T.string({ nonEmpty: true }), tags: T.record(T.string()), path: T.string({ nonEmpty: true }), rewrite: REWRITES }, 'FindOptions'),
    }, ['options']);
    const o = findings.length === 0 ? options : undefined;
    if (o && o.nameRegexp === undefined && o.tags === undefined) {
      findings.push({ rule: CORE_RULES.PROP_TYPE, field: '', prop: 'SecretSource.find(options)', value: options, problem: 'give nameRegexp, tags or both: a find without criteria matches nothing (or, on Vault, everything under path)', fix: 'add `nameRegexp` or `tags`' });
    }
    const ok = o && findings.length === 0;
    return withArgFindings(new SecretSource(ok ? {
      find: { path: o.path, name: o.nameRegexp === undefined ? undefined : { regexp: o.nameRegexp }, tags: o.tags && { ...o.tags } },
    } : undefined, ok ? o.rewrite : undefined), findings);
  }

  private constructor(private readonly source: Readonly<Record<string, unknown>> | undefined, private readonly rewrite: readonly KeyRewrite[] | undefined) {}

  /** @internal One `dataFrom` entry. */
  public _render(): Record<string, unknown> {
    return { ...JSON.parse(JSON.stringify(this.source ?? {})), rewrite: this.rewrite?.map((r) => r._render()) };
  }
}

/** How a template's output meets the values fetched (`target.template.mergePolicy`). */
export enum TemplateMergePolicy {
  /** The Secret holds only what the template renders. */
  REPLACE = 'Replace',
  /** The Secret holds the fetched values and, over them, what the template renders. */
  MERGE = 'Merge',
}

/**
 * The Secret ESO writes, rendered from the fetched values with Go templates
 * (`target.template`, engine v2): `{{ .API_KEY }}` is the value fetched as `API_KEY`.
 */
export interface SecretTemplate {
  /** Secret key → Go template. @default - none */
  readonly data?: Record<string, string>;
  /** Type of the Secret, e.g. `kubernetes.io/dockerconfigjson`. @default 'Opaque' */
  readonly type?: string;
  /** @default TemplateMergePolicy.REPLACE (ESO's default) */
  readonly mergePolicy?: TemplateMergePolicy;
  /** Labels of the Secret. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations of the Secret. @default - none */
  readonly annotations?: Record<string, string>;
}

export interface AgentSecretsProps {
  /** Name of the ExternalSecret and of the Secret it creates. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /**
   * The store to read from: `SecretStore.cluster(name)`, `SecretStore.namespaced(name)`,
   * or a `ClusterSecretStore` / `NamespacedSecretStore` of the app (a namespaced one must share the secrets' namespace).
   */
  readonly store: ISecretStore;
  /**
   * Env var name → the value in the store (its key, or `{ key, property, version }`).
   * The Secret holds each value under its env var name (with a `template`, the
   * names are what the templates read).
   * @default - none (give `keys`, `dataFrom` or both)
   */
  readonly keys?: Record<string, string | RemoteKey>;
  /** Sources of many keys at once: `SecretSource.extract(key)`, `SecretSource.find({ ... })`. @default - none */
  readonly dataFrom?: SecretSource[];
  /** Render the Secret from the fetched values with Go templates. @default - none: the values as fetched */
  readonly template?: SecretTemplate;
  /** How often ESO re-reads the store; `Duration.seconds(0)` reads once. @default Duration.hours(1) (ESO's default) */
  readonly refreshInterval?: Duration;
  /** Name of the Secret to write. @default - `name` */
  readonly targetName?: string;
  /** @default CreationPolicy.OWNER */
  readonly creationPolicy?: CreationPolicy;
  /** @default DeletionPolicy.RETAIN */
  readonly deletionPolicy?: DeletionPolicy;
}

/** Which names a SealedSecret's ciphertext is bound to (how it was sealed). */
export enum SealingScope {
  /** Bound to the name and namespace (kubeseal's default). */
  STRICT = 'strict',
  /** Bound to the namespace; the name may change. */
  NAMESPACE_WIDE = 'namespace-wide',
  /** Unsealable under any name in any namespace. */
  CLUSTER_WIDE = 'cluster-wide',
}

export interface SealedSecretsProps {
  /** Name of the SealedSecret and of the Secret it unseals into; must be the name the values were sealed for. @default - the construct id */
  readonly name?: string;
  /** The namespace the values were sealed for. @default - the Chart's namespace */
  readonly namespace?: string;
  /** Env var name → ciphertext from `kubeseal --raw`. */
  readonly encryptedData: Record<string, string>;
  /** The scope given to kubeseal (`--scope`). @default SealingScope.STRICT */
  readonly scope?: SealingScope;
}

export interface UnsafePlaintextSecretsProps {
  /** Name of the Secret. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** Env var name → the value, written into the manifests in plain text. */
  readonly values: Record<string, string>;
}

const envMap = (valueType: ReturnType<typeof T.string> | ReturnType<typeof T.oneOf>) => T.record(valueType);
const NAME_SHAPE = { name: T.string({ nonEmpty: true }), namespace: T.namespace() };

const EXTERNAL_SHAPE = {
  ...NAME_SHAPE,
  store: T.duck('an ISecretStore', ['kind', 'name'], 'use `SecretStore.cluster(name)`, `SecretStore.namespaced(name)`, or a ClusterSecretStore / NamespacedSecretStore'),
  keys: envMap(T.oneOf('a store key or a RemoteKey', [T.string({ nonEmpty: true }), T.object<RemoteKey>({ key: T.string({ nonEmpty: true }), property: T.string(), version: T.string() }, 'a RemoteKey')],
    'pass the key in the store as a string, or `{ key, property?, version? }`')),
  refreshInterval: T.duration(),
  targetName: T.string({ nonEmpty: true }),
  creationPolicy: T.enumOf(CreationPolicy, 'CreationPolicy'),
  deletionPolicy: T.enumOf(DeletionPolicy, 'DeletionPolicy'),
  dataFrom: T.array(T.instanceOf(SecretSource, 'SecretSource', 'use `SecretSource.extract(key)` or `SecretSource.find({ nameRegexp })`')),
  template: T.object<SecretTemplate>({
    data: T.record(T.string()), type: T.string({ nonEmpty: true }), mergePolicy: T.enumOf(TemplateMergePolicy, 'TemplateMergePolicy'),
    labels: T.record(T.string()), annotations: T.record(T.string()),
  }, 'a SecretTemplate'),
} satisfies ShapeOf<AgentSecretsProps>;
const SEALED_SHAPE = { ...NAME_SHAPE, encryptedData: envMap(T.string()), scope: T.enumOf(SealingScope, 'SealingScope') } satisfies ShapeOf<SealedSecretsProps>;
const PLAINTEXT_SHAPE = { ...NAME_SHAPE, values: envMap(T.string()) } satisfies ShapeOf<UnsafePlaintextSecretsProps>;
const EXISTING_SHAPE = { secretName: T.string({ nonEmpty: true }), keys: envMap(T.string()) } satisfies ShapeOf<ExistingSecretProps>;

/** What `fromSecretName` is given, checked like props. */
interface ExistingSecretProps {
  readonly secretName: string;
  readonly keys?: Record<string, string>;
}

/**
 * The common part of every form: a name, env var keys, and the check that
 * the keys are variable names (each becomes one through `envFrom`).
 */
abstract class EnvSecrets<P extends { readonly name?: string; readonly namespace?: string }> extends AgentConstruct<P> implements IAgentSecrets {
  /** Kubernetes name of the generated object (ExternalSecret, SealedSecret or Secret). */
  public readonly name: string;
  public readonly secretName: string;
  /** The generated object (id `Resource`). */
  public abstract readonly resource: ApiObject;
  /** The keys of the Secret (each an env var), or undefined when the library cannot know them. */
  protected readonly variables: string[] | undefined;

  protected constructor(scope: Construct, id: string, props: P, shape: ShapeOf<P>, required: readonly (keyof P & string)[], variablesProp: keyof P & string,
    secretName?: (p: Partial<P>) => string | undefined) {
    super(scope, id, props, shape, required);
    this.name = this.resourceName;
    this.secretName = secretName?.(this.props) ?? this.resourceName;
    this.variables = this.secretKeys(variablesProp);
    for (const [prop, v] of this.exposedKeys(variablesProp)) {
      if (!isEnvVarName(v)) this.reportProp(R.ENV_VAR_KEY, `${prop}.${v}`, v);
    }
  }

  /** The Secret holds exactly the variables, so `envFrom` exposes them all. */
  public get wholeSecret(): boolean {
    return true;
  }

  /** Each variable under its own name; undefined when the keys are not known (`dataFrom`). */
  public get keys(): Record<string, string> | undefined {
    return this.variables && Object.fromEntries(this.variables.map((v) => [v, v]));
  }

  /** The keys the Secret will hold: the variables. */
  protected secretKeys(variablesProp: keyof P & string): string[] | undefined {
    return Object.keys(this.props[variablesProp] ?? {});
  }

  /** The keys that become env vars, with the prop that names each. */
  protected exposedKeys(variablesProp: keyof P & string): [prop: string, key: string][] {
    return Object.keys(this.props[variablesProp] ?? {}).map((k) => [variablesProp, k]);
  }
}

/**
 * Secrets for agents, never in plain text in `dist/`. The default form is an
 * External Secrets Operator `ExternalSecret` (`external-secrets.io/v1`, the
 * version ESO serves and stores) that writes a Secret holding each value
 * under its env var name; agents read it with `envFrom`.
 *
 * ```ts
 * const secrets = new AgentSecrets(chart, 'jira-triage-secrets', {
 *   store: SecretStore.cluster('vault'),
 *   keys: {
 *     ANTHROPIC_API_KEY: 'prod/jira-triage/anthropic',
 *     JIRA_API_TOKEN: { key: 'prod/jira-triage/jira', property: 'token' },
 *   },
 * });
 * ```
 *
 * Without ESO: `AgentSecrets.sealed` (values encrypted with
 * kubeseal) or `AgentSecrets.fromSecretName` (a Secret managed elsewhere).
 */
export class AgentSecrets extends EnvSecrets<AgentSecretsProps> {
  /**
   * Reference a Secret that already exists in the namespace.
   *
   * @param secretName the Kubernetes name of the Secret
   * @param keys env var name → key in the Secret. Without it, every key of the
   *   Secret becomes an env var (`envFrom`).
   */
  public static fromSecretName(scope: Construct, id: string, secretName: string, keys?: Record<string, string>): IAgentSecrets {
    return new ExistingSecret(checkScope(scope, id, 'AgentSecrets.fromSecretName'), id, secretName, keys);
  }

  /**
   * Creates a Bitnami `SealedSecret` (`bitnami.com/v1alpha1`): values
   * committed encrypted, which only the controller in the cluster can decrypt.
   * Seal each value for the secret's name and namespace:
   * `echo -n "$VALUE" | kubeseal --raw --namespace agents --name jira-triage-secrets`.
   */
  public static sealed(scope: Construct, id: string, props: SealedSecretsProps): IAgentSecrets {
    return new SealedSecrets(checkScope(scope, id, 'AgentSecrets.sealed'), id, props);
  }

  /**
   * A plain `v1` Secret whose values are written into the manifests in plain
   * text, readable by everyone who can read the repository. For throwaway
   * clusters and tests only: every synth warns (SECRET-004).
   */
  public static unsafePlaintext(scope: Construct, id: string, props: UnsafePlaintextSecretsProps): IAgentSecrets {
    return new PlaintextSecrets(checkScope(scope, id, 'AgentSecrets.unsafePlaintext'), id, props);
  }

  /** The generated ExternalSecret (id `Resource`). */
  public readonly resource: ApiObject;
  /** The store the values are read from. */
  public readonly store: ISecretStore;

  public constructor(scope: Construct, id: string, props: AgentSecretsProps) {
    super(scope, id, props, EXTERNAL_SHAPE, ['store'], 'keys', (p) => p.targetName ?? p.name);
    this.store = this.props.store ?? SecretStore.cluster('');
    if (this.store.kind !== 'ClusterSecretStore' && this.store.kind !== 'SecretStore') {
      this.reportProp(CORE_RULES.PROP_TYPE, 'store.kind', this.store.kind, 'a store is a ClusterSecretStore or a SecretStore', 'use `SecretStore.cluster(name)`, `SecretStore.namespaced(name)`, or a ClusterSecretStore / NamespacedSecretStore');
    }
    this.resource = this.createResource({
      apiVersion: eso.ExternalSecret.GVK.apiVersion,
      kind: eso.ExternalSecret.GVK.kind,
      metadata: this.metadata(),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
  }

  /** With `CreationPolicy.MERGE` the Secret holds other keys too: agents then read only theirs, by `secretKeyRef`. */
  public get wholeSecret(): boolean {
    return this.creationPolicy === CreationPolicy.OWNER || this.creationPolicy === CreationPolicy.ORPHAN;
  }

  private get creationPolicy(): CreationPolicy {
    return this.props.creationPolicy ?? CreationPolicy.OWNER;
  }

  /**
   * What the Secret holds: the template's keys (and, with MERGE, the fetched
   * ones); the variables; nothing known when `dataFrom` adds keys.
   */
  protected secretKeys(): string[] | undefined {
    const p = this.props;
    const variables = Object.keys(p.keys ?? {});
    const templated = p.template?.data && Object.keys(p.template.data);
    const fetched = (p.dataFrom ?? []).length > 0 ? undefined : variables;
    if (templated === undefined) return fetched;
    if ((p.template?.mergePolicy ?? TemplateMergePolicy.REPLACE) === TemplateMergePolicy.REPLACE) return templated;
    return fetched && [...new Set([...fetched, ...templated])];
  }

  /** The variables become env vars unless a replacing template decides the keys; the template's keys always do. */
  protected exposedKeys(): [string, string][] {
    const p = this.props;
    const replaced = p.template?.data !== undefined && (p.template.mergePolicy ?? TemplateMergePolicy.REPLACE) === TemplateMergePolicy.REPLACE;
    const variables: [string, string][] = replaced ? [] : Object.keys(p.keys ?? {}).map((k) => ['keys', k]);
    return [...variables, ...Object.keys(p.template?.data ?? {}).map((k): [string, string] => ['template.data', k])];
  }

  private renderSpec(): Record<string, unknown> {
    const p = this.props;
    const data = Object.entries(p.keys ?? {}).map(([variable, ref]) => {
      const remote = typeof ref === 'string' ? { key: ref } : ref;
      return { secretKey: variable, remoteRef: { key: remote.key, property: remote.property, version: remote.version } };
    });
    const t = p.template;
    return {
      refreshInterval: fromProp('refreshInterval', goDuration(p.refreshInterval ?? Duration.hours(1))),
      secretStoreRef: fromProp('store', { kind: this.store.kind, name: this.store.name }),
      target: {
        name: fromProp('targetName', this.secretName),
        creationPolicy: fromProp('creationPolicy', this.creationPolicy),
        deletionPolicy: fromProp('deletionPolicy', p.deletionPolicy ?? DeletionPolicy.RETAIN),
        template: fromProp('template', t && {
          engineVersion: 'v2',
          type: t.type,
          mergePolicy: t.mergePolicy ?? TemplateMergePolicy.REPLACE,
          metadata: t.labels || t.annotations ? { labels: t.labels && { ...t.labels }, annotations: t.annotations && { ...t.annotations } } : undefined,
          data: t.data && { ...t.data },
        }),
      },
      // Without `keys`, `dataFrom` alone fills the Secret.
      data: fromProp('keys', p.keys === undefined && p.dataFrom?.length ? undefined : data),
      dataFrom: fromProp('dataFrom', p.dataFrom && p.dataFrom.length > 0 ? p.dataFrom.map((d) => d._render()) : undefined),
    };
  }
}

class SealedSecrets extends EnvSecrets<SealedSecretsProps> {
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: SealedSecretsProps) {
    super(scope, id, props, SEALED_SHAPE, ['encryptedData'], 'encryptedData');
    const p = this.props;
    const scopeAnnotation = p.scope && p.scope !== SealingScope.STRICT ? { [`sealedsecrets.bitnami.com/${p.scope}`]: fromProp('scope', 'true') } : undefined;
    this.resource = this.createResource({
      apiVersion: bitnami.SealedSecret.GVK.apiVersion,
      kind: bitnami.SealedSecret.GVK.kind,
      metadata: this.metadata({ annotations: scopeAnnotation }, this.secretName),
      spec: Lazy.any({
        produce: () => ({
          encryptedData: fromProp('encryptedData', { ...(p.encryptedData ?? {}) }),
          // The Secret the controller creates carries the same scope, so a re-seal keeps working.
          template: { metadata: { name: this.secretName, annotations: scopeAnnotation } },
        }),
      }),
    });
  }
}

class PlaintextSecrets extends EnvSecrets<UnsafePlaintextSecretsProps> {
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: UnsafePlaintextSecretsProps) {
    super(scope, id, props, PLAINTEXT_SHAPE, ['values'], 'values');
    this.resource = this.createResource({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: this.metadata({}, this.secretName),
      stringData: fromProp('AgentSecrets.unsafePlaintext(values)', { ...(this.props.values ?? {}) }),
    });
  }
}

/** A Secret managed elsewhere: renders nothing. */
class ExistingSecret extends AgentConstruct<ExistingSecretProps> implements IAgentSecrets {
  public readonly secretName: string;
  public readonly wholeSecret: boolean;
  private readonly keyMap?: Record<string, string>;

  public constructor(scope: Construct, id: string, secretName: string, keys?: Record<string, string>) {
    super(scope, id, { secretName, keys }, EXISTING_SHAPE, ['secretName']);
    this.secretName = typeof secretName === 'string' ? secretName : '';
    if (this.propsValid && keys !== undefined && keys !== null) this.keyMap = { ...keys };
    this.wholeSecret = this.keyMap === undefined;
  }

  /** Env var name → Secret key, or undefined when the whole Secret is exposed. Returns a copy. */
  public get keys(): Record<string, string> | undefined {
    return this.keyMap ? { ...this.keyMap } : undefined;
  }
}
