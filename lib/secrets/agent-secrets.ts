import { Construct } from 'constructs';
import { defineRules } from '../core/rule';

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

export const SECRET_RULES = defineRules({
  EMPTY_KEYS: {
    id: 'SECRET-002',
    title: 'a key map must map at least one environment variable',
    why: 'An empty key map exposes nothing: the agent would silently start without any of the Secret\'s values.',
    fix: 'map at least one env var (`{ ANTHROPIC_API_KEY: \'anthropic-api-key\' }`), or leave `keys` out to expose every key of the Secret',
    upstream: 'library behaviour: AgentSecrets keys',
    effect: 'ignored',
  },
});

/**
 * Secrets handed to an agent as environment variables. Never plaintext in
 * `dist/`: the values stay in the cluster's Secret.
 *
 * This release supports referencing an existing Secret with
 * `AgentSecrets.fromSecretName`; syncing from an external store
 * (`SecretStore.cluster()` → ExternalSecret) is tracked separately.
 * Names and keys are checked where an agent uses the secrets
 * (rules POD-ENV-001, KSVC-CTR-005, SECRET-002).
 */
export class AgentSecrets extends Construct implements IAgentSecrets {
  /**
   * Reference a Secret that already exists in the namespace.
   *
   * @param secretName the Kubernetes name of the Secret
   * @param keys env var name → key in the Secret. Without it, every key of the
   *   Secret becomes an env var (`envFrom`).
   */
  public static fromSecretName(scope: Construct, id: string, secretName: string, keys?: Record<string, string>): IAgentSecrets {
    return new AgentSecrets(scope, id, secretName, keys);
  }

  public readonly secretName: string;
  public readonly wholeSecret: boolean;
  private readonly keyMap?: Record<string, string>;

  private constructor(scope: Construct, id: string, secretName: string, keys?: Record<string, string>) {
    super(scope, id);
    this.secretName = secretName;
    if (keys !== undefined && keys !== null) this.keyMap = { ...keys };
    this.wholeSecret = this.keyMap === undefined;
  }

  /** Env var name → Secret key, or undefined when the whole Secret is exposed. Returns a copy. */
  public get keys(): Record<string, string> | undefined {
    return this.keyMap ? { ...this.keyMap } : undefined;
  }
}
