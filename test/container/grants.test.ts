import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService } from '../../lib';
import { AgentContainerConstruct } from '../../lib/container/container-construct';
import { synthErrors } from '../support/rule-cases';
import { cronAgent, IMAGE } from '../batch/fixtures';
import { job, worker } from '../workers/fixtures';

const INFERENCE_REQUESTS = kplus.ApiResource.custom({ apiGroup: 'labrats.work', resourceType: 'inferencerequests' });

function app() {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'agents' });
  return { chart, synth: () => Testing.synth(chart) };
}
const ofKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('grant… on every agent kind', () => {
  const kinds: [string, (c: Chart) => AgentContainerConstruct<any>, (o: any[]) => any][] = [
    ['AgentKnativeService', (c) => new AgentKnativeService(c, 'agent', { image: IMAGE }), (o) => ofKind(o, 'Service')[0].spec.template.spec],
    ['AgentWorker', (c) => worker(c, {}, 'agent'), (o) => ofKind(o, 'Deployment')[0].spec.template.spec],
    ['AgentJob', (c) => job(c, {}, 'agent'), (o) => ofKind(o, 'ScaledJob')[0].spec.jobTargetRef.template.spec],
    ['AgentCronJob', (c) => cronAgent(c, {}, 'agent'), (o) => ofKind(o, 'CronJob')[0].spec.jobTemplate.spec.template.spec],
  ];

  test.each(kinds)('%s: grantCreateJobs makes its ServiceAccount, Role and RoleBinding, and runs as it', (kind, make, podOf) => {
    // GIVEN an agent of each kind WHEN it may create Jobs
    const { chart, synth } = app();
    make(chart).grantCreateJobs();
    const objects = synth();
    // THEN one account, role and binding named after the agent, in its namespace
    expect(ofKind(objects, 'ServiceAccount').map((o) => [o.metadata.name, o.metadata.namespace, o.automountServiceAccountToken])).toEqual([['agent', 'agents', true]]);
    expect(ofKind(objects, 'Role').map((o) => o.rules)).toEqual([[{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'create'] }]]);
    expect(ofKind(objects, 'RoleBinding').map((o) => [o.metadata.name, o.roleRef, o.subjects])).toEqual([
      ['agent', { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'agent' }, [{ kind: 'ServiceAccount', name: 'agent', namespace: 'agents' }]],
    ]);
    const pod = podOf(objects);
    expect(pod.serviceAccountName).toBe('agent');
    // Knative accepts only `false`: the token is left to the account, which mounts it; plain pods ask for it.
    expect(pod.automountServiceAccountToken).toBe(kind === 'AgentCronJob' ? true : undefined);
    expect(ofKind(objects, 'ClusterRole')).toEqual([]);
  });

  test.each(kinds)('%s: without a grant, no RBAC and no token', (_kind, make, podOf) => {
    const { chart, synth } = app();
    make(chart);
    const objects = synth();
    expect(objects.filter((o) => ['ServiceAccount', 'Role', 'RoleBinding'].includes(o.kind))).toEqual([]);
    expect(podOf(objects).automountServiceAccountToken).toBe(false);
  });
});

