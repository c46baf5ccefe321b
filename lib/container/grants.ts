// Least-privilege RBAC for an agent that calls the Kubernetes API: its
// `grant…` calls collect rules, rendered as one Role and RoleBinding (and,
// only when asked, one ClusterRole and ClusterRoleBinding) bound to the
// agent's ServiceAccount, generated unless the `serviceAccount` prop names one.
import { ApiObject, ApiObjectMetadata, ApiObjectProps, Lazy } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { CORE_RULES } from '../engine/core-rules';
import { FindingList } from '../engine/rule';
import { clusterScoped, fromProp } from '../construct/construct';
import { describe, T } from '../construct/props';
import { AgentContainer, cdk8sPlus, PropReporter } from './agent-container';
import { GRANT_RULES } from './grants.rules';
import { RBAC_GROUP, READ_VERBS } from '../k8s/rbac';


/** Options of `grantCreateJobs`. */
export interface JobGrantOptions {
  /**
   * Also delete Jobs (an agent that cancels the Jobs it started). Finished
   * Jobs are better removed by their `ttlSecondsAfterFinished`.
   * @default false
   */
  readonly delete?: boolean;
  /** Also read the Jobs' pods and their logs (`pods`, `pods/log`). @default false */
  readonly readPods?: boolean;
}

/** What the owning construct gives its grants. */
export interface GrantHost {
  /** Name of the agent: of the generated ServiceAccount, Role and RoleBinding. */
  readonly name: string;
  /** @default - unknown at synth (the namespace the manifests are applied to) */
  readonly namespace?: string;
  /** The `serviceAccount` prop's name, when given: bound, not generated. @default - generated */
  readonly serviceAccount?: string;
  /** The `mountServiceAccountToken` prop. @default - unset */
  readonly mountToken?: boolean;
  readonly container: AgentContainer;
  readonly report: PropReporter;
  /** Metadata of a namespaced object named after the agent. */
  metadata(): ApiObjectMetadata;
  createObject(id: string, props: ApiObjectProps): ApiObject;
}

const JOB_GRANT_OPTIONS = T.object<JobGrantOptions>({ delete: T.boolean(), readPods: T.boolean() }, 'a JobGrantOptions object');
const VERBS = T.array(T.string({ nonEmpty: true }), { nonEmpty: true });
const RESOURCE_HINT = 'pass `ApiResource.JOBS`, `ApiResource.custom({ apiGroup, resourceType })`, or a cdk8s-plus object (its `resourceName` limits the grant to it)';

/** Why a value is not a usable IApiResource (read by its members: cdk8s-plus objects have many more). */
function resourceProblem(r: unknown): string | undefined {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return `expected a cdk8s-plus IApiResource, got ${describe(r)}`;
  const { apiGroup, resourceType, resourceName } = r as Record<string, unknown>;
  if (typeof apiGroup !== 'string') return `\`apiGroup\` must be a string ('' for the core group), got ${describe(apiGroup)}`;
  if (typeof resourceType !== 'string' || resourceType === '') return `\`resourceType\` must be a resource name such as "jobs", got ${describe(resourceType)}`;
  if (resourceName !== undefined && (typeof resourceName !== 'string' || resourceName === '')) return `\`resourceName\` must be an object name, got ${describe(resourceName)}`;
  return undefined;
}

/** Verbs in the order people read them; others after, sorted. */
const VERB_ORDER = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const verbRank = (v: string) => (VERB_ORDER.includes(v) ? VERB_ORDER.indexOf(v) : VERB_ORDER.length);
const byVerb = (a: string, b: string) => verbRank(a) - verbRank(b) || (a < b ? -1 : a > b ? 1 : 0);

interface Entry {
  readonly group: string;
  readonly resource: string;
  readonly name?: string;
  readonly verbs: Set<string>;
}

/** The rules of one Role or ClusterRole, merged as grants arrive (each grant once). */
class RuleSet {
  private readonly entries = new Map<string, Entry>();

  public get empty(): boolean {
    return this.entries.size === 0;
  }

  public add(verbs: readonly string[], r: kplus.IApiResource): void {
    const key = [r.apiGroup, r.resourceType, r.resourceName ?? ''].join('\u0000');
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, e = { group: r.apiGroup, resource: r.resourceType, name: r.resourceName, verbs: new Set() });
    for (const v of verbs) e.verbs.add(v);
  }

  /**
   * PolicyRules, deterministic: one per API group and verb set (its
   * resources sorted); a named object in a rule of its own, unless a rule
   * for every object of its type already has its verbs.
   */
  public render(): kplus.k8s.PolicyRule[] {
    const all = [...this.entries.values()];
    const unnamed = new Map(all.filter((e) => e.name === undefined).map((e) => [`${e.group}\u0000${e.resource}`, e]));
    const rules = new Map<string, { group: string; verbs: string[]; resources: Set<string>; names?: Set<string> }>();
    for (const e of all) {
      const wider = e.name === undefined ? undefined : unnamed.get(`${e.group}\u0000${e.resource}`);
      if (wider && [...e.verbs].every((v) => wider.verbs.has(v))) continue;
      const verbs = [...e.verbs].sort(byVerb);
      const key = [e.group, verbs.join(','), e.name === undefined ? '' : e.resource].join('\u0000');
      let rule = rules.get(key);
      if (!rule) rules.set(key, rule = { group: e.group, verbs, resources: new Set(), names: e.name === undefined ? undefined : new Set() });
      rule.resources.add(e.resource);
      if (e.name !== undefined) rule.names!.add(e.name);
    }
    const out = [...rules.values()].map((r) => ({
      apiGroups: [r.group], resources: [...r.resources].sort(), resourceNames: r.names && [...r.names].sort(), verbs: r.verbs,
    }));
    const sortKey = (r: kplus.k8s.PolicyRule) => [r.apiGroups![0], r.resources!.join(','), (r.resourceNames ?? []).join(','), r.verbs.join(',')].join('\u0000');
    return out.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  }
}

