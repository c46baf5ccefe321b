import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as sources from '../../../imports/sources.knative.dev';
import { cdk8sPlus } from '../../container/agent-container';
import { clusterScoped, fromProp } from '../../construct/construct';
import { checkArgs, T, withArgFindings } from '../../construct/props';
import { APISERVER_RULES } from './apiserver-source.rules';
import { guessResource, isClusterScopedKind, parseGroupVersion, READ_VERBS } from './apiserver-source.validator';
import { EventSource, EventSourceOptions, SourceShapeOf } from './source';

/** What the events of an ApiServerTrigger carry. */
export enum ApiServerMode {
  /** A reference to the object (kind, name, namespace): events `dev.knative.apiserver.ref.{add,update,delete}`. Does not copy object contents (such as Secret data) into events. */
  REFERENCE = 'Reference',
  /** The whole object: events `dev.knative.apiserver.resource.{add,update,delete}`. */
  RESOURCE = 'Resource',
}

/** One condition of a label selector. */
export interface LabelSelectorExpression {
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /** Values for `In`/`NotIn`. @default - none (for `Exists`/`DoesNotExist`) */
  readonly values?: string[];
}

/** A Kubernetes label selector. */
export interface LabelSelectorOptions {
  /** @default - no label condition */
  readonly matchLabels?: Record<string, string>;
  /** @default - no expression */
  readonly matchExpressions?: LabelSelectorExpression[];
}

/** A kind of object to watch. */
export interface WatchedResource {
  /** As in the object's manifest: `v1`, `apps/v1`. */
  readonly apiVersion: string;
  /** As in the object's manifest: `Pod`, `Deployment`. */
  readonly kind: string;
  /** Only objects with these labels. @default - every object of the kind */
  readonly selector?: LabelSelectorOptions;
  /**
   * The kind is cluster-scoped (the RBAC is then a ClusterRole).
   * @default - true for the built-in cluster-scoped kinds (Namespace, Node, PersistentVolume, StorageClass, ...), false otherwise
   */
  readonly clusterScoped?: boolean;
}

/** The owner kind the watched objects must have. */
export interface OwnerFilter {
  readonly apiVersion: string;
  readonly kind: string;
}

/** Which namespaces an ApiServerTrigger watches. */
export class WatchNamespaces {
  /** Only the trigger's own namespace (a Role and RoleBinding there). */
  public static sourceNamespace(): WatchNamespaces {
    return new WatchNamespaces(undefined);
  }

  /** Every namespace (`namespaceSelector: {}`); needs a ClusterRole and ClusterRoleBinding. */
  public static all(): WatchNamespaces {
    return new WatchNamespaces({});
  }

  /** The namespaces with these labels; needs a ClusterRole and ClusterRoleBinding (the set may change). */
  public static matching(selector: LabelSelectorOptions): WatchNamespaces {
    return withArgFindings(new WatchNamespaces(selector), checkArgs('WatchNamespaces.matching', { selector }, { selector: SELECTOR }, ['selector']));
  }

  private constructor(
    /** The `namespaceSelector`, undefined for the own namespace. */
    public readonly selector: LabelSelectorOptions | undefined,
  ) {}
}

export interface ApiServerTriggerProps extends EventSourceOptions {
  /** Kinds of objects to watch. */
  readonly resources: WatchedResource[];
  /** Reference or whole object in each event. @default ApiServerMode.REFERENCE */
  readonly mode?: ApiServerMode;
  /** Namespaces to watch. @default WatchNamespaces.sourceNamespace() */
  readonly namespaces?: WatchNamespaces;
  /** Only objects owned by an object of this kind. @default - any owner */
  readonly owner?: OwnerFilter;
  /**
   * The account the source runs as; the generated Role (or ClusterRole) is
   * bound to it. @default - a new ServiceAccount named after the source
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

const SELECTOR = T.object<LabelSelectorOptions>({
  matchLabels: T.record(T.string()),
  matchExpressions: T.array(T.object<LabelSelectorExpression>({ key: T.string(), operator: T.string(), values: T.array(T.string()) }, 'a LabelSelectorExpression', ['key', 'operator'])),
}, 'a LabelSelectorOptions object');

const APISERVER_SHAPE = {
  resources: T.array(T.object<WatchedResource>({ apiVersion: T.string(), kind: T.string(), selector: SELECTOR, clusterScoped: T.boolean() }, 'a WatchedResource', ['apiVersion', 'kind'])),
  mode: T.enumOf(ApiServerMode, 'ApiServerMode'),
  namespaces: T.instanceOf(WatchNamespaces, 'WatchNamespaces', 'use `WatchNamespaces.sourceNamespace()`, `.all()` or `.matching({ matchLabels })`'),
  owner: T.object<OwnerFilter>({ apiVersion: T.string(), kind: T.string() }, 'an OwnerFilter', ['apiVersion', 'kind']),
  serviceAccount: T.duck('a cdk8s-plus IServiceAccount', ['name'], 'use `new kplus.ServiceAccount(...)` or `kplus.ServiceAccount.fromServiceAccountName(...)`'),
} satisfies SourceShapeOf<ApiServerTriggerProps>;

/**
 * Kubernetes API events into a sink: an `ApiServerSource`
 * (`sources.knative.dev/v1`) with the least RBAC it needs, generated:
 * a ServiceAccount (named after the source) bound to `get`, `list`, `watch`
 * on exactly the watched resources, with a Role and RoleBinding (same name)
 * when it watches namespaced kinds in its own namespace, or a ClusterRole
 * and ClusterRoleBinding named `<namespace>-<name>` for cluster-scoped kinds
 * and other namespaces. Event types depend on `mode`.
 *
 * ```ts
 * new ApiServerTrigger(chart, 'pod-watcher', {
 *   resources: [{ apiVersion: 'v1', kind: 'Pod' }],
 *   sink: agent,
 * });
 * ```
 */
export class ApiServerTrigger extends EventSource<ApiServerTriggerProps> {
  /** The ServiceAccount the source runs as. */
  public readonly serviceAccountName: string;

