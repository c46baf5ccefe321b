// Rules across objects that involve PersistentVolumeClaims: a claim that
// attaches to one node, mounted by several workloads or by one that runs
// several pods. Pure: manifests in, findings out.
import { CrossObjectValidator, Located } from '../engine/engine';
import { arr, objOrEmpty as obj, str, valueAt } from '../engine/json';
import { podTemplateOf } from '../k8s/pod-templates';
import { STORAGE_APP_RULES as A } from './app-rules.rules';

const SINGLE_NODE_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];
const MAX_SCALE = 'autoscaling.knative.dev/max-scale';

const nsOf = (o: unknown): string => str(valueAt(o, 'metadata', 'namespace')) ?? '';
const nameOf = (o: unknown): string | undefined => str(valueAt(o, 'metadata', 'name'));

/** Why a workload may run several pods at once, or undefined when it runs at most one. */
function severalPods(o: unknown, objects: readonly Located[]): string | undefined {
  const kind = obj(o).kind;
  if (obj(o).apiVersion === 'serving.knative.dev/v1') {
    return String(valueAt(o, 'spec', 'template', 'metadata', 'annotations', MAX_SCALE)) === '1' ? undefined : `it scales out (no \`${MAX_SCALE}: "1"\`)`;
  }
  if (kind === 'ScaledJob') return valueAt(o, 'spec', 'maxReplicaCount') === 1 ? undefined : 'KEDA runs several Jobs at once (maxReplicaCount, 100 by default)';
  const replicas = valueAt(o, 'spec', 'replicas');
  if (typeof replicas === 'number' && replicas > 1) return `replicas: ${replicas}`;
  if (kind === 'Deployment' || kind === 'StatefulSet') {
    const scaler = objects.find((at) => obj(at.object).kind === 'ScaledObject' && nsOf(at.object) === nsOf(o)
      && valueAt(at.object, 'spec', 'scaleTargetRef', 'name') === nameOf(o) && (valueAt(at.object, 'spec', 'scaleTargetRef', 'kind') ?? 'Deployment') === kind);
    const max = scaler && valueAt(scaler.object, 'spec', 'maxReplicaCount');
    if (scaler && max !== 1) return `ScaledObject "${nameOf(scaler.object)}" scales it out`;
  }
  return undefined;
}

export const STORAGE_CROSS_OBJECT: CrossObjectValidator = {
  name: 'claims shared across pods',
  rules: Object.values(A),
  validate(ctx, report) {
    const claims = ctx.objects.filter((at) => {
      const o = obj(at.object);
      const modes = arr(valueAt(o, 'spec', 'accessModes'));
      return o.apiVersion === 'v1' && o.kind === 'PersistentVolumeClaim' && modes.length > 0 && modes.every((m) => SINGLE_NODE_MODES.includes(m as string));
    });
    for (const claim of claims) {
      const name = nameOf(claim.object);
      const users: { at: Located; why?: string }[] = [];
      for (const at of ctx.objects) {
        const pod = podTemplateOf(at.object);
        if (!pod || nsOf(at.object) !== nsOf(claim.object)) continue;
        if (arr(pod.spec.volumes).some((v) => valueAt(v, 'persistentVolumeClaim', 'claimName') === name)) users.push({ at, why: severalPods(at.object, ctx.objects) });
      }
      const label = (at: Located) => `${obj(at.object).kind}/${nameOf(at.object)}`;
      const modes = valueAt(claim.object, 'spec', 'accessModes');
      if (users.length > 1) {
        report(claim, { rule: A.SINGLE_NODE_CLAIM_SHARED, field: 'spec.accessModes', value: modes, problem: `mounted by ${users.map((u) => label(u.at)).join(', ')}` });
      } else if (users.length === 1 && users[0].why) {
        report(claim, { rule: A.SINGLE_NODE_CLAIM_SHARED, field: 'spec.accessModes', value: modes, problem: `mounted by ${label(users[0].at)}, whose pods may run several at once: ${users[0].why}` });
      }
    }
  },
};
