// Delivery options (retries, backoff, dead letters, timeouts) and the
// Destination checks every eventing kind shares. E: = knative/eventing at
// knative-v1.22.2; DT = E:pkg/apis/duck/v1/delivery_types.go,
// DEST = E:vendor/knative.dev/pkg/apis/duck/v1/destination.go,
// KREF = E:vendor/knative.dev/pkg/apis/duck/v1/knative_reference.go.
import { goPemDecode } from '../k8s/go-pem';
import { goUrlParts, goUrlProblem } from '../k8s/go-url';
import { X509Certificate } from 'crypto';
import { Duration } from 'cdk8s';
import { fromProp } from '../construct/construct';
import { PropType, T } from '../construct/props';
import { defineRules, FindingList, Rule } from '../engine/rule';
import { ClusterSettings, eventingFeatureAllows, eventingFlagSetting } from '../settings/settings';
import { ISink, SinkSender } from './sink';
import { goDecodedFields, obj } from '../engine/json';

/** How the wait between retries grows. */
export enum BackoffPolicy {
  /** `backoffDelay * n` before retry n. */
  LINEAR = 'linear',
  /** `backoffDelay * 2^n` before retry n. */
  EXPONENTIAL = 'exponential',
}

/** How an event is put on the wire when delivered. */
export enum DeliveryFormat {
  /** Structured mode: the whole event as a JSON body. */
  JSON = 'json',
  /** Binary mode: attributes in headers, data as the body. */
  BINARY = 'binary',
}

/** Delivery options of a Broker, Trigger, Sequence step, ... (`spec.delivery`). */
export interface DeliveryOptions {
  /** Retries before the event goes to the dead-letter sink (0: none). @default - the cluster default (Broker: 10) */
  readonly retry?: number;
  /** @default - the cluster default (BackoffPolicy.EXPONENTIAL for Brokers) */
  readonly backoffPolicy?: BackoffPolicy;
  /** Base delay between retries, rendered as ISO-8601 (`PT0.2S`). @default - the cluster default (0.2 s for Brokers) */
  readonly backoffDelay?: Duration;
  /** Where events go once the retries are spent. @default - none: they are dropped */
  readonly deadLetterSink?: ISink;
  /** Timeout of each delivery attempt, ISO-8601 (needs `delivery-timeout`, Enabled upstream). @default - no per-attempt timeout */
  readonly timeout?: Duration;
  /** Upper bound on a subscriber's `Retry-After` (needs `delivery-retryafter`, Disabled upstream). @default - Retry-After is not honoured */
  readonly retryAfterMax?: Duration;
  /** Wire format of delivered events. @default - as received */
  readonly format?: DeliveryFormat;
}

const SINK_TYPE = T.duck('an ISink', ['toDestination', 'bind'], 'pass an AgentKnativeService, Broker, AgentSequence, AgentParallel, JobSink, or `Sink.uri(url)`');

/** Runtime shape of a `delivery` prop. */
export const DELIVERY_SHAPE: PropType = T.object<DeliveryOptions>({
  // Ranges are manifest rules (EVT-DELIVERY-001), so synth and check report them alike.
  retry: T.number(),
  backoffPolicy: T.enumOf(BackoffPolicy, 'BackoffPolicy'),
  backoffDelay: T.duration(),
  deadLetterSink: SINK_TYPE,
  timeout: T.duration(),
  retryAfterMax: T.duration(),
  format: T.enumOf(DeliveryFormat, 'DeliveryFormat'),
}, 'a DeliveryOptions object');

/**
 * @internal One destination a construct sends events to, with the
 * dead-letter sink that gets what that destination finally refuses (none
 * when nothing is dead-lettered there).
 */
export interface EventRoute {
  /** The destination: a subscriber, a source's sink, a flow's step, filter or reply. @default - none: a route without a destination (a sink prop left out) */
  readonly to?: ISink;
  /** @default - none: what `to` refuses is dropped */
  readonly deadLetterSink?: ISink;
  /** Namespace of the object that holds the route (a dead-letter ref without one resolves there). @default - unknown at synth time */
  readonly namespace?: string;
}

