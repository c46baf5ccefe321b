import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as eso from '../../imports/external-secrets.io';
import { AgentConstruct, clusterScoped, fromProp } from '../construct/construct';
import { checkArgs, notJson, PropType, ShapeOf, T, withArgFindings } from '../construct/props';
import { CORE_RULES } from '../engine/core-rules';
import { RawFinding } from '../engine/rule';
import { goDuration } from '../k8s/values';
import { isConfigMapKey, isDns1123Subdomain } from '../k8s/names';
import type { ISecretStore } from './agent-secrets';

/** A key of a Kubernetes Secret that holds a credential of the store. */
export interface SecretKeyRef {
  /** Name of the Secret. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
  /**
   * Namespace of the Secret. A namespaced SecretStore may only name its own
   * (SECRET-STORE-005); a ClusterSecretStore without it reads the Secret from
   * the namespace of each ExternalSecret that uses the store.
   * @default - the store's namespace (SecretStore), the ExternalSecret's (ClusterSecretStore)
   */
  readonly namespace?: string;
}

/** Where a private CA certificate for the provider's endpoint is kept. */
export interface CaProvider {
  /** `Secret` or `ConfigMap`. */
  readonly type: CaProviderType;
  /** Name of the Secret or ConfigMap. */
  readonly name: string;
  /** Key that holds the PEM certificate. @default - ESO's default key for the type */
  readonly key?: string;
  /** Namespace; required on a ClusterSecretStore, refused on a SecretStore (for the Kubernetes provider). @default - the store's */
  readonly namespace?: string;
}

/** The kind of object a CA certificate is read from. */
export enum CaProviderType {
  SECRET = 'Secret',
  CONFIG_MAP = 'ConfigMap',
}

/** Version of Vault's KV secrets engine mounted at `path`. */
export enum VaultKvVersion {
  V1 = 'v1',
  V2 = 'v2',
}

/** Options of `VaultAuth.kubernetes`. */
export interface VaultKubernetesAuthOptions {
  /** Vault role bound to the service account. */
  readonly role: string;
  /** Mount path of the Kubernetes auth method in Vault. @default 'kubernetes' */
  readonly mountPath?: string;
  /** A ServiceAccount whose token ESO requests and presents to Vault. @default - the ESO controller's own token */
  readonly serviceAccount?: string;
  /** Namespace of `serviceAccount` (ClusterSecretStore only). @default - the ExternalSecret's namespace */
  readonly serviceAccountNamespace?: string;
}

/** Options of `VaultAuth.appRole`. */
export interface VaultAppRoleOptions {
  /** The AppRole role id (not secret). */
  readonly roleId: string;
  /** The Secret key holding the AppRole secret id. */
  readonly secretId: SecretKeyRef;
  /** Mount path of the AppRole auth method. @default 'approle' */
  readonly path?: string;
}

const STRING = T.string({ nonEmpty: true });
/** What the CRD's patterns accept for object names and Secret keys. */
const OBJECT_NAME = T.stringWhere('a Kubernetes name (lowercase letters, digits, `-` and `.`)', isDns1123Subdomain);
const KEY = T.stringWhere('a Secret key (letters, digits, `-`, `_` and `.`)', isConfigMapKey);
const SECRET_KEY_REF = T.object<SecretKeyRef>({ name: OBJECT_NAME, key: KEY, namespace: T.namespace() }, 'a SecretKeyRef ({ name, key, namespace? })', ['name', 'key']);
const CA_PROVIDER = T.object<CaProvider>({ type: T.enumOf(CaProviderType, 'CaProviderType'), name: OBJECT_NAME, key: KEY, namespace: T.namespace() },
  'a CaProvider ({ type, name, key?, namespace? })', ['type', 'name']);

/** A `{ name, key, namespace }` selector as ESO reads it. */
const selector = (ref: SecretKeyRef | undefined) => ref && { name: ref.name, key: ref.key, namespace: ref.namespace };
const serviceAccountRef = (name: string | undefined, namespace?: string) => name === undefined ? undefined : { name, namespace };
/** A value made by a factory whose arguments did not fit: it renders nothing from them (the findings say why). */
const made = <V extends object>(value: V, findings: readonly RawFinding[]) => withArgFindings(value, findings);

