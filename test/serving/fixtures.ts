// Builders shared by the Knative Service cases and tests: an agent in a
// chart, the manifest paths its findings name, and kplus volumes.
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentKnativeServiceProps } from '../../lib';

export const IMAGE = 'ghcr.io/acme/agent:1.4.2';
/** The construct path of `agent(chart)`. */
export const AGENT = 'test/agent';
export const TPL = 'spec.template.spec';
export const CTR = `${TPL}.containers[0]`;
/** The field of an autoscaling annotation on the revision template. */
export const AS = (key: string) => `spec.template.metadata.annotations["autoscaling.knative.dev/${key}"]`;

export function agent(chart: Chart, props: Partial<AgentKnativeServiceProps> = {}, id = 'agent'): AgentKnativeService {
  return new AgentKnativeService(chart, id, { image: IMAGE, ...props });
}

export function configMapVolume(chart: Chart, name = 'agent-config', volumeName?: string): kplus.Volume {
  return kplus.Volume.fromConfigMap(chart, `cm-vol-${name}`, kplus.ConfigMap.fromConfigMapName(chart, `cm-${name}`, name), { name: volumeName });
}

export function pvcVolume(chart: Chart, readOnly?: boolean): kplus.Volume {
  return kplus.Volume.fromPersistentVolumeClaim(chart, 'v', kplus.PersistentVolumeClaim.fromClaimName(chart, 'pvc', 'data'), { readOnly });
}
