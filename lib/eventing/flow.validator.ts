// What the Sequence and Parallel validators share: the channel template. Pure.
import { FindingList } from '../engine/rule';
import { parseIsoPeriod } from './delivery';
import { FLOW_RULES as R } from './flow.rules';
import { obj } from '../engine/json';

export function checkChannelTemplate(t: unknown, out: FindingList): void {
  const tpl = obj(t);
  if (!tpl) return; // absent: defaulted to InMemoryChannel
  const missing = ['apiVersion', 'kind'].filter((k) => typeof tpl[k] !== 'string' || tpl[k] === '');
  for (const k of missing) out.add(R.CHANNEL_TEMPLATE, `spec.channelTemplate.${k}`, tpl[k] ?? null, `missing \`${k}\``);
  if (tpl.kind === 'KafkaChannel' && String(tpl.apiVersion ?? '').startsWith('messaging.knative.dev/')) {
    const spec = obj(tpl.spec) ?? {};
    for (const key of ['numPartitions', 'replicationFactor']) {
      const v = spec[key];
      if (v !== undefined && !(typeof v === 'number' && v > 0)) out.add(R.KAFKA_CHANNEL_SPEC, `spec.channelTemplate.spec.${key}`, v, 'must be greater than 0');
    }
    if (spec.retentionDuration !== undefined) {
      const p = parseIsoPeriod(spec.retentionDuration);
      if (!p || p.negative) out.add(R.KAFKA_CHANNEL_SPEC, 'spec.channelTemplate.spec.retentionDuration', spec.retentionDuration, p ? 'must not be negative' : 'not an ISO-8601 period such as "P7D"');
    }
  }
}
