import { Chart, Duration, Testing } from 'cdk8s';
import { BackoffPolicy, Broker, DeliveryFormat, SinkSender } from '../../lib';
import { FindingList } from '../../lib/engine/rule';
import { resolveClusterSettings } from '../../lib/settings/settings';
import { synthErrors } from '../support/rule-cases';
import { _withoutMarks } from '../../lib/construct/construct';
import { checkDelivery, checkDestination, isoDuration, parseIsoPeriod, renderDelivery } from '../../lib/eventing/delivery';
import { agent } from './fixtures';

const ids = (out: FindingList) => out.items.map((f) => [f.rule.id, f.field]);

describe('isoDuration', () => {
  test.each([
    [Duration.millis(200), 'PT0.2S'],
    [Duration.seconds(90), 'PT1M30S'],
    [Duration.minutes(5), 'PT5M'],
    [Duration.hours(25), 'PT25H'],
    [Duration.days(1), 'PT24H'],
    [Duration.millis(1500), 'PT1.5S'],
    [Duration.millis(250), 'PT0.25S'],
    [Duration.seconds(0), 'PT0S'],
  ])('%p → %s, which Eventing parses back to the same seconds (to the tenth)', (d, iso) => {
    expect(isoDuration(d)).toBe(iso);
    expect(parseIsoPeriod(iso)?.seconds).toBeCloseTo(Math.floor(d.toMilliseconds() / 100) / 10, 5);
  });
});

describe('parseIsoPeriod: rickb777/date period.Parse', () => {
  test.each(['PT1S', 'P0', 'P1D', 'P1W', 'P1Y2M3DT4H5M6S', 'PT0.5S', 'PT1,5S', '-PT1S', '+PT1S', 'PT.5S', 'P1DT1.S', 'PT-1S'])('accepts %s', (s) => {
    expect(parseIsoPeriod(s)).toBeDefined();
  });

  test.each(['', '1s', '30s', 'PT', 'P', 'pt1s', 'P1H', 'PT1D', 'PT1S1H', 'PTS', '-', 'P1x'])('rejects %p', (s) => {
    expect(parseIsoPeriod(s)).toBeUndefined();
  });

  test('zero, negative and truncation', () => {
    expect(parseIsoPeriod('PT0S')).toEqual({ seconds: 0, zero: true, negative: false, truncated: false });
    expect(parseIsoPeriod('-PT10S')?.negative).toBe(true);
    expect(parseIsoPeriod('PT0.25S')).toEqual({ seconds: 0.2, zero: false, negative: false, truncated: true });
    expect(parseIsoPeriod('PT0.20S')?.truncated).toBe(false);
    expect(parseIsoPeriod(42)).toBeUndefined();
  });
});

describe('renderDelivery', () => {
  test('GIVEN every option WHEN rendered THEN durations are ISO-8601 and the dead-letter sink is bound to the sender', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const dls = agent(chart, 'dead-letters');
    const sender: SinkSender = { construct: chart, ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', name: 't', namespace: 'agents' } };
    expect(_withoutMarks(renderDelivery({
      retry: 3, backoffPolicy: BackoffPolicy.LINEAR, backoffDelay: Duration.millis(500), timeout: Duration.seconds(30),
      retryAfterMax: Duration.minutes(2), deadLetterSink: dls, format: DeliveryFormat.BINARY,
    }, sender)).value).toEqual({
      deadLetterSink: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'dead-letters', namespace: 'agents' } },
      retry: 3, backoffPolicy: 'linear', backoffDelay: 'PT0.5S', timeout: 'PT30S', retryAfterMax: 'PT2M', format: 'binary',
    });
    expect(dls.senders).toEqual([sender]);
  });

  test('nothing set renders nothing', () => {
    const sender = { construct: Testing.app(), ref: { apiVersion: 'v', kind: 'k', name: 'n' } };
    expect(renderDelivery(undefined, sender)).toBeUndefined();
    expect(renderDelivery({}, sender)).toBeUndefined();
  });
});

describe('checkDelivery', () => {
  const settings = resolveClusterSettings();

  test('reports every problem of one delivery block at once', () => {
    const out = new FindingList();
    checkDelivery({ retry: -1, backoffPolicy: 'random', backoffDelay: '1s', timeout: 'PT0S', retryAfterMax: 'PT1S', format: 'xml', deadLetterSink: { uri: 'dlq' }, extra: 1 }, 'spec.delivery', settings, out);
    expect(ids(out)).toEqual([
      ['EVT-DEST-003', 'spec.delivery.deadLetterSink.uri'],
      ['EVT-DELIVERY-001', 'spec.delivery.retry'],
      ['EVT-DELIVERY-002', 'spec.delivery.backoffPolicy'],
      ['EVT-DELIVERY-003', 'spec.delivery.backoffDelay'],
      ['EVT-DELIVERY-004', 'spec.delivery.timeout'],
      ['EVT-DELIVERY-006', 'spec.delivery.retryAfterMax'],
      ['EVT-DELIVERY-008', 'spec.delivery.format'],
    ]);
    expect(out.items[3].problem).toBe('not an ISO-8601 period (Go durations such as "30s" are not accepted)');
    expect(out.items[5].problem).toBe('the cluster has delivery-retryafter: "Disabled" in ConfigMap knative-eventing/config-features');
  });
});

describe('checkDestination', () => {
  test.each([
    [{ uri: 'http://a.agents.svc' }, []],
    [{ uri: 'mailto:x' }, ['EVT-DEST-003']],
    [{ uri: '//host/x' }, ['EVT-DEST-003']],
    [{ ref: { apiVersion: 'v1', kind: 'Service', name: 'a' }, uri: 'https://x' }, ['EVT-DEST-002']],
    [{ ref: { kind: 'Service' } }, ['EVT-DEST-004', 'EVT-DEST-004']],
    // `ref: {}` is a ref (upstream tests the pointer): its own checks fail.
    [{ ref: {} }, ['EVT-DEST-004', 'EVT-DEST-004', 'EVT-DEST-004']],
    [{ ref: {}, uri: '/relative' }, []],
    [{ uri: 'https://x', CACerts: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' }, ['EVT-DEST-006']],
    [{ uri: 'https://x', CACerts: '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----' }, ['EVT-DEST-006']],
  ])('%j → %j', (dest, expected) => {
    const out = new FindingList();
    checkDestination(dest, 'spec.sink', out);
    expect(out.items.map((f) => f.rule.id)).toEqual(expected);
  });

  test('GIVEN a CRD that prunes ref.group WHEN a ref has only group THEN apiVersion is what is missing', () => {
    const out = new FindingList();
    checkDestination({ ref: { group: 'serving.knative.dev', kind: 'Service', name: 'a' } }, 'spec.subscriber', out, resolveClusterSettings(), { groupInSchema: false });
    expect(ids(out)).toEqual([['EVT-DEST-004', 'spec.subscriber.ref.apiVersion']]);
  });
});

describe('DELIVERY_SHAPE', () => {
  test('fails if backoffPolicy is a string or the dead-letter sink a URL string (PROPS-001 naming the prop)', () => {
    const lines = synthErrors((c) => new Broker(c, 'broker', { delivery: { backoffPolicy: 'Exponential' as BackoffPolicy, deadLetterSink: 'http://x' as any } }));
    expect(lines).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/broker: delivery\.backoffPolicy = "Exponential": not a member of BackoffPolicy .* Fix: use BackoffPolicy\.EXPONENTIAL$/),
      expect.stringMatching(/^error \[PROPS-001\] test\/broker: delivery\.deadLetterSink = "http:\/\/x": expected an ISink/),
    ]);
  });
});
