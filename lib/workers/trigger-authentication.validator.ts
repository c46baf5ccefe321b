// The TriggerAuthentication and ClusterTriggerAuthentication validators (one
// check, two kinds). Pure: manifests in, findings out.
import { defineValidator } from '../engine/validator';
import { isConfigMapKey, isDns1123Subdomain } from '../k8s/names';
import { ObjectIndex } from '../k8s/object-index';
import { Located } from '../engine/engine';
import { FindingList } from '../engine/rule';
import { ClusterSettings } from '../settings/settings';
import { findExact, KEDA_API_VERSION } from './keda.validator';
import { JsonObject, arr, objOrEmpty as obj, valueAt } from '../engine/json';
import { TRIGGER_AUTHENTICATION_RULES as AU } from './trigger-authentication.rules';

/** Every parameter a TriggerAuthentication spec defines, with the field that defines it. */
export function authParameters(spec: JsonObject): { parameter: string; field: string }[] {
  const out: { parameter: string; field: string }[] = [];
  const add = (list: unknown, base: string) => arr(list).forEach((e, i) => {
    const parameter = obj(e).parameter;
    if (typeof parameter === 'string') out.push({ parameter, field: `${base}[${i}].parameter` });
  });
  add(spec.env, 'spec.env');
  add(spec.configMapTargetRef, 'spec.configMapTargetRef');
  add(spec.secretTargetRef, 'spec.secretTargetRef');
  add(spec.boundServiceAccountToken, 'spec.boundServiceAccountToken');
  for (const store of ['hashiCorpVault', 'azureKeyVault', 'gcpSecretManager', 'awsSecretManager']) add(obj(spec[store]).secrets, `spec.${store}.secrets`);
  return out;
}

/** The TriggerAuthentication (or ClusterTriggerAuthentication) a trigger's authenticationRef names, when the validation holds it. */
export function findAuthentication(ref: { readonly kind?: unknown; readonly name: string }, namespace: unknown, index: ObjectIndex): Located | undefined {
  const kind = ref.kind ?? 'TriggerAuthentication';
  // A kind that is no string is looked up as it prints (and so finds nothing).
  return findExact(index, KEDA_API_VERSION, String(kind), ref.name, kind === 'ClusterTriggerAuthentication' ? undefined : namespace);
}

export function validateTriggerAuthentication(o: unknown, out: FindingList): void {
  const spec = obj(valueAt(o, 'spec'));
  if (valueAt(o, 'kind') === 'TriggerAuthentication' && typeof spec.filePath === 'string' && spec.filePath !== '') {
    out.add(AU.FILE_PATH, 'spec.filePath', spec.filePath, 'a namespaced TriggerAuthentication cannot read parameters from a file');
  }
  const base = 'spec.podIdentity';
  let checkOauth = true;
  if (spec.podIdentity && typeof spec.podIdentity === 'object') {
    const identity = obj(spec.podIdentity); // an array reads as an identity without a provider
    if (identity.provider === 'azure-workload') {
      if (identity.identityId === '') out.add(AU.AZURE_IDENTITY, `${base}.identityId`, '', 'identityId must not be empty when set');
      if (typeof identity.identityAuthorityHost === 'string' && identity.identityAuthorityHost !== '') {
        if (!identity.identityTenantId) out.add(AU.AZURE_IDENTITY, `${base}.identityTenantId`, identity.identityTenantId, 'identityAuthorityHost needs identityTenantId');
      } else if (identity.identityTenantId === '') {
        out.add(AU.AZURE_IDENTITY, `${base}.identityTenantId`, '', 'identityTenantId must not be empty when set');
      }
    } else if (identity.provider === 'aws') {
      if (typeof identity.roleArn === 'string' && identity.roleArn !== '' && identity.identityOwner === 'workload') {
        out.add(AU.AWS_IDENTITY, `${base}.roleArn`, identity.roleArn, 'roleArn can\'t be set if KEDA isn\'t identityOwner');
      }
      if (typeof identity.externalID === 'string' && identity.externalID !== '' && !identity.roleArn) {
        out.add(AU.AWS_IDENTITY, `${base}.externalID`, identity.externalID, 'externalID requires roleArn');
      }
    } else {
      // The webhook returns before the oauth2 checks for every other provider (TAW#L184-186).
      checkOauth = false;
    }
  }
  if (checkOauth && spec.oauth2 && typeof spec.oauth2 === 'object') {
    const oauth = obj(spec.oauth2); // an array reads as one without fields
    // Unset or null: the CRD's default, clientCredentials (the API server applies a default to a null too:
    // k8s.io/apiextensions-apiserver v0.35.5 pkg/apiserver/schema/defaulting/algorithm.go#L41-47).
    if (oauth.type !== undefined && oauth.type !== null && oauth.type !== 'clientCredentials') out.add(AU.OAUTH2, 'spec.oauth2.type', oauth.type, 'must be clientCredentials');
    else if (!oauth.clientId) out.add(AU.OAUTH2, 'spec.oauth2.clientId', oauth.clientId, 'clientId is required');
    else if (!oauth.tokenUrl) out.add(AU.OAUTH2, 'spec.oauth2.tokenUrl', oauth.tokenUrl, 'tokenUrl is required');
    else if (!/^https?:\/\/[^/?#\s]+/i.test(String(oauth.tokenUrl))) out.add(AU.OAUTH2, 'spec.oauth2.tokenUrl', oauth.tokenUrl, 'must be an absolute http or https URL');
  }
  for (const ref of ['secretTargetRef', 'configMapTargetRef']) {
    arr(spec[ref]).forEach((raw, i) => {
      const e = obj(raw);
      const at = `spec.${ref}[${i}]`;
      if (typeof e.name === 'string' && !isDns1123Subdomain(e.name)) out.add(AU.REFERENCE, `${at}.name`, e.name, 'not a DNS-1123 subdomain');
      if (typeof e.key === 'string' && !isConfigMapKey(e.key)) out.add(AU.REFERENCE, `${at}.key`, e.key, 'keys use letters, digits, `-`, `_` and `.`');
    });
  }
  const seen = new Map<string, string>();
  for (const { parameter, field } of authParameters(spec)) {
    const earlier = seen.get(parameter);
    if (earlier) out.add(AU.DUPLICATE_PARAMETER, field, parameter, `also defined at ${earlier}; one of the two values is silently dropped`);
    else seen.set(parameter, field);
  }
}

/** One check for both kinds: the webhook validates them the same way (TAW). */
const authenticationValidator = (kind: string) => defineValidator<ClusterSettings>({
  apiVersion: KEDA_API_VERSION,
  kind,
  rules: AU,
  validate: (o, _ctx, out) => validateTriggerAuthentication(o, out),
});

export const TRIGGER_AUTHENTICATION_VALIDATOR = authenticationValidator('TriggerAuthentication');
export const CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR = authenticationValidator('ClusterTriggerAuthentication');
