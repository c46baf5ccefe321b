// Disagreements between the library and the oracle (test/oracle, the upstream
// webhooks' own code) that are deliberate, each with its reason. A `reject`
// rule that is stricter than upstream says so in its own `stricter` field (and
// the harness counts it apart); what is listed here are the differences in
// what either side can see.

export interface KnownDivergence {
  /** `apiVersion/kind` it applies to. @default - every kind */
  readonly kind?: string;
  /** `library-only`: the library reports an error the webhook accepts; `oracle-only`: the webhook rejects what the library passes. */
  readonly side: 'library-only' | 'oracle-only';
  /** Matched against the library's `[ID] field: problem` lines, or the oracle's error messages. */
  readonly match: RegExp;
  readonly reason: string;
}

export const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [
  {
    kind: 'sinks.knative.dev/v1alpha1/JobSink', side: 'library-only', match: /^\[[A-Z0-9-]+\] spec\.job\./,
    reason: 'the webhook validates the Job by a dry-run create on the API server (batch/v1 validation); the oracle has no API server and leaves that call out, the library checks the Job as it would',
  },
  {
    kind: 'keda.sh/v1alpha1/ScaledJob', side: 'library-only', match: /^\[[A-Z0-9-]+\] spec\.jobTargetRef\.template\./,
    reason: 'KEDA admits the Job template unchecked; the API server refuses the Job KEDA creates from it at run time, which the library reports before apply',
  },
  {
    kind: 'keda.sh/v1alpha1/ScaledObject', side: 'oracle-only', match: /^no version for /,
    reason: 'a scaleTargetRef whose apiVersion has no version (`/`) and whose kind is neither Deployment nor StatefulSet makes KEDA ask the RESTMapper for the kind (KEDA v2.20.2 apis/keda/v1alpha1/gvkr.go#L68-80); the cluster\'s mapper answers from the kinds it serves, which the oracle cannot know: its open-world mapper refuses every lookup without a version (test/oracle/keda.go openMapper), and the library, which leaves the target kind to the cluster in an open world, does not guess',
  },
  {
    kind: 'keda.sh/v1alpha1/ScaledObject', side: 'library-only', match: /^\[KEDA-SO-\d+\] spec\.minReplicaCount: only cpu\/memory triggers/,
    reason: 'verifyCPUMemoryScalers reads the target workload from the cluster; the oracle sends dry runs, for which KEDA skips it',
  },
  {
    kind: 'eventing.knative.dev/v1/Broker', side: 'library-only', match: /^\[EVT-BROKER-\d+\] spec\.config/,
    reason: 'a Kafka-class Broker\'s config is checked by eventing-kafka-broker\'s webhook, whose module the Go module proxy here does not serve',
  },
  {
    kind: 'serving.knative.dev/v1/Service', side: 'library-only', match: /^\[SCHEMA-002\] spec\.template\.spec\.[^:]*: required field missing/,
    reason: 'Serving\'s defaulting webhook round-trips the object through its Go types (knative.dev/pkg defaulting.go roundTripPatch), which writes the zero value of a required field that is not omitempty (`seccompProfile: {type: ""}`), so the API server\'s required check passes; the Revision\'s Deployment is then refused by Pod validation at run time, which the library reports before apply',
  },
  {
    side: 'oracle-only', match: /parent namespace: "default" does not match/,
    reason: 'without metadata.namespace kubectl sends its context\'s namespace: the oracle assumes `default`, the library does not guess it (a ref namespace cannot be compared)',
  },
  {
    kind: 'sources.knative.dev/v1/SinkBinding', side: 'oracle-only', match: /^invalid value: [^:]*: spec\.subject\.namespace$/,
    reason: 'a subject namespace must equal the SinkBinding\'s (EVT-BINDING-003 checks it when metadata.namespace is written); without one, kubectl sends its context\'s namespace, which the oracle takes as `default` and the library does not guess',
  },
  {
    kind: 'flows.knative.dev/v1/Parallel', side: 'library-only', match: /^\[EVT-DELIVERY-\d+\] spec\.branches\[\d+\]\.delivery\./,
    reason: 'the Parallel webhook does not validate a branch\'s delivery (eventing v0.49.2 pkg/apis/flows/v1/parallel_validation.go), but the Parallel reconciler copies it into the branch\'s Subscription (pkg/reconciler/parallel/resources/subscription.go#L108), which the Subscription webhook refuses (subscription_validation.go#L77-79): the Parallel never becomes Ready, which the library reports before apply',
  },
  {
    kind: 'serving.knative.dev/v1beta1/DomainMapping', side: 'library-only', match: /^\[SCHEMA-002\] spec\.tls\.secretName: required field missing/,
    reason: 'Serving\'s defaulting webhook round-trips the DomainMapping through its Go types, writing `secretName: ""` (not omitempty), so the API server\'s required check passes; the DomainMapping then waits for a Secret named "" and never serves TLS, which the library reports before apply',
  },
];

/** A deliberate difference between the library's scaler checks and KEDA's own parsers (`npm run oracle -- --scalers`). */
export interface ScalerDivergence {
  /** The trigger type it applies to. @default - every type */
  readonly type?: string;
  /** `ScaledObject` or `ScaledJob`. @default - both */
  readonly kind?: string;
  readonly side: 'library-only' | 'oracle-only';
  /** Matched against the library's `[ID] field: problem` lines, or KEDA's parse error. */
  readonly match: RegExp;
  readonly reason: string;
}

export const SCALER_DIVERGENCES: readonly ScalerDivergence[] = [
  {
    type: 'cron', side: 'library-only', match: /^\[KEDA-TRIGGER-008\] spec\.triggers\[\d+\]\.metadata\.timezone: /,
    reason: 'KEDA loads the time zone at every metrics request (keda v2.20.2 pkg/scalers/cron_scaler.go#L121-125 GetMetricsAndActivity), not when it parses the trigger: the scaler builds, then every request fails with "unable to load timezone", which the library reports before apply',
  },
  {
    side: 'library-only', match: /^\[KEDA-TRIGGER-004\] [^:]*: [^:]*: the target "[^"]*" must be > 0$/,
    reason: 'a target of 0 parses (prometheus, redis, temporal, ... refuse only negative values or none), but nothing scales on it: a ScaledObject\'s target becomes the target of the HPA KEDA creates, which the API server refuses (Kubernetes pkg/apis/autoscaling/validation validateMetricTarget: "must be positive"), and a ScaledJob computes no jobs from a target of 0 (keda v2.20.2 pkg/scaling/scaledjob/metrics.go#L39-43); the library reports it before apply',
  },
  {
    side: 'library-only', match: /^\[KEDA-TRIGGER-004\] [^:]*: [^:]*: the activation threshold "[^"]*" must be ≥ 0$/,
    reason: 'a negative activation threshold parses where the scaler\'s code does not bound it (rabbitmq, prometheus, ...), and the trigger is then active at any metric value (≥ 0): the workload never scales to zero, which the library reports',
  },
  {
    type: 'temporal', side: 'library-only', match: /^\[KEDA-TRIGGER-003\] spec\.triggers\[\d+\]\.metadata\.queueTypes: /,
    reason: 'getQueueTypes maps each item by a switch and drops the others silently (keda v2.20.2 pkg/scalers/temporal_scaler.go#L336-355): the trigger builds, without the queue type the user wrote, which the library reports',
  },
];
