// The MCP session checks of a Knative Service that declares itself an MCP
// server (annotation `agents.cdk8s.io/mcp-sessions`), for synth and `check` alike.
import { objOrEmpty as obj, valueAt } from '../engine/json';
import { parseIntStrict } from '../k8s/values';
import { ClusterSettings } from '../settings/settings';
import type { ObjectCheck } from '../engine/engine';
import { lookupAutoscaling } from './agent-knative-service.validator';
import { MCP_SERVER_RULES as R } from './mcp-server.rules';
import { SCALING_ANNOTATIONS as A } from './scaling';

/** The annotation an MCP server's Service declares its sessions with. */
export const MCP_SESSIONS_ANNOTATION = 'agents.cdk8s.io/mcp-sessions';

const ANN = 'spec.template.metadata.annotations';

export const MCP_SERVER_CHECK: ObjectCheck<ClusterSettings> = {
  rules: Object.values(R),
  validate(object, ctx, out) {
    if (object.apiVersion !== 'serving.knative.dev/v1' || object.kind !== 'Service') return;
    const sessions = obj(valueAt(object, 'metadata', 'annotations'))[MCP_SESSIONS_ANNOTATION];
    if (sessions === undefined) return;
    if (sessions !== 'stateful' && sessions !== 'stateless') {
      out.add(R.SESSIONS_VALUE, `metadata.annotations["${MCP_SESSIONS_ANNOTATION}"]`, sessions);
      return;
    }
    if (sessions === 'stateless') return;
    const ann = obj(valueAt(object, 'spec', 'template', 'metadata', 'annotations'));
    for (const key of [A.minScale, A.maxScale]) {
      const e = lookupAutoscaling(ann, key);
      // Unset min-scale is 0 (scale to zero), unset max-scale unbounded: both lose sessions.
      if (!e || parseIntStrict(e.value) !== 1) {
        out.add(R.STATEFUL_SCALE, `${ANN}["${e?.key ?? key}"]`, e ? e.value : null, e ? 'a stateful MCP server needs exactly one pod' : 'unset, so Knative may run no pod or several');
      }
    }
    const given = valueAt(object, 'spec', 'template', 'spec', 'containerConcurrency');
    // Unset is config-defaults `container-concurrency` (0 upstream).
    const cc = given ?? ctx.settings.serving.containerConcurrency;
    if (typeof cc === 'number' && cc > 0) {
      out.add(R.STATEFUL_CONCURRENCY, 'spec.template.spec.containerConcurrency', given ?? null,
        `${cc}${given === undefined ? ' (config-defaults container-concurrency)' : ''} open session streams take every slot of the only pod`);
    }
  },
};