describe('grant… rules', () => {
  test('are idempotent and merge: one rule per API group and verb set, a named object only when no wider rule covers it', () => {
    const { chart, synth } = app();
    const agent = cronAgent(chart);
    agent.grantCreateJobs().grantCreateJobs().grantRead(INFERENCE_REQUESTS).grantRead(INFERENCE_REQUESTS, kplus.ApiResource.custom({ apiGroup: 'labrats.work', resourceType: 'aimodels' }))
      .grant(['get'], { apiGroup: 'batch', resourceType: 'jobs', resourceName: 'x' })
      .grant(['get'], { apiGroup: '', resourceType: 'secrets', resourceName: 'github-app-credentials' })
      .grant(['patch'], kplus.ApiResource.custom({ apiGroup: 'labrats.work', resourceType: 'inferencerequests/status' }));
    expect(ofKind(synth(), 'Role')[0].rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['github-app-credentials'], verbs: ['get'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'create'] },
      { apiGroups: ['labrats.work'], resources: ['aimodels', 'inferencerequests'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['labrats.work'], resources: ['inferencerequests/status'], verbs: ['patch'] },
    ]);
    expect(ofKind(synth(), 'ServiceAccount')).toHaveLength(1);
  });

  test('a cdk8s-plus object limits the grant to itself', () => {
    const { chart, synth } = app();
    cronAgent(chart).grant(['get'], kplus.Secret.fromSecretName(chart, 'github', 'github-app-credentials'), kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'ai-config'));
    expect(ofKind(synth(), 'Role')[0].rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['ai-config'], verbs: ['get'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['github-app-credentials'], verbs: ['get'] },
    ]);
  });

  test('grantCreateJobs options add delete and pod reads', () => {
    const { chart, synth } = app();
    cronAgent(chart).grantCreateJobs({ delete: true, readPods: true });
    expect(ofKind(synth(), 'Role')[0].rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
    ]);
  });

  test('a ServiceAccount of the props is bound, not generated', () => {
    const { chart, synth } = app();
    const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'processor');
    cronAgent(chart, { serviceAccount: sa }).grantRead(INFERENCE_REQUESTS);
    const objects = synth();
    expect(ofKind(objects, 'ServiceAccount')).toEqual([]);
    expect(ofKind(objects, 'RoleBinding')[0].subjects).toEqual([{ kind: 'ServiceAccount', name: 'processor', namespace: 'agents' }]);
    const pod = ofKind(objects, 'CronJob')[0].spec.jobTemplate.spec.template.spec;
    expect([pod.serviceAccountName, pod.automountServiceAccountToken]).toEqual(['processor', true]);
  });

  test('cluster-wide rights only through grantClusterWide: a ClusterRole and binding named <namespace>-<name>, without namespace', () => {
    const { chart, synth } = app();
    cronAgent(chart).grantClusterWide(['get', 'list', 'watch'], kplus.ApiResource.NAMESPACES);
    const objects = synth();
    expect(ofKind(objects, 'Role')).toEqual([]);
    const [role] = ofKind(objects, 'ClusterRole');
    const [binding] = ofKind(objects, 'ClusterRoleBinding');
    expect([role.metadata, role.rules]).toEqual([{ name: 'agents-cleanup' }, [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }]]);
    expect([binding.metadata, binding.roleRef.name, binding.subjects]).toEqual([{ name: 'agents-cleanup' }, 'agents-cleanup', [{ kind: 'ServiceAccount', name: 'cleanup', namespace: 'agents' }]]);
    expect(ofKind(objects, 'ServiceAccount')).toHaveLength(1);
  });

  test('fails if a grant is given bad arguments from plain JavaScript, naming the call', () => {
    const text = synthErrors((c) => {
      const a = cronAgent(c) as any;
      a.grant('get', kplus.ApiResource.JOBS);
      a.grant(['get']);
      a.grant([''], kplus.ApiResource.JOBS);
      a.grantRead({ apiGroup: 'batch' }, null, 'jobs');
      a.grantCreateJobs({ delete: 'yes' });
    }).join('\n');
    expect(text).toMatch(/grant\(verbs\) = "get"/);
    expect(text).toMatch(/grant\(resources\) = \[\]: no resource/);
    expect(text).toMatch(/grant\(verbs\)\[0\] = ""/);
    expect(text).toMatch(/grantRead\(resources\[0\]\).*`resourceType` must be a resource name/);
    expect(text).toMatch(/grantRead\(resources\[1\]\) = null/);
    expect(text).toMatch(/grantRead\(resources\[2\]\) = "jobs"/);
    expect(text).toMatch(/grantCreateJobs\(options\)\.delete = "yes"/);
  });
});
