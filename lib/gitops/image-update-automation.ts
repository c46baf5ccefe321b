import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct, fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { goDuration } from '../k8s/values';
import { GitRef, IFluxSource } from './git-repository';
import { IMAGE_API_VERSION } from './image-repository.validator';

/** The commits the automation makes (`spec.git.commit`). */
export interface ImageUpdateCommit {
  /** The author's e-mail. */
  readonly authorEmail: string;
  /** The author's name. @default - none */
  readonly authorName?: string;
  /** A Go template of the commit message. @default - Flux's message, listing the changes */
  readonly messageTemplate?: string;
}

export interface ImageUpdateAutomationProps {
  /** Name of the ImageUpdateAutomation. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** The GitRepository Flux commits to: a `GitRepository`, or `GitRepository.fromGitRepositoryName(...)`. */
  readonly sourceRef: IFluxSource;
  /**
   * The folder of the repository whose YAML Flux updates (the Setters
   * strategy: fields with a `$imagepolicy` marker), e.g. the app's folder
   * `./dist/agents`.
   */
  readonly path: string;
  /** The commits. */
  readonly commit: ImageUpdateCommit;
  /** The branch checked out. @default - the GitRepository's ref */
  readonly checkout?: GitRef;
  /** The branch pushed to. @default - the branch checked out */
  readonly pushBranch?: string;
  /** How often Flux runs the automation. @default Duration.minutes(30) */
  readonly interval?: Duration;
  /** Labels on the ImageUpdateAutomation. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the ImageUpdateAutomation. @default - none */
  readonly annotations?: Record<string, string>;
}

const stringMap = T.record(T.string());

const IMAGE_UPDATE_AUTOMATION_SHAPE = {
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  sourceRef: T.duck('an IFluxSource', ['apiVersion', 'kind', 'name'], 'pass a `GitRepository` or `GitRepository.fromGitRepositoryName(...)`'),
  path: T.string({ nonEmpty: true }),
  commit: T.object<ImageUpdateCommit>({ authorEmail: T.string({ nonEmpty: true }), authorName: T.string(), messageTemplate: T.string() }, 'a commit ({ authorEmail, authorName?, messageTemplate? })', ['authorEmail']),
  checkout: T.instanceOf(GitRef, 'GitRef', 'use `GitRef.branch(\'main\')`'),
  pushBranch: T.string({ nonEmpty: true }),
  interval: T.duration(),
  labels: stringMap,
  annotations: stringMap,
} satisfies ShapeOf<ImageUpdateAutomationProps>;

/**
 * A Flux image update automation (`image.toolkit.fluxcd.io/v1`
 * ImageUpdateAutomation): every `interval` Flux checks out the GitRepository,
 * sets each field marked `$imagepolicy` under `path` to its policy's latest
 * image (strategy Setters), commits and pushes.
 *
 * ```ts
 * new ImageUpdateAutomation(chart, 'images', {
 *   sourceRef: repo, path: './dist/agents', commit: { authorEmail: 'flux@acme.dev', authorName: 'Flux' },
 *   checkout: GitRef.branch('main'),
 * });
 * ```
 */
export class ImageUpdateAutomation extends AgentConstruct<ImageUpdateAutomationProps> {
  public readonly name: string;
  /** Namespace, when known at synth time (the prop, else the Chart's). */
  public readonly namespace?: string;
  /** The generated ImageUpdateAutomation (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: ImageUpdateAutomationProps) {
    super(scope, id, props, IMAGE_UPDATE_AUTOMATION_SHAPE, ['sourceRef', 'path', 'commit']);
    const p = this.props;
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    const src = p.sourceRef;
    const c = p.commit;
    this.resource = this.createResource({
      apiVersion: IMAGE_API_VERSION,
      kind: 'ImageUpdateAutomation',
      metadata: this.metadata(),
      spec: {
        interval: fromProp('interval', goDuration(p.interval ?? Duration.minutes(30))),
        sourceRef: fromProp('sourceRef', src && { kind: src.kind, name: src.name, namespace: src.namespace === undefined || src.namespace === this.namespace ? undefined : src.namespace }),
        git: {
          checkout: fromProp('checkout', p.checkout && { ref: p.checkout._render() }),
          commit: fromProp('commit', c && { author: { email: c.authorEmail, name: c.authorName }, messageTemplate: c.messageTemplate }),
          push: fromProp('pushBranch', p.pushBranch === undefined ? undefined : { branch: p.pushBranch }),
        },
        update: { path: fromProp('path', p.path), strategy: 'Setters' },
      },
    });
  }
}
