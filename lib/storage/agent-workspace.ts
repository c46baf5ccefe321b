// A workspace volume shared by agents: a PersistentVolumeClaim made here or
// referenced by name, mounted read-only unless a mount says otherwise.
import { ApiObject, Size } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentVolumeMount, quantity } from '../container/agent-container';
import { ACCESS_MODES, cdk8sPlus } from '../container/cdk8s-plus-adapter';
import { AgentConstruct, fromProp } from '../construct/construct';
import { checkScope, describe, ShapeOf, T } from '../construct/props';

/** How a container mounts a workspace. */
export interface WorkspaceMountOptions {
  /** Mount it writable. Only the agents that write the workspace should. @default true */
  readonly readOnly?: boolean;
  /** A folder of the volume to mount instead of its root, e.g. `uploads`. @default - the volume root */
  readonly subPath?: string;
}

/** A workspace volume: made by AgentWorkspace, or an existing claim (`AgentWorkspace.fromClaimName`). */
export interface IAgentWorkspace {
  /** Name of the PersistentVolumeClaim. */
  readonly claimName: string;
  /**
   * A mount of the workspace at `path`, for an agent's `volumes` or `addVolume`
   * (read-only unless `readOnly: false`). Every mount of one workspace shares one
   * pod volume; a claim no container of the pod writes is declared read-only,
   * which is all Knative allows unless `kubernetes.podspec-persistent-volume-write` is on.
   */
  mount(path: string, options?: WorkspaceMountOptions): AgentVolumeMount;
}

export interface AgentWorkspaceProps {
  /** Name of the PersistentVolumeClaim. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** Capacity requested (`spec.resources.requests.storage`), e.g. `Size.gibibytes(50)`. */
  readonly size: Size;
  /**
   * How pods may attach it. ReadWriteMany lets agents on any node share it
   * (the storage class must support it, e.g. Longhorn, NFS, CephFS);
   * ReadWriteOnce attaches it to one node, enough for a single replica.
   * @default kplus.PersistentVolumeAccessMode.READ_WRITE_MANY
   */
  readonly accessMode?: kplus.PersistentVolumeAccessMode;
  /** StorageClass that provisions it. @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
  /** Labels on the claim. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the claim. @default - none */
  readonly annotations?: Record<string, string>;
}

const stringMap = T.record(T.string());

/** The runtime shape of AgentWorkspaceProps, checked at the boundary. */
const WORKSPACE_SHAPE = {
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  size: T.size(),
  accessMode: T.enumOf(ACCESS_MODES, 'PersistentVolumeAccessMode'),
  storageClassName: T.string(),
  labels: stringMap,
  annotations: stringMap,
} satisfies ShapeOf<AgentWorkspaceProps>;

/** The one pod volume of a claim, made on the first mount (loading cdk8s-plus only then). */
class ClaimVolume {
  private volume?: kplus.Volume;

  public constructor(private readonly scope: Construct, private readonly claimName: () => string) {}

  public mount(path: string, options: WorkspaceMountOptions = {}): AgentVolumeMount {
    // Types are checked where the mount is used (the agent's `volumes[i]`); a non-object reads as no options.
    const o: WorkspaceMountOptions = typeof options === 'object' && options !== null ? options : {};
    if (!this.volume) {
      const kp = cdk8sPlus();
      const claim = kp.PersistentVolumeClaim.fromClaimName(this.scope, 'Claim', this.claimName());
      this.volume = kp.Volume.fromPersistentVolumeClaim(this.scope, 'Volume', claim);
    }
    return { volume: this.volume, path, readOnly: o.readOnly ?? true, subPath: o.subPath };
  }
}

/** An existing claim, referenced by name (`AgentWorkspace.fromClaimName`). */
class ImportedWorkspace extends Construct implements IAgentWorkspace {
  private readonly volume = new ClaimVolume(this, () => this.claimName);

  public constructor(scope: Construct, id: string, public readonly claimName: string) {
    super(scope, id);
  }

  public mount(path: string, options?: WorkspaceMountOptions): AgentVolumeMount {
    return this.volume.mount(path, options);
  }
}

/**
 * A workspace volume that agents share (a `v1` PersistentVolumeClaim), such
 * as seed 002's `/workspace`: the API writes it, executor jobs mount it
 * read-only.
 *
 * ```ts
 * const workspace = new AgentWorkspace(chart, 'workspace', { size: Size.gibibytes(50), storageClassName: 'longhorn' });
 * new AgentJob(chart, 'executor', {
 *   image: 'ghcr.io/acme/executor:1.0.0',
 *   triggers: [ScaleTrigger.kafka({ bootstrapServers: ['kafka:9092'], consumerGroup: 'executor', topic: 'jobs' })],
 *   volumes: [workspace.mount('/uploads', { subPath: 'uploads' })],
 * });
 * ```
 */
export class AgentWorkspace extends AgentConstruct<AgentWorkspaceProps> implements IAgentWorkspace {
  /**
   * An existing PersistentVolumeClaim of the agents' namespace, e.g. a model
   * cache provisioned elsewhere.
   */
  public static fromClaimName(scope: Construct, id: string, claimName: string): IAgentWorkspace {
    const parent = checkScope(scope, id, 'AgentWorkspace.fromClaimName');
    if (typeof claimName !== 'string' || claimName === '') {
      throw new Error(`AgentWorkspace.fromClaimName(scope, id, claimName): claimName must be a non-empty string, got ${describe(claimName)}`);
    }
    return new ImportedWorkspace(parent, id, claimName);
  }

  /** Name of the PersistentVolumeClaim. */
  public readonly claimName: string;
  /** Namespace, when known at synth time (the prop, else the Chart's). */
  public readonly namespace?: string;
  /** The generated `v1` PersistentVolumeClaim (id `Resource`). */
  public readonly resource: ApiObject;

  private readonly volume: ClaimVolume;

  public constructor(scope: Construct, id: string, props: AgentWorkspaceProps) {
    super(scope, id, props, WORKSPACE_SHAPE, ['size']);
    const p = this.props;
    this.claimName = this.resourceName;
    this.namespace = this.resourceNamespace;
    this.volume = new ClaimVolume(this, () => this.claimName);
    this.resource = this.createResource({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: this.metadata(),
      spec: {
        accessModes: fromProp('accessMode', [p.accessMode ?? ACCESS_MODES.READ_WRITE_MANY]),
        resources: fromProp('size', p.size && { requests: { storage: quantity(p.size) } }),
        storageClassName: fromProp('storageClassName', p.storageClassName),
      },
    });
  }

  public mount(path: string, options?: WorkspaceMountOptions): AgentVolumeMount {
    return this.volume.mount(path, options);
  }
}
