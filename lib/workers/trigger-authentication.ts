import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { kedaImports } from './keda-imports';
import { AgentConstruct, fromProp } from '../construct/construct';
import { checkArgs, ShapeOf, T, withArgFindings } from '../construct/props';
import { IAgentSecrets, secretKeyOf } from '../secrets/agent-secrets';
import { AUTH_RULES } from './trigger-authentication.rules';

/** Who owns a pod identity: KEDA's operator (it assumes the role) or the workload's service account. */
export enum IdentityOwner {
  /** KEDA's operator identity (default). */
  KEDA = 'keda',
  /** The identity of the scaled workload's service account. */
  WORKLOAD = 'workload',
}

// Only the types: empty values are the manifest rules' (KEDA-AUTH-*).
const TEXT = T.string();

/** Cloud identity KEDA uses to reach the event source instead of static credentials. */
export class PodIdentity {
  /**
   * AWS (EKS Pod Identity / IRSA of the KEDA operator).
   * @param options.roleArn role KEDA assumes; only with `IdentityOwner.KEDA`
   * @param options.externalId external id for assuming `roleArn`
   */
  public static aws(options: { readonly roleArn?: string; readonly externalId?: string; readonly identityOwner?: IdentityOwner } = {}): PodIdentity {
    return withArgFindings(new PodIdentity('aws', { roleArn: options?.roleArn, externalID: options?.externalId, identityOwner: options?.identityOwner }), checkArgs('PodIdentity.aws', { options }, {
      options: T.object({ roleArn: TEXT, externalId: TEXT, identityOwner: T.enumOf(IdentityOwner, 'IdentityOwner') }, 'an options object'),
    }));
  }

  /** GCP Workload Identity of the KEDA operator. */
  public static gcp(): PodIdentity {
    return new PodIdentity('gcp', {});
  }

  /**
   * Azure Workload Identity.
   * @param options.identityId client id of a user-assigned identity
   * @param options.tenantId tenant of the identity
   * @param options.authorityHost authority host (needs `tenantId`)
   */
  public static azureWorkload(options: { readonly identityId?: string; readonly tenantId?: string; readonly authorityHost?: string } = {}): PodIdentity {
    return withArgFindings(new PodIdentity('azure-workload', { identityId: options?.identityId, identityTenantId: options?.tenantId, identityAuthorityHost: options?.authorityHost }),
      checkArgs('PodIdentity.azureWorkload', { options }, { options: T.object({ identityId: TEXT, tenantId: TEXT, authorityHost: TEXT }, 'an options object') }));
  }

  private constructor(
    /** The `podIdentity.provider`. */
    public readonly provider: string,
    private readonly fields: Record<string, string | undefined>,
  ) {}

  /** @internal The rendered `spec.podIdentity`. */
  public _render(): Record<string, string | undefined> {
    return { provider: this.provider, ...this.fields };
  }
}

/** Secret values a scaler reads as TriggerAuthentication parameters. */
export interface TriggerSecretParameters {
  /** The secrets holding the values. */
  readonly secrets: IAgentSecrets;
  /** Scaler parameter (e.g. `password`) → env var of `secrets` whose Secret key holds the value. */
  readonly parameters: Record<string, string>;
}

/** A `TriggerAuthentication` or `ClusterTriggerAuthentication` that triggers can reference. */
export interface ITriggerAuthentication {
  /** Its name. */
  readonly name: string;
  /** `TriggerAuthentication` (namespaced) or `ClusterTriggerAuthentication`. */
  readonly kind: string;
}

export interface AgentTriggerAuthenticationProps {
  /** @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** Scaler parameters read from Secrets (`secretTargetRef`). @default - none */
  readonly secrets?: TriggerSecretParameters[];
  /** Cloud identity instead of (or besides) static credentials. @default - none */
  readonly podIdentity?: PodIdentity;
  /** @default - none */
  readonly labels?: Record<string, string>;
}

const SHAPE = {
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  secrets: T.array(T.object<TriggerSecretParameters>({
    secrets: T.duck('an IAgentSecrets', ['secretName'], 'use `AgentSecrets.fromSecretName(scope, id, name, keys?)`'),
    parameters: T.record(T.string({ nonEmpty: true })),
  }, 'a { secrets, parameters } object', ['secrets', 'parameters'])),
  podIdentity: T.instanceOf(PodIdentity, 'PodIdentity', 'use `PodIdentity.aws()`, `PodIdentity.gcp()` or `PodIdentity.azureWorkload()`'),
  labels: T.record(T.string()),
} satisfies ShapeOf<AgentTriggerAuthenticationProps>;

/**
 * A KEDA `TriggerAuthentication`: scaler parameters (passwords, tokens,
 * certificates) taken from the Secrets of `AgentSecrets`, never written into
 * the trigger. Share one between triggers with `TriggerAuth.fromAuthentication`.
 *
 * ```ts
 * const kafkaSecrets = AgentSecrets.fromSecretName(chart, 'kafka-secrets', 'kafka-credentials', {
 *   KAFKA_USERNAME: 'username', KAFKA_PASSWORD: 'password',
 * });
 * const kafkaAuth = new AgentTriggerAuthentication(chart, 'kafka-auth', {
 *   secrets: [{ secrets: kafkaSecrets, parameters: { username: 'KAFKA_USERNAME', password: 'KAFKA_PASSWORD' } }],
 * });
 * ```
 */
