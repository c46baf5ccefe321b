// The rules of a Flux `source.toolkit.fluxcd.io/v1` GitRepository: what its
// CRD schema refuses, and what source-controller cannot fetch as written.
//
// Upstream references:
//   GT = fluxcd/source-controller v1.9.1 api/v1/gitrepository_types.go
//   GC = fluxcd/pkg git/v0.52.0 git/gogit/client.go
//   GK = fluxcd/pkg git/v0.52.0 git/gogit/clone.go
//   GO = fluxcd/pkg git/v0.52.0 git/options.go (go.mod pins Masterminds/semver/v3 v3.5.0)
import { defineRules } from '../engine/rule';

/** A Flux `source.toolkit.fluxcd.io/v1` GitRepository. */
export const GIT_REPOSITORY_RULES = defineRules({
  URL: {
    id: 'FLUXGIT-URL-001',
    title: '`spec.url` starts with `http://`, `https://` or `ssh://`',
    why: 'The CRD schema refuses any other URL (pattern `^(http|https|ssh)://.*$`): the scp-like `git@github.com:org/repo.git` of `git clone` is not accepted.',
    fix: 'write an SSH address as `ssh://git@github.com/org/repo.git`, or use `https://`',
    upstream: 'GT#L86-89 (kubebuilder Pattern)',
    effect: 'reject',
  },
  DURATION: {
    id: 'FLUXGIT-DUR-001',
    title: '`spec.interval` is a duration like `1m` or `1h`; `spec.timeout` one like `60s` or `5m` (no hours)',
    why: 'The CRD schema refuses any other text: interval `^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$`, timeout `^([0-9]+(\\.[0-9]+)?(ms|s|m))+$` (a timeout of an hour is written `60m`).',
    fix: 'pass a cdk8s Duration as `interval` or `timeout` (the construct writes a timeout of an hour or more in minutes) rather than overriding the field',
    yamlFix: 'write `spec.interval` with the units h, m, s or ms, and `spec.timeout` with m, s or ms (e.g. `90m`, not `1h30m`)',
    upstream: 'GT#L110-124 (kubebuilder Pattern)',
    effect: 'reject',
  },
  SSH_SECRET: {
    id: 'FLUXGIT-AUTH-001',
    title: 'an `ssh://` repository has a `spec.secretRef` (with `identity` and `known_hosts`)',
    why: 'Git over SSH needs a private key and the host keys: without the Secret every fetch fails ("\'identity\' is required"), and no artifact is ever produced.',
    fix: 'pass `secretRef`: a Secret with the keys `identity` and `known_hosts` (`AgentSecrets.fromSecretName(scope, id, name)`), or use an https:// URL',
    yamlFix: 'set `spec.secretRef.name` to a Secret with the keys `identity` and `known_hosts`, or use an https:// URL',
    upstream: 'GO#L74-89 (AuthOptions.Validate for ssh)',
    effect: 'runtime',
  },
  SERVICE_ACCOUNT_PROVIDER: {
    id: 'FLUXGIT-AUTH-002',
    title: '`spec.serviceAccountName` is set only with `spec.provider` `azure` or `aws`',
    why: 'The CRD\'s validation rule refuses it otherwise ("serviceAccountName can only be set when provider is \'azure\' or \'aws\'").',
    fix: 'remove `serviceAccountName`, or set `provider` to `azure` or `aws`',
    upstream: 'GT#L84 (XValidation)',
    effect: 'reject',
  },
  REF_SEVERAL: {
    id: 'FLUXGIT-REF-001',
    title: '`spec.ref` sets one way to choose the revision (a commit may come with its branch)',
    why: 'The controller uses the first of commit, name, tag, semver and branch that is set and silently ignores the others (a branch beside a commit only narrows the clone): a tag written beside a branch is not the revision deployed.',
    fix: 'pass one GitRef: `GitRef.branch(...)`, `GitRef.tag(...)`, `GitRef.semver(...)`, `GitRef.reference(...)` or `GitRef.commit(sha, { branch })`',
    yamlFix: 'keep one of `commit`, `name`, `tag`, `semver` and `branch` in `spec.ref` (a `branch` may stay beside a `commit`)',
    upstream: 'GC#L258-276 (clone: commit, then name, tag, semver, branch); GK#L265-268',
    effect: 'altered',
    severity: 'warning',
  },
  REF_NAME: {
    id: 'FLUXGIT-REF-002',
    title: '`spec.ref.name` is a full reference name: `refs/heads/main`, `refs/tags/v1.0.0`, `refs/pull/42/head`',
    why: 'The controller looks the name up as is among the remote\'s references: a short name (`main`, `v1.0.0`) matches none ("unable to resolve ref"), and a name that starts or ends with `/` is refused; no artifact is produced.',
    fix: 'pass `GitRef.reference(\'refs/heads/<branch>\')`, or `GitRef.branch(...)` / `GitRef.tag(...)` for a short name',
    yamlFix: 'write `spec.ref.name` as a full reference (`refs/heads/<branch>`, `refs/tags/<tag>`), or use `spec.ref.branch` / `spec.ref.tag`',
    upstream: 'GK#L444-460 (cloneRefName), GK#L501-507 (getRemoteHEAD)',
    effect: 'runtime',
  },
  REF_COMMIT: {
    id: 'FLUXGIT-REF-003',
    title: '`spec.ref.commit` is a full 40-character hexadecimal commit SHA',
    why: 'The controller resolves the commit with plumbing.NewHash, which reads exactly 40 hex digits: a short SHA or any other text names a commit that does not exist ("unable to resolve commit object"), and no artifact is produced.',
    fix: 'pass the full SHA to `GitRef.commit(...)` (`git rev-parse <short sha>`)',
    yamlFix: 'write the full 40-character SHA in `spec.ref.commit` (`git rev-parse <short sha>`)',
    upstream: 'GK#L241-291 (cloneCommit: repo.CommitObject(plumbing.NewHash(commit)))',
    effect: 'runtime',
  },
  REF_SEMVER: {
    id: 'FLUXGIT-REF-004',
    title: '`spec.ref.semver` is a semver range Masterminds/semver parses (`>=1.0.0 <2.0.0`, `^1.2`, `~1.2.x`, `1.2 - 1.4`)',
    why: 'The controller parses the range with semver.NewConstraint before it clones: a range it cannot parse fails every fetch ("semver parse error: improper constraint"), and no artifact is produced.',
    fix: 'pass a range of comparisons (`>=`, `<`, `^`, `~`, `!=`), joined by spaces or commas, alternatives by `||`, e.g. `GitRef.semver(\'>=1.0.0 <2.0.0\')`',
    yamlFix: 'write `spec.ref.semver` as comparisons joined by spaces or commas (alternatives by `||`), e.g. `>=1.0.0 <2.0.0`',
    upstream: 'GK#L310-314 (cloneSemVer: semver.NewConstraint); Masterminds/semver v3.5.0 constraints.go NewConstraint (lib/k8s/semver-constraint.ts)',
    effect: 'runtime',
  },
});
