// The apply order (lib/k8s/apply-order.ts): what a kind needs applies before it;
// within a rank the given order (a synth's dependency order) is kept.
import { applyRank, inApplyOrder } from '../../lib/k8s/apply-order';

const o = (apiVersion: string, kind: string, name = 'x') => ({ apiVersion, kind, metadata: { name } });

describe('inApplyOrder', () => {
  test('Namespaces, RBAC, secrets and policies before workloads; scalers, brokers, triggers and sources after them', () => {
    const given = [
      o('sources.knative.dev/v1', 'PingSource'), o('eventing.knative.dev/v1', 'Trigger'), o('eventing.knative.dev/v1', 'Broker'),
      o('keda.sh/v1alpha1', 'ScaledObject'), o('apps/v1', 'Deployment'), o('serving.knative.dev/v1', 'Service'),
      o('keda.sh/v1alpha1', 'TriggerAuthentication'), o('networking.k8s.io/v1', 'NetworkPolicy'), o('external-secrets.io/v1', 'ExternalSecret'),
      o('rbac.authorization.k8s.io/v1', 'RoleBinding'), o('rbac.authorization.k8s.io/v1', 'Role'), o('v1', 'ServiceAccount'),
      o('kustomize.toolkit.fluxcd.io/v1', 'Kustomization'), o('v1', 'Namespace'),
    ];
    expect(inApplyOrder(given).map((m) => m.kind)).toEqual([
      'Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ExternalSecret', 'NetworkPolicy', 'TriggerAuthentication',
      'Deployment', 'Service', 'ScaledObject', 'Broker', 'Trigger', 'PingSource', 'Kustomization',
    ]);
  });

  test('stable: objects of one rank keep their order (the dependency order of the synth)', () => {
    const given = [o('serving.knative.dev/v1', 'Service', 'b'), o('v1', 'ConfigMap', 'c'), o('serving.knative.dev/v1', 'Service', 'a'), o('apps/v1', 'Deployment', 'd')];
    expect(inApplyOrder(given).map((m) => m.metadata.name)).toEqual(['c', 'b', 'a', 'd']);
  });

  test('the group decides, not the kind alone: a Knative Service is a workload, a core Service too, a Cilium policy a policy', () => {
    expect(applyRank(o('serving.knative.dev/v1', 'Service'))).toBe(applyRank(o('v1', 'Service')));
    expect(applyRank(o('cilium.io/v2', 'CiliumNetworkPolicy'))).toBe(applyRank(o('networking.k8s.io/v1', 'NetworkPolicy')));
    expect(applyRank(o('example.com/v1', 'Namespace'))).toBe(applyRank(o('apps/v1', 'Deployment')));
  });

  test('unknown kinds and garbage rank with the workloads; the input is not changed', () => {
    const given: unknown[] = [null, 'x', { kind: 5 }, o('example.com/v1', 'Widget'), o('v1', 'Namespace')];
    const copy = [...given];
    expect(inApplyOrder(given)).toEqual([given[4], null, 'x', { kind: 5 }, given[3]]);
    expect(given).toEqual(copy);
  });
});