/**
 * How ESO authenticates to Vault (`spec.provider.vault.auth`): one method.
 *
 * ```ts
 * VaultAuth.kubernetes({ role: 'agents' });
 * ```
 */
export class VaultAuth {
  /** Kubernetes auth: ESO presents a service account token and Vault maps it to `role`. No static credential to keep. */
  public static kubernetes(options: VaultKubernetesAuthOptions): VaultAuth {
    const findings = checkArgs('VaultAuth.kubernetes', { options }, {
      options: T.object<VaultKubernetesAuthOptions>({ role: STRING, mountPath: STRING, serviceAccount: OBJECT_NAME, serviceAccountNamespace: T.namespace() }, 'VaultKubernetesAuthOptions', ['role']),
    }, ['options']);
    const o = findings.length === 0 ? options : undefined;
    return made(new VaultAuth({
      kubernetes: o && { role: o.role, mountPath: o.mountPath ?? 'kubernetes', serviceAccountRef: serviceAccountRef(o.serviceAccount, o.serviceAccountNamespace) },
    }), findings);
  }

  /** A static Vault token kept in a Secret (`tokenSecretRef`). Prefer `kubernetes`: a token in a Secret must be rotated by hand. */
  public static token(secret: SecretKeyRef): VaultAuth {
    const findings = checkArgs('VaultAuth.token', { secret }, { secret: SECRET_KEY_REF }, ['secret']);
    return made(new VaultAuth({ tokenSecretRef: findings.length === 0 ? selector(secret) : undefined }), findings);
  }

  /** AppRole auth: a role id and a secret id kept in a Secret. */
  public static appRole(options: VaultAppRoleOptions): VaultAuth {
    const findings = checkArgs('VaultAuth.appRole', { options }, {
      options: T.object<VaultAppRoleOptions>({ roleId: STRING, secretId: SECRET_KEY_REF, path: STRING }, 'VaultAppRoleOptions', ['roleId', 'secretId']),
    }, ['options']);
    const o = findings.length === 0 ? options : undefined;
    return made(new VaultAuth({ appRole: o && { path: o.path ?? 'approle', roleId: o.roleId, secretRef: selector(o.secretId) } }), findings);
  }

  private constructor(private readonly auth: Readonly<Record<string, unknown>>) {}

  /** @internal The `auth` block. */
  public _render(): Record<string, unknown> {
    return { ...this.auth };
  }
}

/** Options of `SecretStoreProvider.vault`. */
export interface VaultProviderOptions {
  /** Address of the Vault API, e.g. `https://vault.vault.svc:8200`. `http://` warns (SECRET-STORE-008). */
  readonly server: string;
  /** Mount path of the KV engine, e.g. `secret`. @default - none: every key names its mount */
  readonly path?: string;
  /** Version of the KV engine. @default VaultKvVersion.V2 */
  readonly version?: VaultKvVersion;
  /** How ESO logs in. */
  readonly auth: VaultAuth;
  /** Vault Enterprise namespace. @default - none */
  readonly namespace?: string;
  /** Base64 PEM bundle of the CA that signed Vault's certificate. @default - the system roots */
  readonly caBundle?: string;
  /** The CA certificate, from a Secret or ConfigMap. @default - the system roots */
  readonly caProvider?: CaProvider;
}

/** Options of `SecretStoreProvider.awsSecretsManager` and `.awsParameterStore`. */
export interface AwsProviderOptions {
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** IAM role to assume after authenticating. @default - none */
  readonly role?: string;
  /** Authenticate with this ServiceAccount's token (IRSA / web identity). @default - the ESO controller's identity (IRSA or EKS Pod Identity on its pod) */
  readonly serviceAccount?: string;
  /** Namespace of `serviceAccount` (ClusterSecretStore only). @default - the ExternalSecret's namespace */
  readonly serviceAccountNamespace?: string;
  /** Static access keys kept in Secrets. Prefer a service account: keys must be rotated by hand. @default - none */
  readonly accessKeys?: AwsAccessKeys;
}

/** Static AWS credentials kept in Secrets. */
export interface AwsAccessKeys {
  readonly accessKeyId: SecretKeyRef;
  readonly secretAccessKey: SecretKeyRef;
  /** @default - none */
  readonly sessionToken?: SecretKeyRef;
}

