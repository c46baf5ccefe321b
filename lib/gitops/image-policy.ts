import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct, fromProp } from '../construct/construct';
import { checkArgs, ShapeOf, T, withArgFindings } from '../construct/props';
import type { IImageRepository } from './image-repository';
import { IMAGE_API_VERSION } from './image-repository.validator';

/** The order of an alphabetical or numerical policy. */
export enum ImagePolicyOrder {
  /** The highest tag wins (Flux's default). */
  DESC = 'desc',
  /** The lowest tag wins. */
  ASC = 'asc',
}

const ORDER_OPTIONS = T.object({ order: T.enumOf(ImagePolicyOrder, 'ImagePolicyOrder') }, 'an options object');

/**
 * How an ImagePolicy picks the latest tag (`spec.policy`): one kind per
 * choice, as image-reflector-controller reads only the first that is set.
 *
 * ```ts
 * ImagePolicyChoice.semver('>=1.0.0 <2.0.0');
 * ImagePolicyChoice.numerical({ order: ImagePolicyOrder.ASC });
 * ```
 */
export class ImagePolicyChoice {
  /** The highest tag in a semver range (Masterminds/semver syntax: `>=1.0.0 <2.0.0`, `^1.2`, `~1.2.x`). */
  public static semver(range: string): ImagePolicyChoice {
    return withArgFindings(new ImagePolicyChoice({ semver: { range } }), checkArgs('ImagePolicyChoice.semver', { range }, { range: T.string({ nonEmpty: true }) }, ['range']));
  }

  /**
   * The last tag in alphabetical order (e.g. RFC 3339 timestamps).
   * @param options.order `DESC` (default) picks the highest
   */
  public static alphabetical(options: { readonly order?: ImagePolicyOrder } = {}): ImagePolicyChoice {
    return withArgFindings(new ImagePolicyChoice({ alphabetical: { order: options?.order } }), checkArgs('ImagePolicyChoice.alphabetical', { options }, { options: ORDER_OPTIONS }));
  }

  /**
   * The highest tag read as a number (e.g. a build number extracted by `filterTags`).
   * @param options.order `DESC` (default) picks the highest
   */
  public static numerical(options: { readonly order?: ImagePolicyOrder } = {}): ImagePolicyChoice {
    return withArgFindings(new ImagePolicyChoice({ numerical: { order: options?.order } }), checkArgs('ImagePolicyChoice.numerical', { options }, { options: ORDER_OPTIONS }));
  }

  private constructor(private readonly fields: Readonly<Record<string, Record<string, string | undefined>>>) {}

  /** @internal The rendered `spec.policy`. */
  public _render(): Record<string, Record<string, string | undefined>> {
    return Object.fromEntries(Object.entries(this.fields).map(([k, v]) => [k, { ...v }]));
  }
}

/** Which tags a policy considers, and what of each it orders (`spec.filterTags`). */
export interface ImageTagFilter {
  /** A Go (RE2) regular expression a tag must match, e.g. `^main-[a-f0-9]+-(?P<ts>[0-9]+)$`. */
  readonly pattern: string;
  /** What of a matching tag the policy orders: a Go `Regexp.Expand` template of the pattern's groups, e.g. `$ts`. @default - the whole tag */
  readonly extract?: string;
}

export interface ImagePolicyProps {
  /** Name of the ImagePolicy: with the namespace, the `<namespace>:<name>` of the `$imagepolicy` setter marker. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** The ImageRepository whose tags the policy reads: an `ImageRepository`, or `{ name, namespace }` of one that exists. */
  readonly imageRepository: IImageRepository;
  /** How the latest tag is picked. */
  readonly policy: ImagePolicyChoice;
  /** Which tags are considered, and what of each is ordered. @default - every tag, whole */
  readonly filterTags?: ImageTagFilter;
  /** Labels on the ImagePolicy. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the ImagePolicy. @default - none */
  readonly annotations?: Record<string, string>;
}

const stringMap = T.record(T.string());

const IMAGE_POLICY_SHAPE = {
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  imageRepository: T.duck('an IImageRepository', ['name'], 'pass an `ImageRepository`, or `{ name, namespace }` of one that exists'),
  policy: T.instanceOf(ImagePolicyChoice, 'ImagePolicyChoice', 'use `ImagePolicyChoice.semver(...)`, `ImagePolicyChoice.alphabetical()` or `ImagePolicyChoice.numerical()`'),
  filterTags: T.object<ImageTagFilter>({ pattern: T.string({ nonEmpty: true }), extract: T.string() }, 'a tag filter ({ pattern, extract? })', ['pattern']),
  labels: stringMap,
  annotations: stringMap,
} satisfies ShapeOf<ImagePolicyProps>;

/**
 * A Flux image policy (`image.toolkit.fluxcd.io/v1` ImagePolicy): the latest
 * tag of an ImageRepository by a policy. Hand it to
 * `AgentApp.addImagePolicy(image, policy)` so Flux's setter moves the
 * image's tag in the app's kustomization.yaml.
 *
 * ```ts
 * const policy = new ImagePolicy(chart, 'triage', {
 *   imageRepository: repo, policy: ImagePolicyChoice.semver('>=1.0.0 <2.0.0'),
 * });
 * ```
 */
export class ImagePolicy extends AgentConstruct<ImagePolicyProps> {
  public readonly name: string;
  /** Namespace, when known at synth time (the prop, else the Chart's). */
  public readonly namespace?: string;
  /** The generated ImagePolicy (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: ImagePolicyProps) {
    super(scope, id, props, IMAGE_POLICY_SHAPE, ['imageRepository', 'policy']);
    const p = this.props;
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    const repo = p.imageRepository;
    this.resource = this.createResource({
      apiVersion: IMAGE_API_VERSION,
      kind: 'ImagePolicy',
      metadata: this.metadata(),
      spec: {
        imageRepositoryRef: fromProp('imageRepository', repo && { name: repo.name, namespace: repo.namespace === this.namespace ? undefined : repo.namespace }),
        policy: fromProp('policy', p.policy?._render()),
        filterTags: fromProp('filterTags', p.filterTags && { pattern: p.filterTags.pattern, extract: p.filterTags.extract }),
      },
    });
  }

  /**
   * The setter name of the policy, `<namespace>:<name>`, as the
   * `$imagepolicy` marker writes it. Throws when the namespace is not known
   * at synth time (give the policy or its Chart a namespace).
   */
  public get setterName(): string {
    if (this.namespace === undefined) {
      throw new Error(`${this.node.path}: namespace = (unset): the $imagepolicy marker names a policy as <namespace>:<name>. Fix: give the ImagePolicy a \`namespace\` or its Chart one`);
    }
    return `${this.namespace}:${this.name}`;
  }
}
