import { defineRules } from '../engine/rule';

// Upstream references are to kedacore/keda at tag v2.20.2 unless noted:
// SOW = apis/keda/v1alpha1/scaledobject_webhook.go, SOT = apis/keda/v1alpha1/scaledobject_types.go,
// SJT = apis/keda/v1alpha1/scaledjob_types.go, STT = apis/keda/v1alpha1/scaletriggers_types.go,
// TAW = apis/keda/v1alpha1/triggerauthentication_webhook.go, TC = pkg/scalers/scalersconfig/typed_config.go,
// SR = pkg/scaling/resolver/scale_resolvers.go, SJE = pkg/scaling/executor/scale_jobs.go;
// crd: = ../shared/crds/keda/. KEDA's webhook fails open (failurePolicy Ignore) and never parses
// scaler metadata, so these checks are the only ones before reconcile.

/** Construct props of AgentWorker and AgentJob that no manifest shows. */
export const WORKER_POD_RULES = defineRules({
  BUILTIN_TMP: {
    id: 'KEDA-POD-001',
    title: 'a volume named `tmp` or mounted at `/tmp` collides with the built-in writable /tmp',
    why: 'The worker mounts an emptyDir named `tmp` at `/tmp` by default (the root filesystem is read-only); a second one is rejected as a duplicate volume or mount path.',
    fix: 'set `security.writableTmp: false` to provide your own /tmp, or name and mount your volume elsewhere',
    upstream: 'library behaviour (security.writableTmp); Kubernetes core/validation ValidateVolumes, ValidateVolumeMounts',
    effect: 'reject',
  },
  PROBE_PORT: {
    id: 'KEDA-POD-002',
    title: 'an HTTP or TCP probe needs a port: its own, or the worker\'s `port`',
    why: 'A worker serves no port unless told; cdk8s-plus would silently probe port 80 and the kubelet would restart or never ready the pod.',
    fix: 'set `port` on the worker, pass `{ port }` to the probe, or use `Probe.fromCommand(...)`',
    upstream: 'library behaviour: cdk8s-plus Action.fromHttpGet defaults the port to 80',
    effect: 'runtime',
  },
});
