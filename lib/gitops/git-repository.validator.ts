// Checks of a Flux `source.toolkit.fluxcd.io/v1` GitRepository, built from its
// rule table: the CRD's patterns and validation rule (the compact schema
// checks types, enums and required fields) and what source-controller's Git
// client cannot fetch as written. Pure: manifest in, findings out.
import { objOrEmpty as obj } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { semverConstraintProblem } from '../k8s/semver-constraint';
import { FLUX_DURATION } from './flux-kustomization.validator';
import { GIT_REPOSITORY_RULES as R } from './git-repository.rules';

const URL_PATTERN = /^(http|https|ssh):\/\/.*$/;
/** The GitRepository timeout pattern has no hours (source-controller's CRD), unlike FLUX_DURATION. */
const TIMEOUT = /^([0-9]+(\.[0-9]+)?(ms|s|m))+$/;
/** The fields of `spec.ref` in the order the Git client reads them: the first set wins. */
const REF_PRECEDENCE = ['commit', 'name', 'tag', 'semver', 'branch'] as const;
const FULL_SHA = /^[0-9a-fA-F]{40}$/;

const set = (v: unknown): v is string => typeof v === 'string' && v !== '';

function checkRef(ref: Record<string, unknown>, out: FindingList): void {
  const given = REF_PRECEDENCE.filter((field) => set(ref[field]));
  const used = given[0];
  for (const field of given.slice(1)) {
    if (used === 'commit' && field === 'branch') continue; // the branch the commit is cloned from
    out.add(R.REF_SEVERAL, `spec.ref.${field}`, ref[field], `ignored: \`${used}\` is set and is read first`);
  }
  const name = ref.name;
  if (set(name) && (!name.startsWith('refs/') || name.endsWith('/'))) {
    out.add(R.REF_NAME, 'spec.ref.name', name, name.endsWith('/') ? 'a reference cannot end with a slash' : 'not a full reference name: it matches none of the remote\'s references');
  }
  const semver = ref.semver;
  const problem = set(semver) ? semverConstraintProblem(semver) : undefined;
  if (problem) out.add(R.REF_SEMVER, 'spec.ref.semver', semver, problem);
  const commit = ref.commit;
  if (set(commit) && !FULL_SHA.test(commit)) out.add(R.REF_COMMIT, 'spec.ref.commit', commit, `not a full SHA: ${commit.length} characters`);
}

/** Checks a GitRepository against its CRD and source-controller v1.9. */
export function validateGitRepository(o: unknown, out: FindingList): void {
  const spec = obj(obj(o).spec);
  const url = spec.url;
  if (typeof url === 'string' && !URL_PATTERN.test(url)) {
    const scp = /^[^/:]+@[^/:]+:/.exec(url);
    out.add(R.URL, 'spec.url', url, scp ? 'an scp-like address; write it as an ssh:// URL' : 'not an http://, https:// or ssh:// URL');
  }
  if (typeof spec.interval === 'string' && !FLUX_DURATION.test(spec.interval)) out.add(R.DURATION, 'spec.interval', spec.interval, 'not a duration of the form 1h, 10m, 30s or 500ms');
  if (typeof spec.timeout === 'string' && !TIMEOUT.test(spec.timeout)) {
    out.add(R.DURATION, 'spec.timeout', spec.timeout, /h/.test(spec.timeout) ? 'a timeout has no hours: write it in minutes' : 'not a duration of the form 60s, 5m or 500ms');
  }
  if (typeof url === 'string' && url.startsWith('ssh://') && !set(obj(spec.secretRef).name)) {
    out.add(R.SSH_SECRET, 'spec.secretRef', spec.secretRef, 'an ssh:// repository without credentials: every fetch fails');
  }
  if (spec.serviceAccountName !== undefined && spec.provider !== 'azure' && spec.provider !== 'aws') {
    out.add(R.SERVICE_ACCOUNT_PROVIDER, 'spec.serviceAccountName', spec.serviceAccountName, `serviceAccountName can only be set when provider is 'azure' or 'aws'${spec.provider === undefined ? '' : ` (provider is ${JSON.stringify(spec.provider)})`}`);
  }
  if (spec.ref !== undefined && spec.ref !== null) checkRef(obj(spec.ref), out);
}

export const GIT_REPOSITORY_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  rules: R,
  validate: (o, _ctx, out) => validateGitRepository(o, out),
});