/** Options of `SecretStoreProvider.gcpSecretManager`. */
export interface GcpProviderOptions {
  /** The GCP project holding the secrets. @default - the cluster's project, from the GKE metadata server (not with `serviceAccountKey`: SECRET-STORE-015) */
  readonly projectId?: string;
  /** A region, for regional secrets. @default - global secrets */
  readonly location?: string;
  /** Workload Identity through this Kubernetes ServiceAccount. @default - the ESO controller's identity */
  readonly workloadIdentity?: GcpWorkloadIdentity;
  /** A service-account JSON key kept in a Secret. Prefer Workload Identity. @default - none */
  readonly serviceAccountKey?: SecretKeyRef;
}

/** GKE Workload Identity for a GCP store. */
export interface GcpWorkloadIdentity {
  /** The Kubernetes ServiceAccount bound to a GCP service account. */
  readonly serviceAccount: string;
  /** Namespace of the ServiceAccount (ClusterSecretStore only). @default - the ExternalSecret's namespace */
  readonly serviceAccountNamespace?: string;
  /** Location of the cluster. @default - from the metadata server */
  readonly clusterLocation?: string;
  /** Name of the cluster. @default - from the metadata server */
  readonly clusterName?: string;
  /** Project of the cluster. @default - `projectId` */
  readonly clusterProjectId?: string;
}

/** How ESO authenticates to Azure Key Vault (`authType`). */
export enum AzureAuthType {
  /** Azure Workload Identity through a Kubernetes ServiceAccount: no static secret. */
  WORKLOAD_IDENTITY = 'WorkloadIdentity',
  /** The managed identity of the node or pod. */
  MANAGED_IDENTITY = 'ManagedIdentity',
  /** A client id and secret kept in Secrets. */
  SERVICE_PRINCIPAL = 'ServicePrincipal',
}

/** Options of `SecretStoreProvider.azureKeyVault`. */
export interface AzureKeyVaultOptions {
  /** URL of the vault, e.g. `https://agents-kv.vault.azure.net`. */
  readonly vaultUrl: string;
  /** Azure AD tenant id. @default - none (required by ServicePrincipal and WorkloadIdentity unless the ServiceAccount is annotated with it) */
  readonly tenantId?: string;
  /** @default AzureAuthType.WORKLOAD_IDENTITY (ESO's default is ServicePrincipal; no static secret is the safer default) */
  readonly authType?: AzureAuthType;
  /** The ServiceAccount for WorkloadIdentity. @default - the ESO controller's */
  readonly serviceAccount?: string;
  /** A user-assigned identity for ManagedIdentity. @default - the system-assigned identity */
  readonly identityId?: string;
  /** Client id for ServicePrincipal. @default - none */
  readonly clientId?: SecretKeyRef;
  /** Client secret for ServicePrincipal. @default - none */
  readonly clientSecret?: SecretKeyRef;
}

/** Options of `SecretStoreProvider.kubernetes`. */
export interface KubernetesProviderOptions {
  /** The namespace whose Secrets the store reads. */
  readonly remoteNamespace: string;
  /** API server URL. @default 'kubernetes.default' (the cluster ESO runs in) */
  readonly url?: string;
  /** The API server's CA. @default - none: the system roots (ESO warns) */
  readonly caProvider?: CaProvider;
  /** Authenticate as this ServiceAccount (a token ESO requests for it). Give this or `token`. @default - none */
  readonly serviceAccount?: string;
  /** Namespace of `serviceAccount` (ClusterSecretStore only). @default - the ExternalSecret's namespace */
  readonly serviceAccountNamespace?: string;
  /** A bearer token kept in a Secret. @default - none */
  readonly token?: SecretKeyRef;
}

