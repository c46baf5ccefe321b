// Checks of an `external-secrets.io/v1` SecretStore and ClusterSecretStore,
// built from their rule table: the webhook's validateStore (provider count,
// refresh interval, conditions) and the ValidateStore of the providers the
// library types (Vault, AWS, GCP, Azure Key Vault, Kubernetes), as far as
// they need no cluster. The compact CRD schema checks types and required fields.
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import type { KubeObject } from '../engine/engine';
import { arr, isObject, JsonObject, obj, objOrEmpty, str, valueAt } from '../engine/json';
import { goRegexpProblem } from '../k8s/go-regexp';
import { nonNegativeDurationProblem } from '../k8s/values';
import { SECRET_STORE_RULES as R } from './secret-store.rules';

export const STORE_API_VERSION = 'external-secrets.io/v1';

/** The Secret and ServiceAccount selectors each typed provider's ValidateStore checks for namespace (paths under `spec.provider.<name>`). */
const SELECTORS: Readonly<Record<string, readonly string[]>> = {
  vault: [
    'auth.appRole.secretRef', 'auth.appRole.roleRef', 'auth.cert.clientCert', 'auth.cert.secretRef', 'auth.jwt.secretRef',
    'auth.jwt.kubernetesServiceAccountToken.serviceAccountRef', 'auth.kubernetes.serviceAccountRef', 'auth.kubernetes.secretRef',
    'auth.ldap.secretRef', 'auth.userPass.secretRef', 'auth.tokenSecretRef', 'auth.iam.jwt.serviceAccountRef',
    'auth.iam.secretRef.accessKeyIDSecretRef', 'auth.iam.secretRef.secretAccessKeySecretRef', 'auth.iam.secretRef.sessionTokenSecretRef',
    'tls.certSecretRef', 'tls.keySecretRef',
  ],
  aws: ['auth.secretRef.accessKeyIDSecretRef', 'auth.secretRef.secretAccessKeySecretRef', 'auth.secretRef.sessionTokenSecretRef', 'auth.jwt.serviceAccountRef'],
  gcpsm: ['auth.secretRef.secretAccessKeySecretRef', 'auth.workloadIdentity.serviceAccountRef'],
  azurekv: ['authSecretRef.clientId', 'authSecretRef.clientSecret', 'serviceAccountRef'],
  kubernetes: ['auth.cert.clientCert', 'auth.token.bearerToken', 'auth.serviceAccount'],
};

/** Vault auth methods in the order ESO tries them (setAuth). */
const VAULT_AUTH_ORDER = ['tokenSecretRef', 'appRole', 'kubernetes', 'ldap', 'userPass', 'jwt', 'cert', 'iam', 'gcp'];

const at = (o: unknown, path: string) => valueAt(o, ...path.split('.'));

function checkRefresh(spec: JsonObject, out: FindingList): void {
  const v = spec.refreshInterval;
  if (typeof v === 'number' && v < 0) out.add(R.REFRESH, 'spec.refreshInterval', v, 'negative');
  const problem = typeof v === 'string' ? nonNegativeDurationProblem(v) : undefined;
  if (problem) out.add(R.REFRESH, 'spec.refreshInterval', v, problem);
}

function checkConditions(spec: JsonObject, kind: unknown, out: FindingList): void {
  if (kind === 'ClusterSecretStore' && arr(spec.conditions).length === 0) out.add(R.CLUSTER_UNRESTRICTED, 'spec.conditions', spec.conditions ?? null, 'every namespace may use the store');
  if (kind === 'SecretStore' && arr(spec.conditions).length > 0) out.add(R.CONDITIONS_NAMESPACED, 'spec.conditions', spec.conditions, 'a SecretStore serves its own namespace only');
  arr(spec.conditions).forEach((c, ci) => {
    arr(obj(c)?.namespaceRegexes).forEach((re, ri) => {
      const problem = typeof re === 'string' ? goRegexpProblem(re) : undefined;
      if (problem) out.add(R.CONDITION_REGEX, `spec.conditions[${ci}].namespaceRegexes[${ri}]`, re, problem);
    });
  });
}

function checkSelectors(name: string, provider: unknown, kind: unknown, namespace: string | undefined, out: FindingList): void {
  const base = `spec.provider.${name}`;
  for (const path of SELECTORS[name] ?? []) {
    const ns = str(at(provider, `${path}.namespace`));
    if (kind === 'SecretStore' && namespace && ns !== undefined && ns !== namespace) {
      out.add(R.FOREIGN_NAMESPACE, `${base}.${path}.namespace`, ns, `the SecretStore is in namespace "${namespace}"`);
    }
  }
  if (name !== 'kubernetes') return;
  if (kind === 'ClusterSecretStore') {
    for (const path of ['auth.cert.clientCert', 'auth.token.bearerToken', 'server.caProvider']) {
      const ref = at(provider, path);
      if (isObject(ref) && ref.namespace === undefined) out.add(R.CLUSTER_SELECTOR_NAMESPACE, `${base}.${path}`, ref, 'a ClusterSecretStore must name the namespace');
    }
  } else if (str(at(provider, 'server.caProvider.namespace')) !== undefined) {
    out.add(R.CLUSTER_SELECTOR_NAMESPACE, `${base}.server.caProvider.namespace`, at(provider, 'server.caProvider.namespace'), 'CAProvider.namespace must be empty with SecretStore');
  }
}

