import { defineRules } from '../engine/rule';

// Checked on the manifest. `E:` is knative/eventing at knative-v1.22.2, `K:` is
// knative-extensions/eventing-kafka-broker at knative-v1.22.3; ids in
// parentheses are those of ../shared/research/knative-eventing-rules.md.

/** Rules of every eventing object this library renders (Broker, Trigger, Sequence, Parallel, JobSink, EventPolicy). */
export const EVENTING_META_RULES = defineRules({
  NAME: {
    id: 'EVT-META-001',
    title: 'the name of an eventing object must be a DNS-1123 subdomain, and its namespace a DNS-1123 label',
    why: 'The API server rejects custom resources whose name has uppercase letters, underscores or more than 253 characters.',
    fix: 'pass `name` (or a construct id) such as `order-events`: lowercase letters, digits, `-` and `.`',
    yamlFix: 'set `metadata.name` to lowercase letters, digits, `-` and `.` (e.g. `order-events`), and `metadata.namespace` to a DNS-1123 label',
    upstream: 'Kubernetes apimachinery NameIsDNSSubdomain (ValidateObjectMeta for custom resources)',
    effect: 'reject',
  },
});