const SA_NAME = OBJECT_NAME;
const VAULT_SHAPE = {
  server: STRING, path: T.string(), version: T.enumOf(VaultKvVersion, 'VaultKvVersion'),
  auth: T.instanceOf(VaultAuth, 'VaultAuth', 'use `VaultAuth.kubernetes({ role })`, `VaultAuth.token(ref)` or `VaultAuth.appRole(...)`'),
  namespace: T.string(), caBundle: STRING, caProvider: CA_PROVIDER,
} satisfies ShapeOf<VaultProviderOptions>;
const AWS_SHAPE = {
  region: STRING, role: STRING, serviceAccount: SA_NAME, serviceAccountNamespace: T.namespace(),
  accessKeys: T.object<AwsAccessKeys>({ accessKeyId: SECRET_KEY_REF, secretAccessKey: SECRET_KEY_REF, sessionToken: SECRET_KEY_REF }, 'AwsAccessKeys', ['accessKeyId', 'secretAccessKey']),
} satisfies ShapeOf<AwsProviderOptions>;
const GCP_SHAPE = {
  projectId: STRING, location: STRING, serviceAccountKey: SECRET_KEY_REF,
  workloadIdentity: T.object<GcpWorkloadIdentity>({ serviceAccount: SA_NAME, serviceAccountNamespace: T.namespace(), clusterLocation: STRING, clusterName: STRING, clusterProjectId: STRING },
    'a GcpWorkloadIdentity', ['serviceAccount']),
} satisfies ShapeOf<GcpProviderOptions>;
const AZURE_SHAPE = {
  vaultUrl: STRING, tenantId: STRING, authType: T.enumOf(AzureAuthType, 'AzureAuthType'), serviceAccount: SA_NAME, identityId: STRING,
  clientId: SECRET_KEY_REF, clientSecret: SECRET_KEY_REF,
} satisfies ShapeOf<AzureKeyVaultOptions>;
const KUBERNETES_SHAPE = {
  remoteNamespace: T.namespace(), url: STRING, caProvider: CA_PROVIDER, serviceAccount: SA_NAME, serviceAccountNamespace: T.namespace(), token: SECRET_KEY_REF,
} satisfies ShapeOf<KubernetesProviderOptions>;

/** Findings for options that give two alternatives the provider reads only one of, or none of the required ones. */
function exclusive(factory: string, options: Record<string, unknown>, keys: readonly string[], required: boolean): RawFinding[] {
  const given = keys.filter((k) => options[k] !== undefined);
  if (given.length > 1) return [{ rule: CORE_RULES.PROP_TYPE, field: '', prop: `${factory}(options.${given[1]})`, value: options[given[1]], problem: `give one of ${keys.join(', ')}, not several`, fix: `keep one of ${given.join(', ')}` }];
  if (required && given.length === 0) return [{ rule: CORE_RULES.PROP_TYPE, field: '', prop: `${factory}(options)`, value: undefined, problem: `give one of ${keys.join(', ')}`, fix: `set one of ${keys.join(', ')}` }];
  return [];
}

function checkOptions<O>(factory: string, options: O, shape: ShapeOf<O>, required: readonly (keyof O & string)[]): RawFinding[] {
  return checkArgs(factory, { options }, { options: T.object<O>(shape, `${factory.split('.')[1]} options`, required) }, ['options']);
}

/**
 * The backend a SecretStore reads from (`spec.provider`): one provider per
 * store. Factories for the common ones; `raw` for any other ESO provider.
 *
 * ```ts
 * SecretStoreProvider.vault({ server: 'https://vault.vault.svc:8200', path: 'secret', auth: VaultAuth.kubernetes({ role: 'agents' }) });
 * SecretStoreProvider.awsSecretsManager({ region: 'eu-west-1', serviceAccount: 'eso-reader' });
 * ```
 */
export class SecretStoreProvider {
  /** HashiCorp Vault (or OpenBao through its Vault API), KV engine v2 by default. */
  public static vault(options: VaultProviderOptions): SecretStoreProvider {
    const findings = checkOptions('SecretStoreProvider.vault', options, VAULT_SHAPE, ['server', 'auth']);
    const o = findings.length === 0 ? options : undefined;
    return made(new SecretStoreProvider('vault', () => o && {
      server: o.server, path: o.path, version: o.version ?? VaultKvVersion.V2, namespace: o.namespace,
      caBundle: o.caBundle, caProvider: o.caProvider && { ...o.caProvider }, auth: o.auth._render(),
    }), findings);
  }

  /** AWS Secrets Manager. */
  public static awsSecretsManager(options: AwsProviderOptions): SecretStoreProvider {
    return SecretStoreProvider.aws('SecretStoreProvider.awsSecretsManager', 'SecretsManager', options);
  }

  /** AWS Systems Manager Parameter Store. */
  public static awsParameterStore(options: AwsProviderOptions): SecretStoreProvider {
    return SecretStoreProvider.aws('SecretStoreProvider.awsParameterStore', 'ParameterStore', options);
  }