  public constructor(scope: Construct, id: string, props: ApiServerTriggerProps) {
    super(scope, id, props, APISERVER_SHAPE, ['resources'], {
      apiVersion: sources.ApiServerSource.GVK.apiVersion,
      kind: sources.ApiServerSource.GVK.kind,
      eventTypes: apiServerEventTypes(props?.mode === ApiServerMode.RESOURCE ? ApiServerMode.RESOURCE : ApiServerMode.REFERENCE),
    });
    this.serviceAccountName = this.props.serviceAccount?.name ?? this.name;
    if (this.propsValid) this.createRbac();
    this.createSource();
  }

  protected renderSpec(): Record<string, unknown> {
    const p = this.props;
    return {
      mode: fromProp('mode', p.mode ?? ApiServerMode.REFERENCE),
      resources: fromProp('resources', p.resources?.map((r) => ({ apiVersion: r.apiVersion, kind: r.kind, selector: r.selector && copySelector(r.selector) }))),
      namespaceSelector: fromProp('namespaces', p.namespaces?.selector && copySelector(p.namespaces.selector)),
      owner: fromProp('owner', p.owner && { apiVersion: p.owner.apiVersion, kind: p.owner.kind }),
      serviceAccountName: fromProp('serviceAccount', this.serviceAccountName),
    };
  }

  private createRbac(): void {
    const ns = this.namespace;
    if (!ns) {
      this.reportProp(APISERVER_RULES.NAMESPACE_REQUIRED, 'namespace', ns, 'neither `namespace` nor the Chart sets one');
      return;
    }
    if (!this.props.serviceAccount) {
      // The adapter calls the API server with this account's token, so it is mounted.
      this.createObject('ServiceAccount', { ...cdk8sPlus().k8s.KubeServiceAccount.GVK, metadata: this.metadata({}, this.serviceAccountName), automountServiceAccountToken: true });
    }
    const everywhere = this.props.namespaces?.selector !== undefined;
    const namespaced: WatchedResource[] = [];
    const clusterWide: WatchedResource[] = [];
    for (const r of this.props.resources ?? []) {
      const clusterScoped = r.clusterScoped ?? isClusterScopedKind(parseGroupVersion(r.apiVersion)?.group ?? '', r.kind);
      (everywhere || clusterScoped ? clusterWide : namespaced).push(r);
    }
    const subjects = [{ kind: 'ServiceAccount', name: this.serviceAccountName, namespace: ns }];
    if (namespaced.length > 0) {
      this.createObject('Role', { ...cdk8sPlus().k8s.KubeRole.GVK, metadata: this.metadata(), rules: readRules(namespaced) });
      this.createObject('RoleBinding', {
        ...cdk8sPlus().k8s.KubeRoleBinding.GVK,
        metadata: this.metadata(),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.name },
        subjects,
      });
    }
    if (clusterWide.length > 0) {
      // Cluster-scoped names are unique across namespaces only with the namespace in them.
      const name = `${ns}-${this.name}`;
      clusterScoped(this.createObject('ClusterRole', { ...cdk8sPlus().k8s.KubeClusterRole.GVK, metadata: { name: fromProp('name', name) }, rules: readRules(clusterWide) }));
      clusterScoped(this.createObject('ClusterRoleBinding', {
        ...cdk8sPlus().k8s.KubeClusterRoleBinding.GVK,
        metadata: { name: fromProp('name', name) },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects,
      }));
    }
  }
}

/** The CloudEvent types an ApiServerSource emits in a mode (E:pkg/apis/sources/constants.go#L22-35). */
export function apiServerEventTypes(mode: ApiServerMode): string[] {
  const kind = mode === ApiServerMode.RESOURCE ? 'resource' : 'ref';
  return ['add', 'update', 'delete'].map((op) => `dev.knative.apiserver.${kind}.${op}`);
}

/** One rule per API group (sorted), its resources sorted and each once, verbs get/list/watch. */
function readRules(resources: readonly WatchedResource[]): kplus.k8s.PolicyRule[] {
  const byGroup = new Map<string, Set<string>>();
  for (const r of resources) {
    const group = parseGroupVersion(r.apiVersion)?.group ?? '';
    byGroup.set(group, (byGroup.get(group) ?? new Set()).add(guessResource(r.kind)));
  }
  return [...byGroup.keys()].sort().map((group) => ({ apiGroups: [group], resources: [...byGroup.get(group)!].sort(), verbs: [...READ_VERBS] }));
}

function copySelector(s: LabelSelectorOptions): Record<string, unknown> {
  return {
    matchLabels: s.matchLabels && { ...s.matchLabels },
    matchExpressions: s.matchExpressions?.map((e) => ({ key: e.key, operator: e.operator, values: e.values && [...e.values] })),
  };
}
