import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { AgentConstruct, fromProp } from '../construct/construct';
import { checkArgs, ShapeOf, T, withArgFindings } from '../construct/props';
import { goDuration } from '../k8s/values';
import type { IAgentSecrets } from '../secrets/agent-secrets';

/**
 * A Flux source a FluxKustomization builds its manifests from: a GitRepository
 * of the app, or one that exists (`GitRepository.fromGitRepositoryName`).
 */
export interface IFluxSource {
  /** apiVersion of the source, e.g. `source.toolkit.fluxcd.io/v1`. */
  readonly apiVersion: string;
  /** Kind of the source: `GitRepository`, `OCIRepository`, `Bucket` or `ExternalArtifact`. */
  readonly kind: string;
  /** Name of the source. */
  readonly name: string;
  /** Namespace, when known at synth time. @default - the namespace of the Kustomization that reads it */
  readonly namespace?: string;
  /** Whether the source lives outside the app (declared external on the Kustomizations that read it). @default false */
  readonly external?: boolean;
}

/**
 * Which revision of the repository Flux fetches (`spec.ref`): one way per
 * GitRef, as source-controller reads only the first that is set.
 *
 * ```ts
 * GitRef.branch('main'); GitRef.tag('v1.4.2'); GitRef.semver('>=1.0.0 <2.0.0');
 * GitRef.commit('0123456789abcdef0123456789abcdef01234567', { branch: 'main' });
 * ```
 */
export class GitRef {
  /** The head of a branch. */
  public static branch(branch: string): GitRef {
    return withArgFindings(new GitRef({ branch }), checkArgs('GitRef.branch', { branch }, { branch: T.string({ nonEmpty: true }) }, ['branch']));
  }

  /** A tag. */
  public static tag(tag: string): GitRef {
    return withArgFindings(new GitRef({ tag }), checkArgs('GitRef.tag', { tag }, { tag: T.string({ nonEmpty: true }) }, ['tag']));
  }

  /** The highest tag that satisfies a semver range, e.g. `>=1.0.0 <2.0.0`. */
  public static semver(range: string): GitRef {
    return withArgFindings(new GitRef({ semver: range }), checkArgs('GitRef.semver', { range }, { range: T.string({ nonEmpty: true }) }, ['range']));
  }

  /** A full reference name, e.g. `refs/heads/main` or `refs/pull/42/head`. */
  public static reference(reference: string): GitRef {
    return withArgFindings(new GitRef({ name: reference }), checkArgs('GitRef.reference', { reference }, { reference: T.string({ nonEmpty: true }) }, ['reference']));
  }

  /**
   * One commit (the full 40-character SHA); `branch` narrows the clone to the branch that holds it.
   * @param options.branch the branch the commit is on
   */
  public static commit(sha: string, options: { readonly branch?: string } = {}): GitRef {
    return withArgFindings(new GitRef({ commit: sha, branch: options?.branch }), checkArgs('GitRef.commit', { sha, options }, {
      sha: T.string({ nonEmpty: true }), options: T.object({ branch: T.string({ nonEmpty: true }) }, 'an options object'),
    }, ['sha']));
  }

  private constructor(private readonly fields: Readonly<Record<string, string | undefined>>) {}

  /** @internal The rendered `spec.ref`. */
  public _render(): Record<string, string | undefined> {
    return { ...this.fields };
  }
}

/** Git providers whose identity Flux uses instead of a Secret (`spec.provider`). */
export enum GitProvider {
  /** Credentials from `secretRef` (Flux's default). */
  GENERIC = 'generic',
  /** A GitHub App, its id and key in `secretRef`. */
  GITHUB = 'github',
  /** Azure DevOps through workload identity. */
  AZURE = 'azure',
  /** AWS CodeCommit through IAM. */
  AWS = 'aws',
}

export interface GitRepositoryProps {
  /** Name of the GitRepository. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** The repository: `https://…`, `http://…` or `ssh://git@host/org/repo.git` (not the scp-like `git@host:org/repo`). */
  readonly url: string;
  /** The revision to fetch. @default - Flux's default: the branch `master` */
  readonly ref?: GitRef;
  /** How often Flux checks the repository for a new revision. @default Duration.minutes(1) */
  readonly interval?: Duration;
  /** Timeout of one Git operation (clone, fetch). @default - Flux's: 60 seconds */
  readonly timeout?: Duration;
  /**
   * The Secret with the credentials: `identity` and `known_hosts` for ssh://;
   * `username` and `password` (or `bearerToken`) for https://. E.g.
   * `AgentSecrets.fromSecretName(scope, 'git', 'flux-system')`.
   * @default - none: a public repository over https
   */
  readonly secretRef?: IAgentSecrets;
  /** Who authenticates to the Git host. @default GitProvider.GENERIC (Flux's default; not written) */
  readonly provider?: GitProvider;
  /** Labels on the GitRepository. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the GitRepository. @default - none */
  readonly annotations?: Record<string, string>;
}