  /** Google Cloud Secret Manager. */
  public static gcpSecretManager(options: GcpProviderOptions = {}): SecretStoreProvider {
    const factory = 'SecretStoreProvider.gcpSecretManager';
    let findings = checkOptions(factory, options, GCP_SHAPE, []);
    if (findings.length === 0) findings = exclusive(factory, { ...options }, ['workloadIdentity', 'serviceAccountKey'], false);
    const o = findings.length === 0 ? options : undefined;
    const wi = o?.workloadIdentity;
    return made(new SecretStoreProvider('gcpsm', () => o && {
      projectID: o.projectId, location: o.location,
      auth: wi || o.serviceAccountKey ? {
        workloadIdentity: wi && { serviceAccountRef: serviceAccountRef(wi.serviceAccount, wi.serviceAccountNamespace), clusterLocation: wi.clusterLocation, clusterName: wi.clusterName, clusterProjectID: wi.clusterProjectId },
        secretRef: o.serviceAccountKey && { secretAccessKeySecretRef: selector(o.serviceAccountKey) },
      } : undefined,
    }), findings);
  }

  /** Azure Key Vault, with Workload Identity by default. */
  public static azureKeyVault(options: AzureKeyVaultOptions): SecretStoreProvider {
    const factory = 'SecretStoreProvider.azureKeyVault';
    let findings = checkOptions(factory, options, AZURE_SHAPE, ['vaultUrl']);
    const authType = options?.authType ?? AzureAuthType.WORKLOAD_IDENTITY;
    if (findings.length === 0 && authType === AzureAuthType.SERVICE_PRINCIPAL && (!options.clientId || !options.clientSecret)) {
      findings = [{ rule: CORE_RULES.PROP_TYPE, field: '', prop: `${factory}(options)`, value: undefined, problem: 'ServicePrincipal auth needs clientId and clientSecret', fix: 'give both Secret references, or use AzureAuthType.WORKLOAD_IDENTITY' }];
    }
    const o = findings.length === 0 ? options : undefined;
    return made(new SecretStoreProvider('azurekv', () => o && {
      vaultUrl: o.vaultUrl, tenantId: o.tenantId, authType,
      serviceAccountRef: authType === AzureAuthType.WORKLOAD_IDENTITY ? serviceAccountRef(o.serviceAccount) : undefined,
      identityId: authType === AzureAuthType.MANAGED_IDENTITY ? o.identityId : undefined,
      authSecretRef: authType === AzureAuthType.SERVICE_PRINCIPAL ? { clientId: selector(o.clientId), clientSecret: selector(o.clientSecret) } : undefined,
    }), findings);
  }

  /** Secrets of a namespace of this (or another) cluster, read through the Kubernetes API. */
  public static kubernetes(options: KubernetesProviderOptions): SecretStoreProvider {
    const factory = 'SecretStoreProvider.kubernetes';
    let findings = checkOptions(factory, options, KUBERNETES_SHAPE, ['remoteNamespace']);
    if (findings.length === 0) findings = exclusive(factory, { ...options }, ['serviceAccount', 'token'], true);
    const o = findings.length === 0 ? options : undefined;
    return made(new SecretStoreProvider('kubernetes', () => o && {
      remoteNamespace: o.remoteNamespace,
      server: o.url || o.caProvider ? { url: o.url, caProvider: o.caProvider && { ...o.caProvider } } : undefined,
      auth: o.token ? { token: { bearerToken: selector(o.token) } } : { serviceAccount: serviceAccountRef(o.serviceAccount, o.serviceAccountNamespace) },
    }), findings);
  }