/** @internal A construct that sends events: every route it renders, in order (Trigger, the sources, AgentSequence, AgentParallel have `_routes`, found by `routesEvents`). */
export interface IRoutesEvents {
  _routes(): readonly EventRoute[];
}

/** @internal Whether a construct renders event routes (Trigger, the sources, AgentSequence, AgentParallel). */
export function routesEvents(c: unknown): c is IRoutesEvents {
  return typeof (c as Partial<IRoutesEvents> | undefined)?._routes === 'function';
}

/** Runtime shape of a prop that takes an ISink. */
export const SINK_SHAPE: PropType = SINK_TYPE;

/**
 * A Duration as an ISO-8601 period (`PT1M30S`, `PT0.2S`), the only form
 * Knative Eventing parses. Milliseconds are kept; Eventing truncates below
 * a tenth of a second (EVT-DELIVERY-010 warns).
 */
export function isoDuration(d: Duration): string {
  const ms = Math.round(d.toMilliseconds());
  if (ms === 0) return 'PT0S';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  return `${sign}PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}

/**
 * Renders `spec.delivery` (ISO-8601 durations), each key marked as its
 * option of `prop`, and binds the dead-letter sink to `sender`. Call it in
 * the constructor.
 */
export function renderDelivery(d: DeliveryOptions | undefined, sender: SinkSender, prop = 'delivery'): Record<string, unknown> | undefined {
  if (!d) return undefined;
  d.deadLetterSink?.bind(sender);
  const iso = (x: Duration | undefined) => (x ? isoDuration(x) : undefined);
  const out: Record<string, unknown> = {
    deadLetterSink: d.deadLetterSink?.toDestination(),
    retry: d.retry,
    backoffPolicy: d.backoffPolicy,
    backoffDelay: iso(d.backoffDelay),
    timeout: iso(d.timeout),
    retryAfterMax: iso(d.retryAfterMax),
    format: d.format,
  };
  // A key left out still names its option: a finding may be about a missing one.
  const marked = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, fromProp(`${prop}.${k}`, v)]));
  return Object.values(out).some((v) => v !== undefined) ? fromProp(prop, marked) : undefined;
}

// ---------------------------------------------------------------------------
// ISO-8601 periods as Eventing parses them (github.com/rickb777/date/period)

/** A parsed period: approximate seconds (sign included), and whether a number had more than one decimal. */
export interface IsoPeriod {
  readonly seconds: number;
  readonly zero: boolean;
  readonly negative: boolean;
  /** A decimal beyond the tenths was dropped by the parser. */
  readonly truncated: boolean;
}

/**
 * Parses like `period.Parse` (E:vendor/github.com/rickb777/date/period/parse.go#L35-176):
 * optional sign, uppercase `P`, `nY nM nW nD`, optional `T nH nM nS`, one
 * decimal kept. Undefined when Eventing would refuse it.
 */
export function parseIsoPeriod(value: unknown): IsoPeriod | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value === 'P0') return { seconds: 0, zero: true, negative: false, truncated: false };
  let rest = value;
  let neg = false;
  if (rest[0] === '-' || rest[0] === '+') {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest[0] !== 'P') return undefined;
  rest = rest.slice(1);
  let ok = false;
  let truncated = false;
  const field = (text: string, mark: string): { value: number; rest: string } | undefined => {
    const m = text.indexOf(mark);
    if (m <= 0) return { value: 0, rest: text };
    const n = fixedPoint(text.slice(0, m));
    if (n === undefined) return undefined;
    if (n.truncated) truncated = true;
    ok = true;
    return { value: n.tenths, rest: text.slice(m + 1) };
  };
  let tenths = 0;
  const t = rest.indexOf('T');
  let datePart = rest;
  if (t >= 0) {
    let time = rest.slice(t + 1);
    for (const [mark, unit] of [['H', 3600], ['M', 60], ['S', 1]] as const) {
      const f = field(time, mark);
      if (!f) return undefined;
      tenths += f.value * unit;
      time = f.rest;
    }
    if (time.length !== 0) return undefined;
    datePart = rest.slice(0, t);
  }
  for (const [mark, unit] of [['Y', 31_556_952], ['M', 2_629_746], ['W', 604_800], ['D', 86_400]] as const) {
    const f = field(datePart, mark);
    if (!f) return undefined;
    tenths += f.value * unit;
    datePart = f.rest;
  }
  if (datePart.length !== 0 || !ok) return undefined;
  const seconds = (neg ? -tenths : tenths) / 10;
  return { seconds, zero: tenths === 0, negative: seconds < 0, truncated };
}

/** parseDecimalFixedPoint: keeps one decimal (`.` or `,`), then Go's strconv.ParseInt. */
function fixedPoint(s: string): { tenths: number; truncated: boolean } | undefined {
  let dec = s.indexOf('.');
  if (dec < 0) dec = s.indexOf(',');
  let digits: string;
  let truncated = false;
  if (dec >= 0) {
    const dp = s.length - dec;
    if (dp > 1) {
      digits = s.slice(0, dec) + s.slice(dec + 1, dec + 2);
      truncated = /[1-9]/.test(s.slice(dec + 2));
    } else {
      digits = s.slice(0, dec) + '0';
    }
  } else {
    digits = s + '0';
  }
  return /^[+-]?\d+$/.test(digits) ? { tenths: Number(digits), truncated } : undefined;
}

// ---------------------------------------------------------------------------
// rules

export const DELIVERY_RULES = defineRules({
  RETRY: {
    id: 'EVT-DELIVERY-001',
    title: '`delivery.retry` must be 0 or more',
    why: 'The eventing webhook rejects a negative retry count ("invalid value").',
    fix: 'set `delivery.retry` to 0 (no retries) or a positive number',
    upstream: 'DT#L103-105 (DS2)',
    effect: 'reject',
  },
  BACKOFF_POLICY: {
    id: 'EVT-DELIVERY-002',
    title: '`delivery.backoffPolicy` must be `linear` or `exponential` (lowercase)',
    why: 'The webhook compares case-sensitively and rejects anything else.',
    fix: 'use `BackoffPolicy.LINEAR` or `BackoffPolicy.EXPONENTIAL`',
    yamlFix: 'set `delivery.backoffPolicy` to `linear` or `exponential`',
    upstream: 'DT#L118-125 (DS4)',
    effect: 'reject',
  },
  BACKOFF_DELAY: {
    id: 'EVT-DELIVERY-003',
    title: '`delivery.backoffDelay` must be an ISO-8601 period such as `PT0.2S`',
    why: 'The webhook parses it as an ISO-8601 period and rejects Go-style durations (`200ms`), lowercase (`pt1s`) and empty strings.',
    fix: 'use `backoffDelay: Duration.millis(200)` (rendered `PT0.2S`)',
    yamlFix: 'write `delivery.backoffDelay` as an ISO-8601 period such as `PT0.2S`',
    upstream: 'DT#L127-132 (DS5)',
    effect: 'reject',
  },
  TIMEOUT_VALUE: {
    id: 'EVT-DELIVERY-004',
    title: '`delivery.timeout` must be a non-zero ISO-8601 period such as `PT30S`',
    why: 'The webhook rejects a timeout that does not parse as an ISO-8601 period, or is zero.',
    fix: 'use `timeout: Duration.seconds(30)` (rendered `PT30S`)',
    yamlFix: 'write `delivery.timeout` as a non-zero ISO-8601 period such as `PT30S`',
    upstream: 'DT#L107-112 (DS3)',
    effect: 'reject',
  },
  TIMEOUT_FLAG: {
    id: 'EVT-DELIVERY-005',
    title: '`delivery.timeout` needs the eventing flag `delivery-timeout` Enabled',
    why: 'With the flag not Enabled the webhook rejects the field ("must not set the field(s): timeout"). It is Enabled by default since 1.22; older or customised clusters disable it.',
    fix: 'remove `delivery.timeout`, or set `delivery-timeout: "Enabled"` in the eventing config-features ConfigMap and declare it with `ClusterProfile` `eventingFeatures.deliveryTimeout`',
    yamlFix: 'remove `delivery.timeout`, or set `delivery-timeout: Enabled` in ConfigMap `config-features` of knative-eventing (check reads it from `cluster.configMapFiles` in cdk8s-agents.yaml)',
    upstream: 'DT#L107-116 (DS3); E:pkg/apis/feature/features.go#L84',
    effect: 'reject',
  },
  RETRY_AFTER_FLAG: {
    id: 'EVT-DELIVERY-006',
    title: '`delivery.retryAfterMax` needs the eventing flag `delivery-retryafter` Enabled',
    why: 'The flag is Disabled by default; the webhook then rejects the field ("must not set the field(s): retryAfterMax").',
    fix: 'remove `retryAfterMax`, or set `delivery-retryafter: "Enabled"` in the eventing config-features ConfigMap and declare it with `ClusterProfile` `eventingFeatures.deliveryRetryAfter`',
    yamlFix: 'remove `delivery.retryAfterMax`, or set `delivery-retryafter: Enabled` in ConfigMap `config-features` of knative-eventing (check reads it from `cluster.configMapFiles` in cdk8s-agents.yaml)',
    upstream: 'DT#L143-152 (DS7); E:pkg/apis/feature/features.go#L83',
    effect: 'reject',
  },
  RETRY_AFTER_VALUE: {
    id: 'EVT-DELIVERY-007',
    title: '`delivery.retryAfterMax` must be a non-negative ISO-8601 period',
    why: 'With the flag Enabled, the webhook rejects a value that does not parse or is negative.',
    fix: 'use `retryAfterMax: Duration.minutes(1)` (rendered `PT1M`)',
    yamlFix: 'write `delivery.retryAfterMax` as a non-negative ISO-8601 period such as `PT1M`',
    upstream: 'DT#L143-149 (DS7)',
    effect: 'reject',
  },
  FORMAT: {
    id: 'EVT-DELIVERY-008',
    title: '`delivery.format` must be `json` or `binary` (lowercase)',
    why: 'The webhook rejects other values, including `JSON` and `structured`.',
    fix: 'use `DeliveryFormat.JSON` or `DeliveryFormat.BINARY`',
    yamlFix: 'set `delivery.format` to `json` or `binary`',
    upstream: 'DT#L134-141 (DS6)',
    effect: 'reject',
  },
  TRUNCATED: {
    id: 'EVT-DELIVERY-010',
    title: 'an ISO-8601 duration with more than one decimal is truncated to tenths of a second',
    why: 'Eventing\'s period parser keeps one decimal digit and drops the rest: `PT0.25S` waits 0.2 s.',
    fix: 'use whole tenths of a second (`Duration.millis(200)`, `Duration.millis(300)`)',
    yamlFix: 'use whole tenths of a second, e.g. `PT0.2S`, `PT0.3S`',
    upstream: 'E:vendor/github.com/rickb777/date/period/parse.go#L160-176',
    effect: 'altered',
    severity: 'warning',
  },
});

export const DESTINATION_RULES = defineRules({
  EMPTY: {
    id: 'EVT-DEST-001',
    title: 'a destination needs `ref` or `uri`',
    why: 'The webhook rejects a destination with neither ("expected at least one, got none").',
    fix: 'pass an ISink (an agent, a Broker, ... or `Sink.uri(url)`)',
    yamlFix: 'give the destination a `ref` (`{ apiVersion, kind, name }`) or an absolute `uri`',
    upstream: 'DEST#L67-69 (D1)',
    effect: 'reject',
  },
  REF_AND_ABSOLUTE_URI: {
    id: 'EVT-DEST-002',
    title: 'a destination with `ref` may only have a relative `uri` (a path)',
    why: 'The webhook rejects `ref` together with an absolute URI ("Absolute URI is not allowed when Ref ... is present").',
    fix: 'keep either the reference or the URL; a path relative to the ref is fine',
    upstream: 'DEST#L71-73 (D2)',
    effect: 'reject',
  },
  RELATIVE_URI: {
    id: 'EVT-DEST-003',
    title: 'a destination `uri` without `ref` must be absolute, with a scheme and a host',
    why: 'The webhook rejects `agent.ai.svc.cluster.local` (no scheme), `/path` and `http:///path` (no host).',
    fix: 'use `Sink.uri("http://agent.ai.svc.cluster.local")`, or reference the object (`Sink.knativeService(name)`)',
    yamlFix: 'write an absolute `uri` such as `http://agent.ai.svc.cluster.local`, or a `ref` to the object (`{ apiVersion: serving.knative.dev/v1, kind: Service, name }`)',
    upstream: 'DEST#L75-77 (D3)',
    effect: 'reject',
  },
  REF_FIELDS: {
    id: 'EVT-DEST-004',
    title: 'a destination `ref` needs `apiVersion`, `kind` and `name`',
    why: 'The webhook rejects a reference without them ("missing field(s)").',
    fix: 'reference the object through its construct, `Sink.knativeService(name)` or `Sink.ref({ apiVersion, kind, name })`',
    yamlFix: 'give the `ref` all of `apiVersion`, `kind` and `name`, e.g. `{ apiVersion: serving.knative.dev/v1, kind: Service, name: jira-triage }`',
    upstream: 'KREF#L58-90 (R1, R2, R4)',
    effect: 'reject',
  },
  REF_GROUP: {
    id: 'EVT-DEST-005',
    title: 'a `ref.group` needs the eventing flag `kreference-group` Enabled, and must agree with `apiVersion`',
    why: 'With the flag off the webhook rejects `group` ("must not set the field(s)"); with it on, an apiVersion that does not start with the group is rejected.',
    fix: 'use `apiVersion` instead of `group`, or enable `kreference-group` in the eventing config-features ConfigMap (ClusterProfile `eventingFeatures.kreferenceGroup`)',
    yamlFix: 'use `apiVersion` instead of `group`, or set `kreference-group: Enabled` in ConfigMap `config-features` of knative-eventing (check reads it from `cluster.configMapFiles` in cdk8s-agents.yaml)',
    upstream: 'KREF#L68-83 (R3, R3b)',
    effect: 'reject',
  },
  CA_CERTS: {
    id: 'EVT-DEST-006',
    title: 'a destination `CACerts` must start with a PEM CERTIFICATE block that parses as X.509',
    why: 'The webhook reads the first block Go\'s pem.Decode finds (an empty string has none) and rejects it unless it is a CERTIFICATE that parses as X.509 ("CA Cert provided is invalid", "... is not a certificate"). Text before the block, or a malformed block before a good one, is skipped; text after the END line on the same line makes the block malformed.',
    fix: 'paste the PEM of the CA certificate (`-----BEGIN CERTIFICATE-----` ...)',
    upstream: 'DEST#L81-83, DEST#L106-121 (D5); Go 1.26 src/encoding/pem/pem.go#L89-198 (lib/k8s/go-pem.ts)',
    effect: 'reject',
  },
  URL_SYNTAX: {
    id: 'EVT-DEST-007',
    title: 'a destination `uri` parses as a URL in Go',
    why: 'The `uri` is a knative.dev/pkg `apis.URL`, decoded with Go\'s `url.Parse`: a space or `{` in the host, a bad `%` escape or a non-numeric port fails the decoding of the whole object ("cannot decode incoming new object: parse ...").',
    fix: 'pass a well-formed URL to `Sink.uri(...)` (escape spaces as `%20` in the path, none in the host)',
    yamlFix: 'write the `uri` as a well-formed URL: no spaces or control characters, `%` only before two hex digits, a numeric port',
    upstream: 'knative.dev/pkg apis/url.go (URL.UnmarshalJSON -> ParseURL -> url.Parse); Go src/net/url/url.go (parse, parseHost, unescape)',
    effect: 'reject',
  },
});

