// PingSource (`sources.knative.dev/v1`; the deprecated `v1beta2` has the same
// rules). E = knative/eventing at knative-v1.22.2: PV = E:pkg/apis/sources/v1/ping_validation.go,
// CRON = E:vendor/github.com/robfig/cron/v3/parser.go, CRONSPEC = …/cron/v3/spec.go.
import type { ManifestValidator } from '../../settings/validation';
import { defineValidator } from '../../engine/validator';
import { FindingList } from '../../engine/rule';
import { ClusterSettings } from '../../settings/settings';
import { DESTINATION_RULES } from '../delivery';
import { checkPingSchedule, ScheduleProblemKind } from '../../k8s/cron';
import { PING_RULES } from './ping-source.rules';
import { SOURCE_RULES } from './source.rules';
import { checkSourceSpec } from './source.validator';
import { obj, valueAt } from '../../engine/json';

const RULE_OF: Record<ScheduleProblemKind, typeof PING_RULES.EVERY> = {
  'every': PING_RULES.EVERY,
  'shape': PING_RULES.SHAPE,
  'value': PING_RULES.FIELD_VALUE,
  'location': PING_RULES.TIMEZONE,
  'two-zones': PING_RULES.TWO_ZONES,
};

const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Checks a rendered or hand-written PingSource. Pure: manifest and settings in, findings out. */
export function validatePingSource(m: unknown, settings: ClusterSettings, out: FindingList): void {
  const R = PING_RULES;
  checkSourceSpec(m, settings, out);
  const spec = obj(valueAt(m, 'spec')) ?? {};
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  const timezone = typeof spec.timezone === 'string' ? spec.timezone : '';
  for (const p of checkPingSchedule(schedule, timezone)) {
    const field = `spec.${p.field}`;
    out.add(RULE_OF[p.kind], field, p.field === 'timezone' ? timezone : schedule, p.message);
  }
  const data = typeof spec.data === 'string' ? spec.data : '';
  const b64 = typeof spec.dataBase64 === 'string' ? spec.dataBase64 : '';
  if (data !== '' && b64 !== '') {
    out.add(R.DATA_EXCLUSIVE, 'spec.dataBase64', b64, 'both `data` and `dataBase64` are set');
  } else if (b64 !== '') {
    // Go's decoder skips \r and \n.
    const compact = b64.replace(/[\r\n]/g, '');
    if (!STD_BASE64.test(compact)) {
      out.add(R.DATA_BASE64, 'spec.dataBase64', b64, /[-_]/.test(compact) ? 'the URL-safe alphabet (`-`, `_`) is not accepted' : 'not standard base64 with `=` padding');
    } else if (spec.contentType === 'application/json') {
      checkJsonObject(Buffer.from(compact, 'base64').toString('utf8'), 'spec.dataBase64', b64, out);
    }
  } else if (data !== '' && spec.contentType === 'application/json') {
    checkJsonObject(data, 'spec.data', data, out);
  }
}

/** Go's json.Unmarshal into map[string]interface{}: an object, or `null`. */
function checkJsonObject(text: string, field: string, value: string, out: FindingList): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    out.add(PING_RULES.JSON_DATA, field, value, 'not valid JSON');
    return;
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    out.add(PING_RULES.JSON_DATA, field, value, `a JSON ${Array.isArray(parsed) ? 'array' : typeof parsed}, not an object`);
  }
}

/** Validators of both served versions: the construct emits v1; v1beta2 is deprecated but still served. */
export const PING_SOURCE_VALIDATORS: readonly ManifestValidator[] = ['sources.knative.dev/v1', 'sources.knative.dev/v1beta2'].map((apiVersion) => defineValidator<ClusterSettings>({
  apiVersion,
  kind: 'PingSource',
  rules: [PING_RULES, SOURCE_RULES, DESTINATION_RULES],
  validate: (o, ctx, out) => validatePingSource(o, ctx.settings, out),
}));
