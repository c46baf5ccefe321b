// Triggers and near misses of the Flux GitRepository rules (FLUXGIT-*), each
// through synth (the GitRepository construct) and through hand-written YAML.
import { Duration } from 'cdk8s';
import { AgentSecrets, GitProvider, GitRef } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { gitRepository, REPO, repo } from './fixtures';

const SHA = '0123456789abcdef0123456789abcdef01234567';

export const CASES: RuleCases = {
  triggers: [
    { id: 'FLUXGIT-URL-001', name: 'the URL is the scp-like form of git clone', build: (c) => repo(c, { url: 'git@github.com:acme/platform.git' }), path: REPO, field: 'spec.url', value: '"git@github.com:acme/platform.git"' },
    { id: 'FLUXGIT-URL-001', name: 'a hand-written URL has no scheme', manifests: [gitRepository({}, { url: 'github.com/acme/platform' })], field: 'spec.url', value: '"github.com/acme/platform"' },
    { id: 'FLUXGIT-DUR-001', name: 'the timeout is overridden to an hour (no hours in a timeout)', build: (c) => repo(c).addOverride('spec.timeout', '1h'), path: REPO, field: 'spec.timeout', value: '"1h"' },
    { id: 'FLUXGIT-DUR-001', name: 'a hand-written interval has a space', manifests: [gitRepository({}, { interval: '5 m' })], field: 'spec.interval', value: '"5 m"' },
    { id: 'FLUXGIT-AUTH-001', name: 'an ssh:// repository has no secret', build: (c) => repo(c, { url: 'ssh://git@github.com/acme/platform.git' }), path: REPO, field: 'spec.secretRef', value: '(unset)' },
    {
      id: 'FLUXGIT-AUTH-001', name: 'a hand-written ssh:// repository has a secretRef without a name',
      manifests: [gitRepository({}, { url: 'ssh://git@github.com/acme/platform.git', secretRef: { name: '' } })], field: 'spec.secretRef', value: '{"name":""}',
    },
    {
      id: 'FLUXGIT-AUTH-002', name: 'a service account is added to a GitHub App repository',
      build: (c) => repo(c, { provider: GitProvider.GITHUB }).addOverride('spec.serviceAccountName', 'flux'), path: REPO, field: 'spec.serviceAccountName', value: '"flux"',
    },
    { id: 'FLUXGIT-AUTH-002', name: 'a hand-written service account without provider', manifests: [gitRepository({}, { serviceAccountName: 'flux' })], field: 'spec.serviceAccountName', value: '"flux"' },
    {
      id: 'FLUXGIT-REF-001', name: 'a tag is added beside the branch (the branch is ignored)',
      build: (c) => repo(c, { ref: GitRef.branch('main') }).addOverride('spec.ref.tag', 'v1.0.0'), path: REPO, field: 'spec.ref.branch', value: '"main"',
    },
    { id: 'FLUXGIT-REF-001', name: 'a hand-written ref has a commit and a tag', manifests: [gitRepository({}, { ref: { commit: SHA, tag: 'v1.0.0' } })], field: 'spec.ref.tag', value: '"v1.0.0"' },
    { id: 'FLUXGIT-REF-001', name: 'a hand-written ref has a tag and a semver range (the tag wins)', manifests: [gitRepository({}, { ref: { tag: 'v1.0.0', semver: '>=1.0.0' } })], field: 'spec.ref.semver', value: '">=1.0.0"' },
    { id: 'FLUXGIT-REF-002', name: 'the reference is a short branch name', build: (c) => repo(c, { ref: GitRef.reference('main') }), path: REPO, field: 'spec.ref.name', value: '"main"' },
    { id: 'FLUXGIT-REF-002', name: 'a hand-written reference ends with a slash', manifests: [gitRepository({}, { ref: { name: 'refs/heads/' } })], field: 'spec.ref.name', value: '"refs/heads/"' },
    { id: 'FLUXGIT-REF-003', name: 'the commit is a short SHA', build: (c) => repo(c, { ref: GitRef.commit('0123abc') }), path: REPO, field: 'spec.ref.commit', value: '"0123abc"' },
    { id: 'FLUXGIT-REF-004', name: 'the semver range ends with a word that is no constraint', build: (c) => repo(c, { ref: GitRef.semver('>=1.0.0 <2.0.0 foo') }), path: REPO, field: 'spec.ref.semver', value: '">=1.0.0 <2.0.0 foo"' },
    { id: 'FLUXGIT-REF-004', name: 'a hand-written semver range with a version that is no version', manifests: [gitRepository({}, { ref: { semver: '>=1.0.0.0' } })], field: 'spec.ref.semver', value: '">=1.0.0.0"' },
    { id: 'FLUXGIT-REF-003', name: 'a hand-written commit is not hexadecimal', manifests: [gitRepository({}, { ref: { commit: 'z'.repeat(40) } })], field: 'spec.ref.commit', value: `"${'z'.repeat(40)}"` },
  ],
  passes: [
    { name: 'a public https repository on a branch, with the defaults', build: (c) => repo(c, { ref: GitRef.branch('main') }) },
    {
      name: 'an ssh:// repository with its deploy key, a semver range, a timeout of 90 minutes',
      build: (c) => repo(c, { url: 'ssh://git@github.com/acme/platform.git', secretRef: AgentSecrets.fromSecretName(c, 'key', 'platform-deploy-key'), ref: GitRef.semver('>=1.0.0 <2.0.0'), timeout: Duration.minutes(90) }),
    },
    { name: 'a commit with the branch it is cloned from', build: (c) => repo(c, { ref: GitRef.commit(SHA, { branch: 'main' }) }) },
    { name: 'a full reference name of a pull request', build: (c) => repo(c, { ref: GitRef.reference('refs/pull/42/head') }) },
    { name: 'a tag, with an interval of hours', build: (c) => repo(c, { ref: GitRef.tag('v1.4.2'), interval: Duration.hours(1) }) },
    { name: 'a hand-written uppercase commit SHA, an http:// URL', manifests: [gitRepository({}, { url: 'http://git.internal/acme/platform.git', ref: { commit: SHA.toUpperCase() } })] },
    { name: 'a hand-written service account with the aws provider', manifests: [gitRepository({}, { provider: 'aws', serviceAccountName: 'flux', url: 'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/platform' })] },
    { name: 'hand-written semver ranges Masterminds parses: a hyphen range, alternatives, a caret, x-ranges', manifests: ['1.2 - 1.4', '^1.2 || ~2.0.x', '>= 1.0, < 2', '1.x', '*'].map((semver, i) => gitRepository({ name: `r${i}` }, { ref: { semver } })) },
    { name: 'a hand-written ref with empty fields beside a tag (read as unset)', manifests: [gitRepository({}, { ref: { tag: 'v1.0.0', branch: '', semver: '' } })] },
  ],
};