// ---------------------------------------------------------------------------
// checks

/** Options of `checkDelivery`. */
export interface CheckDeliveryOptions {
  /** Whether the CRD schema declares `ref.group` in the dead-letter sink (see `DestinationOptions`). @default true */
  readonly groupInSchema?: boolean;
  /**
   * Whether the CRD keeps the delivery as written (a Broker's), so the webhook decodes it into DeliverySpec, whose
   * keys encoding/json matches case-insensitively (`Retry` is `retry`). @default false (the API server prunes `Retry`)
   */
  readonly keptWhole?: boolean;
}

/** DeliverySpec's JSON fields (knative.dev/eventing v0.49.2 pkg/apis/duck/v1/delivery_types.go#L35-91). */
const DELIVERY_FIELDS = ['deadLetterSink', 'retry', 'timeout', 'backoffPolicy', 'backoffDelay', 'retryAfterMax', 'format'];

/** Manifest checks shared by every kind with a delivery spec (Trigger, Broker, Subscription-like steps, KafkaSource...). */
export function checkDelivery(delivery: unknown, field: string, settings: ClusterSettings, out: FindingList, options: CheckDeliveryOptions = {}): void {
  const written = obj(delivery);
  if (!written) return;
  const raw = options.keptWhole ? goDecodedFields(written, DELIVERY_FIELDS) : written;
  // A null is absent: the API server drops it where the CRD declares the key, the webhook decodes it as a nil pointer where it keeps it.
  const d = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null)) as Record<string, any>;
  const R = DELIVERY_RULES;
  if (d.deadLetterSink !== undefined) checkDestination(d.deadLetterSink, `${field}.deadLetterSink`, out, settings, { groupInSchema: options.groupInSchema });
  if (typeof d.retry === 'number' && d.retry < 0) out.add(R.RETRY, `${field}.retry`, d.retry);
  if (d.backoffPolicy !== undefined && d.backoffPolicy !== 'linear' && d.backoffPolicy !== 'exponential') {
    out.add(R.BACKOFF_POLICY, `${field}.backoffPolicy`, d.backoffPolicy);
  }
  const period = (key: string, rule: typeof R.RETRY, test: (p: IsoPeriod) => string | undefined) => {
    const p = parseIsoPeriod(d[key]);
    const problem = p ? test(p) : `not an ISO-8601 period${typeof d[key] === 'string' && /^\d/.test(d[key]) ? ' (Go durations such as "30s" are not accepted)' : ''}`;
    if (problem) out.add(rule, `${field}.${key}`, d[key], problem);
    else if (p?.truncated) out.add(R.TRUNCATED, `${field}.${key}`, d[key], `Eventing reads it as ${p.seconds}s`);
  };
  if (d.backoffDelay !== undefined) period('backoffDelay', R.BACKOFF_DELAY, () => undefined);
  if (d.timeout !== undefined) {
    if (!eventingFeatureAllows(settings, 'deliveryTimeout')) out.add(R.TIMEOUT_FLAG, `${field}.timeout`, d.timeout, `the cluster has ${eventingFlagSetting(settings, 'deliveryTimeout')}`);
    else period('timeout', R.TIMEOUT_VALUE, (p) => (p.zero ? 'a zero timeout is rejected' : undefined));
  }
  if (d.retryAfterMax !== undefined) {
    if (!eventingFeatureAllows(settings, 'deliveryRetryAfter')) out.add(R.RETRY_AFTER_FLAG, `${field}.retryAfterMax`, d.retryAfterMax, `the cluster has ${eventingFlagSetting(settings, 'deliveryRetryAfter')}`);
    else period('retryAfterMax', R.RETRY_AFTER_VALUE, (p) => (p.negative ? 'a negative period is rejected' : undefined));
  }
  if (d.format !== undefined && d.format !== 'json' && d.format !== 'binary') out.add(R.FORMAT, `${field}.format`, d.format);
}

