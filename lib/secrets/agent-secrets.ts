import { Construct } from 'constructs';
import { defineRules } from '../core/rule';

/** Where an environment variable's value comes from in a Secret. */
export interface SecretKeyRef {
  /** Key in the Secret. */
  readonly key: string;
  /** Property within the key (external stores only; unused for an existing Secret). @default - the whole value */
  readonly property?: string;
}

/**
 * Secrets an agent can read as environment variables. Implemented by
 * `AgentSecrets.fromSecretName`; constructs that consume secrets ask which
 * Secret and which keys it provides.
 */
export interface IAgentSecrets {
  /** Name of the Kubernetes Secret holding the values. */
  readonly secretName: string;
  /** Env var name → key in the Secret; undefined when every key of the Secret is exposed (`envFrom`). */
  readonly keys: Readonly<Record<string, SecretKeyRef>> | undefined;
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
  public static fromSecretName(scope: Construct, id: string, secretName: string, keys?: Record<string, string | SecretKeyRef>): IAgentSecrets {
    return new AgentSecrets(scope, id, secretName, keys);
  }

  public readonly secretName: string;
  private readonly keyMap?: Record<string, SecretKeyRef>;

  private constructor(scope: Construct, id: string, secretName: string, keys?: Record<string, string | SecretKeyRef>) {
    super(scope, id);
    this.secretName = secretName;
    if (keys !== undefined && keys !== null) {
      this.keyMap = {};
      for (const [env, ref] of Object.entries(keys)) this.keyMap[env] = typeof ref === 'string' ? { key: ref } : { ...(ref as SecretKeyRef) };
    }
  }

  /** Env var name → Secret key, or undefined when the whole Secret is exposed. Returns a copy. */
  public get keys(): Record<string, SecretKeyRef> | undefined {
    return this.keyMap ? { ...this.keyMap } : undefined;
  }
}