  /**
   * Any other ESO provider, written as ESO spells it: `raw('doppler', { auth: ... })`
   * renders `spec.provider.doppler`. The store's validator and the CRD schema still check it.
   */
  public static raw(name: string, config: Record<string, unknown>): SecretStoreProvider {
    const findings = checkArgs('SecretStoreProvider.raw', { name, config }, { name: STRING, config: T.record(T.any()) }, ['name', 'config']);
    let copy: Record<string, unknown> | undefined;
    if (findings.length === 0) {
      try {
        const bad = notJson(config, 'config');
        if (bad) findings.push({ rule: CORE_RULES.PROP_TYPE, field: '', prop: 'SecretStoreProvider.raw(config)', value: bad.value, problem: `${bad.at} cannot be written to YAML`, fix: 'give strings, numbers, booleans, null, and objects or arrays of them' });
        else copy = JSON.parse(JSON.stringify(config));
      } catch {
        findings.push({ rule: CORE_RULES.PROP_TYPE, field: '', prop: 'SecretStoreProvider.raw(config)', value: config, problem: 'the config refers to itself', fix: 'give a tree of plain values' });
      }
    }
    return made(new SecretStoreProvider(copy ? name : '', () => copy), findings);
  }

  private static aws(factory: string, service: string, options: AwsProviderOptions): SecretStoreProvider {
    let findings = checkOptions(factory, options, AWS_SHAPE, ['region']);
    if (findings.length === 0) findings = exclusive(factory, { ...options }, ['serviceAccount', 'accessKeys'], false);
    const o = findings.length === 0 ? options : undefined;
    const keys = o?.accessKeys;
    return made(new SecretStoreProvider('aws', () => o && {
      service, region: o.region, role: o.role,
      auth: o.serviceAccount || keys ? {
        jwt: o.serviceAccount ? { serviceAccountRef: serviceAccountRef(o.serviceAccount, o.serviceAccountNamespace) } : undefined,
        secretRef: keys && { accessKeyIDSecretRef: selector(keys.accessKeyId), secretAccessKeySecretRef: selector(keys.secretAccessKey), sessionTokenSecretRef: selector(keys.sessionToken) },
      } : undefined,
    }), findings);
  }

  /** The provider's block, built when the factory is called (later changes to the options do not reach it). */
  private readonly config: Record<string, unknown> | undefined;

  private constructor(
    /** The key under `spec.provider` (`vault`, `aws`, `gcpsm`, `azurekv`, `kubernetes`, ...). */
    public readonly name: string,
    build: () => Record<string, unknown> | undefined,
  ) {
    this.config = build();
  }

  /** @internal `spec.provider`, or undefined when the factory's arguments did not fit. */
  public _render(): Record<string, unknown> | undefined {
    return this.config && { [this.name]: JSON.parse(JSON.stringify(this.config)) };
  }
}

/** Which namespaces may use a ClusterSecretStore: a namespace matches a condition when it matches any of its fields. */
export interface ClusterSecretStoreCondition {
  /** Namespace names. @default - none */
  readonly namespaces?: string[];
  /** Go (RE2) regular expressions over namespace names. @default - none */
  readonly namespaceRegexes?: string[];
  /** Labels the namespace must carry (`matchLabels`). @default - none */
  readonly namespaceLabels?: Record<string, string>;
}

/** Props common to both store kinds. */
export interface SecretStoreCommonProps {
  /** Name of the store. @default - the construct id */
  readonly name?: string;
  /** The backend: `SecretStoreProvider.vault(...)`, `.awsSecretsManager(...)`, ... */
  readonly provider: SecretStoreProvider;
  /** How often ESO re-validates the store. @default - the controller's setting */
  readonly refreshInterval?: Duration;
  /** Name of the ESO controller that serves the store (`spec.controller`, for several ESO installs). @default - any controller */
  readonly controller?: string;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
}

export interface NamespacedSecretStoreProps extends SecretStoreCommonProps {
  /** @default - the Chart's namespace */
  readonly namespace?: string;
}

export interface ClusterSecretStoreProps extends SecretStoreCommonProps {
  /**
   * The namespaces whose ExternalSecrets may use the store. Without
   * conditions every namespace may read everything the store's identity can
   * (SECRET-STORE-016 warns).
   * @default - none: every namespace
   */
  readonly conditions?: ClusterSecretStoreCondition[];
}