/** Options of `checkDestination`. */
export interface DestinationOptions {
  /**
   * The kind's CRD schema declares `ref.group` (KafkaSource, EventTransform). Elsewhere the API
   * server prunes `group` before the webhook sees it (SCHEMA-001 reports it), so the ref is
   * checked as if it had none.
   * @default true
   */
  readonly groupInSchema?: boolean;
}

/**
 * Manifest checks of a Destination (exactly one of ref/uri or ref+relative uri,
 * absolute uri, ref fields). `settings` opens the `group` gate when given.
 */
export function checkDestination(dest: unknown, field: string, out: FindingList, settings?: ClusterSettings, options: DestinationOptions = {}): void {
  const R = DESTINATION_RULES;
  const d = obj(dest);
  if (!d) return; // wrong types are the schema's (SCHEMA-002)
  const ref = obj(d.ref);
  // Upstream tests the pointer: `ref: {}` is a ref (ValidateDestination), whose own checks then fail.
  const hasRef = ref !== undefined;
  const uri = typeof d.uri === 'string' && d.uri !== '' ? d.uri : undefined;
  const unparsable = uri === undefined ? undefined : goUrlProblem(uri);
  if (unparsable !== undefined) {
    out.add(R.URL_SYNTAX, `${field}.uri`, uri, unparsable);
    return; // the object is never decoded: nothing else is checked upstream
  }
  if (!hasRef && uri === undefined) {
    out.add(R.EMPTY, field, dest, 'neither `ref` nor `uri` is set');
    return;
  }
  if (hasRef && uri !== undefined) {
    // ref + relative uri: upstream skips the ref's checks but still reads CACerts (DEST#L71-83).
    if (goUrlParts(uri).scheme !== undefined) out.add(R.REF_AND_ABSOLUTE_URI, `${field}.uri`, uri);
    else checkCaCerts(d.CACerts, `${field}.CACerts`, out);
    return;
  }
  if (!hasRef) {
    const { scheme, host } = goUrlParts(uri!);
    if (scheme === undefined || host === '') out.add(R.RELATIVE_URI, `${field}.uri`, uri, scheme === undefined ? 'no scheme (http:// or https://)' : 'no host');
    else checkCaCerts(d.CACerts, `${field}.CACerts`, out);
    return;
  }
  // Where the schema has no `group`, the API server drops it before the webhook sees the ref.
  const seen = options.groupInSchema ?? true ? ref! : Object.fromEntries(Object.entries(ref!).filter(([k]) => k !== 'group'));
  checkReference(seen, `${field}.ref`, out, settings);
}