const stringMap = T.record(T.string());

const GIT_REPOSITORY_SHAPE = {
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  url: T.string(),
  ref: T.instanceOf(GitRef, 'GitRef', 'use `GitRef.branch(\'main\')`, `GitRef.tag(...)`, `GitRef.semver(...)`, `GitRef.reference(...)` or `GitRef.commit(...)`'),
  interval: T.duration(),
  timeout: T.duration(),
  secretRef: T.duck('an IAgentSecrets', ['secretName'], 'pass `AgentSecrets.fromSecretName(scope, id, name)` or an AgentSecrets'),
  provider: T.enumOf(GitProvider, 'GitProvider'),
  labels: stringMap,
  annotations: stringMap,
} satisfies ShapeOf<GitRepositoryProps>;

/** A timeout as the GitRepository CRD accepts it: without hours (`90m0s`, not `1h30m0s`). */
export function timeoutText(d: Duration): string {
  const ms = d.toMilliseconds();
  if (ms < 3_600_000) return goDuration(d);
  const minutes = Math.floor(ms / 60_000);
  const rest = ms - minutes * 60_000;
  return `${minutes}m${goDuration({ toMilliseconds: () => rest })}`;
}

/** A source that exists: what `GitRepository.fromGitRepositoryName` returns. */
const EXISTING_SHAPE = { name: T.string({ nonEmpty: true }), options: T.object({ namespace: T.namespace() }, 'an options object') };

/**
 * A Flux Git source (`source.toolkit.fluxcd.io/v1` GitRepository): Flux
 * fetches the repository every `interval` and hands the revision to the
 * FluxKustomizations whose `sourceRef` it is.
 *
 * ```ts
 * const repo = new GitRepository(chart, 'platform', {
 *   url: 'ssh://git@github.com/acme/platform.git', ref: GitRef.branch('main'),
 *   secretRef: AgentSecrets.fromSecretName(chart, 'deploy-key', 'platform-deploy-key'),
 * });
 * ```
 */
export class GitRepository extends AgentConstruct<GitRepositoryProps> implements IFluxSource {
  /**
   * A GitRepository that exists (the `flux-system` one of `flux bootstrap`,
   * or one of another folder): a FluxKustomization that reads it declares it
   * external, so it is not asked for among the app's objects.
   *
   * ```ts
   * const fluxSystem = GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' });
   * ```
   */
  public static fromGitRepositoryName(name: string, options: { readonly namespace?: string } = {}): IFluxSource {
    const made: IFluxSource = { apiVersion: source.GitRepository.GVK.apiVersion, kind: source.GitRepository.GVK.kind, name: name ?? '', namespace: options?.namespace, external: true };
    return withArgFindings(made, checkArgs('GitRepository.fromGitRepositoryName', { name, options }, EXISTING_SHAPE, ['name']));
  }

  public readonly apiVersion = source.GitRepository.GVK.apiVersion;
  public readonly kind = source.GitRepository.GVK.kind;
  public readonly name: string;
  /** Namespace, when known at synth time (the prop, else the Chart's). */
  public readonly namespace?: string;
  public readonly external = false;
  /** The generated GitRepository (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: GitRepositoryProps) {
    super(scope, id, props, GIT_REPOSITORY_SHAPE, ['url']);
    const p = this.props;
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    this.resource = this.createResource({
      apiVersion: this.apiVersion,
      kind: this.kind,
      metadata: this.metadata(),
      spec: {
        url: fromProp('url', p.url),
        ref: fromProp('ref', p.ref?._render()),
        interval: fromProp('interval', goDuration(p.interval ?? Duration.minutes(1))),
        timeout: fromProp('timeout', p.timeout && timeoutText(p.timeout)),
        secretRef: fromProp('secretRef', p.secretRef && { name: p.secretRef.secretName }),
        provider: fromProp('provider', p.provider),
      },
    });
  }
}