function checkVault(vault: JsonObject, out: FindingList): void {
  const base = 'spec.provider.vault';
  if (typeof vault.server === 'string') {
    const m = /^(https?):\/\/[^/?#\s]+/i.exec(vault.server);
    if (!m) out.add(R.VAULT_SERVER, `${base}.server`, vault.server, 'not an absolute http(s) URL');
    else if (m[1].toLowerCase() === 'http') out.add(R.VAULT_PLAINTEXT, `${base}.server`, vault.server, 'plain http: the token and the secrets travel unencrypted');
  }
  const auth = obj(vault.auth);
  if (auth) {
    const methods = VAULT_AUTH_ORDER.filter((m) => auth[m] !== undefined && auth[m] !== null);
    if (methods.length === 0) out.add(R.VAULT_AUTH_NONE, `${base}.auth`, vault.auth, 'no valid auth method specified');
    if (methods.length > 1) out.add(R.VAULT_AUTH_MANY, `${base}.auth`, methods.join(', '), `ESO uses ${methods[0]} and ignores ${methods.slice(1).join(', ')}`);
    const appRole = obj(auth.appRole);
    if (appRole && !(typeof appRole.roleId === 'string' && appRole.roleId !== '') && !isObject(appRole.roleRef)) {
      out.add(R.VAULT_APPROLE, `${base}.auth.appRole`, appRole, 'neither roleId nor roleRef');
    }
  }
  const tls = objOrEmpty(vault.tls);
  if (isObject(tls.certSecretRef) !== isObject(tls.keySecretRef)) {
    out.add(R.VAULT_CLIENT_TLS, `${base}.tls`, vault.tls, isObject(tls.certSecretRef) ? 'certSecretRef without keySecretRef' : 'keySecretRef without certSecretRef');
  }
  if (valueAt(vault, 'checkAndSet', 'required') === true && vault.version === 'v1') {
    out.add(R.VAULT_CAS_V1, `${base}.checkAndSet.required`, true, 'checkAndSet is not supported with Vault KV version v1');
  }
}

function checkAzure(azure: JsonObject, out: FindingList): void {
  const base = 'spec.provider.azurekv';
  const custom = obj(azure.customCloudConfig);
  if (custom && azure.useAzureSDK !== true) out.add(R.AZURE_CLOUD, `${base}.useAzureSDK`, azure.useAzureSDK ?? null, 'CustomCloudConfig requires UseAzureSDK to be set to true');
  if (custom && (custom.activeDirectoryEndpoint === '' || custom.activeDirectoryEndpoint === undefined)) {
    out.add(R.AZURE_CLOUD, `${base}.customCloudConfig.activeDirectoryEndpoint`, custom.activeDirectoryEndpoint ?? null, 'activeDirectoryEndpoint is required in CustomCloudConfig');
  }
  if (azure.environmentType === 'AzureStackCloud' && !custom) out.add(R.AZURE_CLOUD, `${base}.environmentType`, azure.environmentType, 'CustomCloudConfig is required when EnvironmentType is AzureStackCloud');
}

function checkGcp(gcp: JsonObject, out: FindingList): void {
  if (isObject(valueAt(gcp, 'auth', 'secretRef')) && (gcp.projectID === undefined || gcp.projectID === '')) {
    out.add(R.GCP_PROJECT, 'spec.provider.gcpsm.projectID', gcp.projectID ?? null, 'static credentials without projectID: unable to find ProjectID in storeSpec');
  }
}

/** Checks a SecretStore or ClusterSecretStore against ESO v2.9.0's webhook and the typed providers. Pure. */
export function validateSecretStore(o: KubeObject, out: FindingList): void {
  const spec = objOrEmpty(o.spec);
  checkConditions(spec, o.kind, out);
  checkRefresh(spec, out);
  const provider = obj(spec.provider);
  // No provider at all is a schema finding (required).
  if (!provider) return;
  const names = Object.keys(provider).filter((k) => provider[k] !== null && provider[k] !== undefined);
  if (names.length !== 1) {
    out.add(R.ONE_PROVIDER, 'spec.provider', names.length === 0 ? provider : names.join(', '), `exactly one backend is allowed, found ${names.length}`);
    return;
  }
  const name = names[0];
  const config = obj(provider[name]);
  if (!config) return;
  checkSelectors(name, config, o.kind, str(valueAt(o, 'metadata', 'namespace')), out);
  if (name === 'vault') checkVault(config, out);
  if (name === 'azurekv') checkAzure(config, out);
  if (name === 'gcpsm') checkGcp(config, out);
}

export const SECRET_STORE_VALIDATORS: ManifestValidator[] = ['SecretStore', 'ClusterSecretStore'].map((kind) => defineValidator({
  apiVersion: STORE_API_VERSION,
  kind,
  rules: R,
  validate: (o, _ctx, out) => validateSecretStore(o, out),
}));
