import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as bitnami from '../../imports/bitnami.com';
import * as eso from '../../imports/external-secrets.io';
import { AgentConstruct, fromProp } from '../construct/construct';
import { isEnvVarName } from '../k8s/names';
import { goDuration } from '../k8s/values';
import { checkArgs, checkScope, ShapeOf, T, withArgFindings } from '../construct/props';
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

/** Where an ExternalSecret reads its values: a `ClusterSecretStore` or a namespaced `SecretStore`. */
export class SecretStore {
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

export interface AgentSecretsProps {
  /** Name of the ExternalSecret and of the Secret it creates. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** The store to read from: `SecretStore.cluster(name)` or `SecretStore.namespaced(name)`. */
  readonly store: SecretStore;
  /**
   * Env var name → the value in the store (its key, or `{ key, property, version }`).
   * The Secret holds each value under its env var name.
   */
  readonly keys: Record<string, string | RemoteKey>;
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
  store: T.instanceOf(SecretStore, 'SecretStore', 'use `SecretStore.cluster(name)` or `SecretStore.namespaced(name)`'),
  keys: envMap(T.oneOf('a store key or a RemoteKey', [T.string({ nonEmpty: true }), T.object<RemoteKey>({ key: T.string({ nonEmpty: true }), property: T.string(), version: T.string() }, 'a RemoteKey')],
    'pass the key in the store as a string, or `{ key, property?, version? }`')),
  refreshInterval: T.duration(),
  targetName: T.string({ nonEmpty: true }),
  creationPolicy: T.enumOf(CreationPolicy, 'CreationPolicy'),
  deletionPolicy: T.enumOf(DeletionPolicy, 'DeletionPolicy'),
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
  private readonly variables: string[];

  protected constructor(scope: Construct, id: string, props: P, shape: ShapeOf<P>, required: readonly (keyof P & string)[], variablesProp: keyof P & string,
    secretName?: (p: Partial<P>) => string | undefined) {
    super(scope, id, props, shape, required);
    this.name = this.resourceName;
    this.secretName = secretName?.(this.props) ?? this.resourceName;
    this.variables = Object.keys(this.props[variablesProp] ?? {});
    for (const v of this.variables) {
      if (!isEnvVarName(v)) this.reportProp(R.ENV_VAR_KEY, `${variablesProp}.${v}`, v);
    }
  }

  /** The Secret holds exactly the variables, so `envFrom` exposes them all. */
  public get wholeSecret(): boolean {
    return true;
  }

  /** Each variable under its own name. */
  public get keys(): Record<string, string> {
    return Object.fromEntries(this.variables.map((v) => [v, v]));
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
  public readonly store: SecretStore;

  public constructor(scope: Construct, id: string, props: AgentSecretsProps) {
    super(scope, id, props, EXTERNAL_SHAPE, ['store', 'keys'], 'keys', (p) => p.targetName ?? p.name);
    this.store = this.props.store ?? SecretStore.cluster('');
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

  private renderSpec(): Record<string, unknown> {
    const p = this.props;
    const data = Object.entries(p.keys ?? {}).map(([variable, ref]) => {
      const remote = typeof ref === 'string' ? { key: ref } : ref;
      return { secretKey: variable, remoteRef: { key: remote.key, property: remote.property, version: remote.version } };
    });
    return {
      refreshInterval: fromProp('refreshInterval', goDuration(p.refreshInterval ?? Duration.hours(1))),
      secretStoreRef: fromProp('store', { kind: this.store.kind, name: this.store.name }),
      target: {
        name: fromProp('targetName', this.secretName),
        creationPolicy: fromProp('creationPolicy', this.creationPolicy),
        deletionPolicy: fromProp('deletionPolicy', p.deletionPolicy ?? DeletionPolicy.RETAIN),
      },
      data: fromProp('keys', data),
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
