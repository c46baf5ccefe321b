// The rules of a `serving.knative.dev/v1` Route of its own: what a Service's
// traffic cannot meet (a Service's Route has a default configuration). The
// rules a Route shares with a Service (metadata, percents, tags, latestRevision,
// url) are the Service's, reported by the same checks (KSVC-META-*,
// KSVC-TRAFFIC-*); the `serving.knative.dev/service` label is KCFG-META-001.
//
// Upstream references are to knative/serving at tag knative-v1.22.1:
//   RTV = pkg/apis/serving/v1/route_validation.go
//   TR  = pkg/reconciler/route/traffic/traffic.go
import { defineRules } from '../engine/rule';

/** A `serving.knative.dev/v1` Route. */
export const ROUTE_RULES = defineRules({
  TRAFFIC_ONE_OF: {
    id: 'KROUTE-TRAFFIC-001',
    title: 'a traffic target of a Route names exactly one of `revisionName` and `configurationName`',
    why: 'The webhook rejects a target with both ("expected exactly one, got both") or neither ("expected exactly one, got neither"): a Route of its own has no default Configuration, unlike a Service\'s.',
    fix: 'name a Configuration (`configurationName`, its latest ready revision) or pin a Revision (`revisionName`), not both',
    upstream: 'RTV#L107-147 (validateRevisionAndConfiguration)',
    effect: 'reject',
  },
  MISSING_CONFIGURATION: {
    id: 'KROUTE-REF-001',
    title: 'the Configuration a traffic target names exists in the Route\'s namespace (a Knative Service owns one of its own name)',
    why: 'The webhook accepts any name; the Route reconciler then finds no Configuration, marks the Route ConfigurationMissing and never serves that traffic.',
    fix: 'name a Configuration (or a Knative Service, whose Configuration has its name) of the Route\'s namespace, or declare it external',
    yamlFix: 'set `configurationName` to a Configuration (or a Knative Service, whose Configuration has its name) of the Route\'s namespace; if it lives elsewhere, list it in the Route\'s `agents.cdk8s.io/external-refs` annotation (`Configuration/<name>`) or under `provided` in cdk8s-agents.yaml',
    upstream: 'TR#L281-294 (getConfiguration: errMissingConfiguration), TR#L354-377',
    effect: 'runtime',
  },
});