/**
 * The grants of one agent. Objects are created on the first grant that
 * needs them, named after the agent (cluster-scoped ones `<namespace>-<name>`,
 * unique across namespaces), and rendered lazily, so later grants join them.
 */
export class AgentGrants {
  private readonly namespaced = new RuleSet();
  private readonly clusterWide = new RuleSet();
  private account?: string;
  private created = { namespaced: false, cluster: false };

  public constructor(private readonly host: GrantHost) {}

  /** Grants `verbs` on `resources` in the agent's namespace (`cluster`: everywhere, with a ClusterRole). `method` names the call in findings. */
  public add(verbs: unknown, resources: readonly unknown[], method: string, cluster = false): void {
    const bad = new FindingList();
    VERBS.check(verbs, `${method}(verbs)`, bad);
    if (resources.length === 0) bad.addProp(CORE_RULES.PROP_TYPE, `${method}(resources)`, resources, 'no resource: a grant names at least one', 'pass e.g. `ApiResource.JOBS` or `ApiResource.custom({ apiGroup, resourceType })`');
    resources.forEach((r, i) => {
      const problem = resourceProblem(r);
      if (problem) bad.addProp(CORE_RULES.PROP_TYPE, `${method}(resources[${i}])`, r, problem, RESOURCE_HINT);
    });
    if (bad.items.length > 0) {
      for (const f of bad.items) this.host.report(f.rule, f.prop!, f.value, f.problem, f.fix);
      return;
    }
    const set = cluster ? this.clusterWide : this.namespaced;
    if (cluster && !this.ensureCluster(method)) return;
    if (!cluster) this.ensureNamespaced();
    for (const r of resources as kplus.IApiResource[]) set.add(verbs as string[], r);
  }

  /** `grantCreateJobs`: create and follow Jobs (and, as asked, delete them and read their pods). */
  public addJobs(options: unknown): void {
    const bad = new FindingList();
    if (options !== undefined && !JOB_GRANT_OPTIONS.check(options, 'grantCreateJobs(options)', bad)) {
      for (const f of bad.items) this.host.report(f.rule, f.prop!, f.value, f.problem, f.fix);
      return;
    }
    const o = (options ?? {}) as JobGrantOptions;
    const kplusLib = cdk8sPlus();
    this.add(['create', ...READ_VERBS, ...(o.delete ? ['delete'] : [])], [kplusLib.ApiResource.JOBS], 'grantCreateJobs');
    if (o.readPods) this.add([...READ_VERBS], [kplusLib.ApiResource.PODS, kplusLib.ApiResource.custom({ apiGroup: '', resourceType: 'pods/log' })], 'grantCreateJobs');
  }

  /** The ServiceAccount the rights are bound to (the token mounted), generated unless the props name one. */
  private serviceAccount(): string {
    if (this.account !== undefined) return this.account;
    const h = this.host;
    if (h.mountToken === false) {
      h.report(GRANT_RULES.TOKEN_UNMOUNTED, 'mountServiceAccountToken', false, 'the agent is granted API rights but mounts no token to use them');
    }
    if (h.serviceAccount !== undefined) {
      this.account = h.serviceAccount;
      h.container.grantApiAccess();
    } else {
      this.account = h.name;
      // The agent's own account: its pods call the API, so its token is mounted (Knative pods cannot ask for it themselves).
      h.createObject('ServiceAccount', { ...cdk8sPlus().k8s.KubeServiceAccount.GVK, metadata: h.metadata(), automountServiceAccountToken: true });
      h.container.grantApiAccess(this.account);
    }
    return this.account;
  }

  private subject(namespace: string | undefined) {
    // In a RoleBinding, a ServiceAccount without a namespace is the binding's own namespace's.
    return [{ kind: 'ServiceAccount', name: this.serviceAccount(), namespace }];
  }

  private ensureNamespaced(): void {
    if (this.created.namespaced) return;
    this.created.namespaced = true;
    const h = this.host;
    const subjects = this.subject(h.namespace);
    const k8s = cdk8sPlus().k8s;
    h.createObject('Role', { ...k8s.KubeRole.GVK, metadata: h.metadata(), rules: Lazy.any({ produce: () => fromProp('grant()', this.namespaced.render()) }) as any });
    h.createObject('RoleBinding', { ...k8s.KubeRoleBinding.GVK, metadata: h.metadata(), roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: h.name }, subjects });
  }

  private ensureCluster(method: string): boolean {
    if (this.created.cluster) return true;
    const h = this.host;
    if (!h.namespace) {
      h.report(GRANT_RULES.CLUSTER_NAMESPACE, `${method}()`, h.namespace, 'neither `namespace` nor the Chart sets one');
      return false;
    }
    this.created.cluster = true;
    const name = `${h.namespace}-${h.name}`;
    const k8s = cdk8sPlus().k8s;
    const subjects = this.subject(h.namespace);
    clusterScoped(h.createObject('ClusterRole', { ...k8s.KubeClusterRole.GVK, metadata: { name }, rules: Lazy.any({ produce: () => fromProp('grantClusterWide()', this.clusterWide.render()) }) as any }));
    clusterScoped(h.createObject('ClusterRoleBinding', { ...k8s.KubeClusterRoleBinding.GVK, metadata: { name }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name }, subjects }));
    return true;
  }
}