export class AgentTriggerAuthentication extends AgentConstruct<AgentTriggerAuthenticationProps> implements ITriggerAuthentication {
  public readonly name: string;
  public readonly namespace?: string;
  public readonly kind = 'TriggerAuthentication';
  /** The generated `keda.sh/v1alpha1` TriggerAuthentication (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: AgentTriggerAuthenticationProps = {}) {
    super(scope, id, props, SHAPE);
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    this.checkKeyMaps();
    this.resource = this.createResource({
      ...kedaImports().TriggerAuthentication.GVK,
      metadata: this.metadata(),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
  }

  /** Each parameter names a variable the secrets map (their keys are what the TriggerAuthentication references). */
  private checkKeyMaps(): void {
    (this.props.secrets ?? []).forEach((s, i) => {
      for (const [parameter, variable] of Object.entries(s.parameters)) {
        if (secretKeyOf(s.secrets, variable) !== undefined) continue;
        const known = Object.keys(s.secrets.keys ?? {});
        this.reportProp(AUTH_RULES.KEY_MAP, `secrets[${i}].parameters.${parameter}`, variable,
          `Secret "${s.secrets.secretName}" maps no variable "${variable}" (it maps ${known.length > 0 ? known.join(', ') : 'none'})`,
          known.length > 0 ? `use one of ${known.join(', ')}` : undefined);
      }
    });
  }

  private renderSpec(): Record<string, unknown> {
    const secretTargetRef = (this.props.secrets ?? []).flatMap((s) => Object.entries(s.parameters).map(([parameter, variable]) => (
      { parameter, name: s.secrets.secretName, key: secretKeyOf(s.secrets, variable) ?? variable })));
    return {
      podIdentity: fromProp('podIdentity', this.props.podIdentity?._render()),
      secretTargetRef: fromProp('secrets', secretTargetRef.length > 0 ? secretTargetRef : undefined),
    };
  }
}

/**
 * Where a trigger's credentials come from: a TriggerAuthentication the
 * workload generates, one of the app, or one that exists in the cluster.
 */
export class TriggerAuth {
  /**
   * Scaler parameters from the secrets; the workload generates a
   * TriggerAuthentication named `<workload>-<trigger type>-auth`.
   *
   * @param parameters scaler parameter (e.g. `password`) → env var of `secrets`
   */
  public static fromSecrets(secrets: IAgentSecrets, parameters: Record<string, string>): TriggerAuth {
    return withArgFindings(new TriggerAuth({ secrets: [{ secrets, parameters }] }), checkArgs('TriggerAuth.fromSecrets', { secrets, parameters }, {
      secrets: T.duck('an IAgentSecrets', ['secretName'], 'use `AgentSecrets.fromSecretName(scope, id, name, keys?)`'),
      parameters: T.record(TEXT),
    }, ['secrets', 'parameters']));
  }

  /** A cloud identity; the workload generates a TriggerAuthentication named `<workload>-<trigger type>-auth`. */
  public static fromPodIdentity(identity: PodIdentity): TriggerAuth {
    return withArgFindings(new TriggerAuth({ podIdentity: identity }), checkArgs('TriggerAuth.fromPodIdentity', { identity }, {
      identity: T.instanceOf(PodIdentity, 'PodIdentity', 'use `PodIdentity.aws()`, `PodIdentity.gcp()` or `PodIdentity.azureWorkload()`'),
    }, ['identity']));
  }

  /** A TriggerAuthentication of the app, e.g. one `AgentTriggerAuthentication` shared by several triggers. */
  public static fromAuthentication(authentication: ITriggerAuthentication): TriggerAuth {
    return withArgFindings(new TriggerAuth(undefined, authentication), checkArgs('TriggerAuth.fromAuthentication', { authentication }, {
      authentication: T.duck('an ITriggerAuthentication', ['name', 'kind'], 'pass an AgentTriggerAuthentication'),
    }, ['authentication']));
  }

  /** A TriggerAuthentication that exists in the namespace but not in the app (declared external, see KEDA-APP-004). */
  public static fromTriggerAuthenticationName(name: string): TriggerAuth {
    return withArgFindings(new TriggerAuth(undefined, { name, kind: 'TriggerAuthentication' }, true),
      checkArgs('TriggerAuth.fromTriggerAuthenticationName', { name }, { name: TEXT }, ['name']));
  }

  /** A ClusterTriggerAuthentication that exists in the cluster (declared external, see KEDA-APP-004). */
  public static fromClusterTriggerAuthenticationName(name: string): TriggerAuth {
    return withArgFindings(new TriggerAuth(undefined, { name, kind: 'ClusterTriggerAuthentication' }, true),
      checkArgs('TriggerAuth.fromClusterTriggerAuthenticationName', { name }, { name: TEXT }, ['name']));
  }

  private constructor(
    /** @internal What a generated TriggerAuthentication holds. */
    public readonly _generate?: AgentTriggerAuthenticationProps,
    /** @internal An authentication that exists. */
    public readonly _reference?: ITriggerAuthentication,
    /** @internal Whether the reference is outside the app. */
    public readonly _external = false,
  ) {}
}
