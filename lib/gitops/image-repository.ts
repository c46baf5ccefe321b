import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct, fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { goDuration } from '../k8s/values';
import type { IAgentSecrets } from '../secrets/agent-secrets';
import { timeoutText } from './git-repository';
import { IMAGE_API_VERSION } from './image-repository.validator';

/** Whose identity image-reflector-controller uses to read the registry (`spec.provider`). */
export enum ImageProvider {
  /** Credentials from `secretRef` (Flux's default). */
  GENERIC = 'generic',
  /** Amazon ECR through IAM. */
  AWS = 'aws',
  /** Azure Container Registry through workload identity. */
  AZURE = 'azure',
  /** Google Artifact Registry through workload identity. */
  GCP = 'gcp',
}

export interface ImageRepositoryProps {
  /** Name of the ImageRepository. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** The image whose tags Flux lists, without a tag: `ghcr.io/acme/triage`. */
  readonly image: string;
  /** How often Flux lists the tags. @default Duration.minutes(5) */
  readonly interval?: Duration;
  /** Timeout of one scan. @default - Flux's: the interval */
  readonly timeout?: Duration;
  /** A docker-registry Secret with the registry credentials. @default - none: a public image */
  readonly secretRef?: IAgentSecrets;
  /** Who authenticates to the registry. @default ImageProvider.GENERIC (Flux's default; not written) */
  readonly provider?: ImageProvider;
  /** Regular expressions of tags never listed. @default - Flux's: `^.*\.sig$` */
  readonly exclusionList?: string[];
  /** Labels on the ImageRepository. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the ImageRepository. @default - none */
  readonly annotations?: Record<string, string>;
}

const stringMap = T.record(T.string());

const IMAGE_REPOSITORY_SHAPE = {
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  image: T.stringWhere('an image without a tag or digest, e.g. ghcr.io/acme/triage', (s) => s !== '' && !s.includes('@') && !/:[^/]*$/.test(s), 'give the image without its tag: the ImagePolicy picks the tag'),
  interval: T.duration(),
  timeout: T.duration(),
  secretRef: T.duck('an IAgentSecrets', ['secretName'], 'pass `AgentSecrets.fromSecretName(scope, id, name)` or an AgentSecrets'),
  provider: T.enumOf(ImageProvider, 'ImageProvider'),
  exclusionList: T.array(T.string({ nonEmpty: true })),
  labels: stringMap,
  annotations: stringMap,
} satisfies ShapeOf<ImageRepositoryProps>;

/** An ImageRepository an ImagePolicy reads: one of the app, or one that exists. */
export interface IImageRepository {
  /** Name of the ImageRepository. */
  readonly name: string;
  /** Namespace, when known at synth time. @default - the namespace of the ImagePolicy */
  readonly namespace?: string;
}

/**
 * A Flux image repository (`image.toolkit.fluxcd.io/v1` ImageRepository):
 * Flux lists the image's tags every `interval`, for the ImagePolicies that
 * read it.
 *
 * ```ts
 * const repo = new ImageRepository(chart, 'triage-image', { image: 'ghcr.io/acme/triage' });
 * ```
 */
export class ImageRepository extends AgentConstruct<ImageRepositoryProps> implements IImageRepository {
  public readonly name: string;
  /** Namespace, when known at synth time (the prop, else the Chart's). */
  public readonly namespace?: string;
  /** The generated ImageRepository (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    super(scope, id, props, IMAGE_REPOSITORY_SHAPE, ['image']);
    const p = this.props;
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    this.resource = this.createResource({
      apiVersion: IMAGE_API_VERSION,
      kind: 'ImageRepository',
      metadata: this.metadata(),
      spec: {
        image: fromProp('image', p.image),
        interval: fromProp('interval', goDuration(p.interval ?? Duration.minutes(5))),
        timeout: fromProp('timeout', p.timeout && timeoutText(p.timeout)),
        secretRef: fromProp('secretRef', p.secretRef && { name: p.secretRef.secretName }),
        provider: fromProp('provider', p.provider),
        exclusionList: fromProp('exclusionList', p.exclusionList && [...p.exclusionList]),
      },
    });
  }
}
