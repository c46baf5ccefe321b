import { Construct } from 'constructs';
import { isDns1123Subdomain, isEnvVarName } from '../validation/names';
import { PLATFORM_RULES } from '../validation/platform-rules';
import { ViolationList } from '../validation/rule';

/** Where an environment variable's value comes from in a Secret. */
export interface SecretKeyRef {
  /** Key in the Secret. */
  readonly key: string;
  /** Property within the key (external stores only; unused for an existing Secret). @default - the whole value */
  readonly property?: string;
}

/**
 * Secrets handed to an agent as environment variables. Never plaintext in
 * `dist/`: the values stay in the cluster's Secret.
 *
 * This release supports referencing an existing Secret with
 * `AgentSecrets.fromSecretName`; syncing from an external store
 * (`SecretStore.cluster()` → ExternalSecret) is tracked separately.
 */
export class AgentSecrets extends Construct {
  /**
   * Reference a Secret that already exists in the namespace.
   *
   * @param secretName the Kubernetes name of the Secret
   * @param keys env var name → key in the Secret. Without it, every key of the
   *   Secret becomes an env var (`envFrom`).
   */
  public static fromSecretName(scope: Construct, id: string, secretName: string, keys?: Record<string, string | SecretKeyRef>): AgentSecrets {
    return new AgentSecrets(scope, id, secretName, keys);
  }

  /** Name of the Kubernetes Secret holding the values. */
  public readonly secretName: string;
  private readonly keyMap?: Record<string, SecretKeyRef>;

  private constructor(scope: Construct, id: string, secretName: string, keys?: Record<string, string | SecretKeyRef>) {
    super(scope, id);
    this.secretName = secretName;
    if (keys) {
      this.keyMap = {};
      for (const [env, ref] of Object.entries(keys)) this.keyMap[env] = typeof ref === 'string' ? { key: ref } : ref;
    }
    this.node.addValidation({ validate: () => this.check().format(this.node.path) });
  }

  /** Env var name → Secret key, or undefined when the whole Secret is exposed. Returns a copy. */
  public get keys(): Record<string, SecretKeyRef> | undefined {
    return this.keyMap ? { ...this.keyMap } : undefined;
  }

  private check(): ViolationList {
    const v = new ViolationList();
    if (!isDns1123Subdomain(this.secretName)) {
      v.add(PLATFORM_RULES.SECRET_NAME, 'secretName', this.secretName, 'not a DNS-1123 subdomain');
    }
    for (const [env, ref] of Object.entries(this.keyMap ?? {})) {
      if (!isEnvVarName(env) || !ref.key) {
        v.add(PLATFORM_RULES.SECRET_NAME, `keys.${env}`, ref.key, 'env var names use letters, digits, `_`, `-`, `.`; keys are non-empty');
      }
    }
    return v;
  }
}