/** KReference rules R1-R4 (name, apiVersion or group, kind); `fieldsRule` replaces EVT-DEST-004 for references that are not sinks. */
export function checkReference(ref: Record<string, any>, field: string, out: FindingList, settings?: ClusterSettings, fieldsRule: Rule = DESTINATION_RULES.REF_FIELDS): void {
  const R = { ...DESTINATION_RULES, REF_FIELDS: fieldsRule };
  const groupAllowed = settings ? eventingFeatureAllows(settings, 'kreferenceGroup') : false;
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  if (blank(ref.name)) out.add(R.REF_FIELDS, `${field}.name`, ref.name ?? null, 'missing `name`');
  if (!blank(ref.group)) {
    if (!groupAllowed) {
      out.add(R.REF_GROUP, `${field}.group`, ref.group, settings ? `the cluster has ${eventingFlagSetting(settings, 'kreferenceGroup')}` : 'kreference-group is Disabled by default');
    } else if (!blank(ref.apiVersion) && !String(ref.apiVersion).startsWith(String(ref.group))) {
      out.add(R.REF_GROUP, `${field}.apiVersion`, ref.apiVersion, `does not start with the group "${ref.group}"`);
    }
  } else if (blank(ref.apiVersion)) {
    out.add(R.REF_FIELDS, `${field}.apiVersion`, ref.apiVersion ?? null, 'missing `apiVersion`');
  }
  if (blank(ref.kind)) out.add(R.REF_FIELDS, `${field}.kind`, ref.kind ?? null, 'missing `kind`');
}

function checkCaCerts(ca: unknown, field: string, out: FindingList): void {
  // A null is dropped by the API server (or decoded as a nil pointer); an empty string is a set pointer that pem.Decode finds no block in.
  if (ca === undefined || ca === null) return;
  const text = String(ca);
  // As DEST#L106-121: the first block Go's pem.Decode finds, its type, then x509.ParseCertificate of its bytes.
  const block = goPemDecode(text);
  let problem: string | undefined;
  if (block === undefined) problem = 'no well-formed PEM block (Go\'s pem.Decode finds none)';
  else if (block.type !== 'CERTIFICATE') problem = `the first PEM block is a ${JSON.stringify(block.type)}, not a CERTIFICATE`;
  else {
    try {
      new X509Certificate(block.bytes);
    } catch {
      problem = 'the certificate does not parse as X.509';
    }
  }
  if (problem) out.add(DESTINATION_RULES.CA_CERTS, field, text.length > 40 ? `${text.slice(0, 37)}...` : text, problem);
}