const stringMap = T.record(T.string());
const COMMON_SHAPE = {
  name: T.string({ nonEmpty: true }),
  provider: T.instanceOf(SecretStoreProvider, 'SecretStoreProvider', 'use `SecretStoreProvider.vault(...)`, `.awsSecretsManager(...)`, `.kubernetes(...)` or `.raw(name, config)`'),
  refreshInterval: T.duration(),
  controller: T.string({ nonEmpty: true }),
  labels: stringMap,
  annotations: stringMap,
} satisfies ShapeOf<SecretStoreCommonProps>;
const NAMESPACED_SHAPE = { ...COMMON_SHAPE, namespace: T.namespace() } satisfies ShapeOf<NamespacedSecretStoreProps>;
const CONDITION: PropType = T.object<ClusterSecretStoreCondition>({ namespaces: T.array(T.namespace()), namespaceRegexes: T.array(T.string()), namespaceLabels: stringMap }, 'a ClusterSecretStoreCondition');
const CLUSTER_SHAPE = { ...COMMON_SHAPE, conditions: T.array(CONDITION) } satisfies ShapeOf<ClusterSecretStoreProps>;

/** The common part of both store kinds: one provider, the refresh interval, the controller. */
abstract class StoreBase<P extends SecretStoreCommonProps> extends AgentConstruct<P> implements ISecretStore {
  /** Name of the store. */
  public readonly name: string;
  /** The generated object (id `Resource`). */
  public readonly resource: ApiObject;
  public abstract readonly kind: 'SecretStore' | 'ClusterSecretStore';

  protected constructor(scope: Construct, id: string, props: P, shape: ShapeOf<P>, kind: 'SecretStore' | 'ClusterSecretStore', namespaced: boolean) {
    super(scope, id, props, shape, ['provider']);
    this.name = this.resourceName;
    this.resource = this.createResource({
      apiVersion: eso.SecretStore.GVK.apiVersion,
      kind,
      metadata: this.metadata(),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    if (!namespaced) clusterScoped(this.resource);
  }

  protected renderSpec(): Record<string, unknown> {
    const p = this.props;
    return {
      controller: fromProp('controller', p.controller),
      refreshInterval: fromProp('refreshInterval', p.refreshInterval && goDuration(p.refreshInterval)),
      provider: fromProp('provider', p.provider?._render()),
    };
  }
}

/**
 * A namespaced External Secrets `SecretStore` (`external-secrets.io/v1`):
 * ExternalSecrets of its own namespace read through it.
 *
 * ```ts
 * const store = new NamespacedSecretStore(chart, 'vault', {
 *   provider: SecretStoreProvider.vault({ server: 'https://vault.vault.svc:8200', path: 'secret', auth: VaultAuth.kubernetes({ role: 'agents' }) }),
 * });
 * new AgentSecrets(chart, 'api-secrets', { store, keys: { JWT_SECRET: 'ai-agents/api' } });
 * ```
 */
export class NamespacedSecretStore extends StoreBase<NamespacedSecretStoreProps> {
  public readonly kind = 'SecretStore' as const;
  /** Namespace of the store, when known at synth time. */
  public readonly namespace?: string;

  public constructor(scope: Construct, id: string, props: NamespacedSecretStoreProps) {
    super(scope, id, props, NAMESPACED_SHAPE, 'SecretStore', true);
    this.namespace = this.resourceNamespace;
  }
}

/**
 * A cluster-wide External Secrets `ClusterSecretStore`
 * (`external-secrets.io/v1`): ExternalSecrets of the namespaces its
 * `conditions` allow read through it.
 *
 * ```ts
 * new ClusterSecretStore(chart, 'vault', {
 *   provider: SecretStoreProvider.vault({ server: 'https://vault.vault.svc:8200', path: 'secret', auth: VaultAuth.kubernetes({ role: 'eso' }) }),
 *   conditions: [{ namespaces: ['agents'] }],
 * });
 * ```
 */
export class ClusterSecretStore extends StoreBase<ClusterSecretStoreProps> {
  public readonly kind = 'ClusterSecretStore' as const;
  /** Cluster-scoped: none. */
  public readonly namespace = undefined;

  public constructor(scope: Construct, id: string, props: ClusterSecretStoreProps) {
    super(scope, id, props, CLUSTER_SHAPE, 'ClusterSecretStore', false);
  }

  protected renderSpec(): Record<string, unknown> {
    const conditions = this.props.conditions?.map((c) => ({
      namespaces: c.namespaces && [...c.namespaces],
      namespaceRegexes: c.namespaceRegexes && [...c.namespaceRegexes],
      namespaceSelector: c.namespaceLabels && { matchLabels: { ...c.namespaceLabels } },
    }));
    return { ...super.renderSpec(), conditions: fromProp('conditions', conditions) };
  }
}
