// imports/go-fields.ts is generated with Go (scripts/gen-go-fields.ts); this
// test needs no Go: it checks that the table still covers every node the
// compact schemas keep as written, so a CRD update cannot leave one unchecked.
import { GO_FIELDS } from '../../imports/go-fields';
import { wantedPaths } from '../../scripts/gen-go-fields';

// eventing-kafka-broker's kinds: not in the modules scripts/go-fields builds against.
const NOT_GENERATED = ['messaging.knative.dev/v1/KafkaChannel', 'messaging.knative.dev/v1beta1/KafkaChannel'];

describe('imports/go-fields.ts', () => {
  test('has the Go fields of every node the Knative CRDs keep as written (else: npx tsx scripts/gen-go-fields.ts)', () => {
    const want = wantedPaths();
    for (const k of NOT_GENERATED) delete want[k];
    const have = Object.fromEntries(Object.entries(GO_FIELDS).map(([k, v]) => [k, Object.keys(v.paths)]));
    expect(have).toEqual(want);
  });

  test('Eventing decodes strictly, Serving leniently', () => {
    expect(GO_FIELDS['sources.knative.dev/v1/ApiServerSource'].strict).toBe(true);
    expect(GO_FIELDS['serving.knative.dev/v1/Service'].strict).toBe(false);
    // Fields the CRDs leave out but the Go types have: kept and read, never refused.
    expect(Object.keys(GO_FIELDS['eventing.knative.dev/v1/Broker'].paths['spec.delivery'])).toEqual(expect.arrayContaining(['timeout', 'retryAfterMax', 'format']));
    expect(Object.keys(GO_FIELDS['sources.knative.dev/v1/ApiServerSource'].paths.spec)).toContain('filters');
    expect(Object.keys(GO_FIELDS['sources.knative.dev/v1/ApiServerSource'].paths.spec)).not.toContain('eventMode');
  });

  test('each Go field has the schema of its Go type (the webhook decodes into it)', () => {
    const spec = GO_FIELDS['sources.knative.dev/v1/ApiServerSource'].paths.spec;
    expect(spec.filters.type).toBe('array');
    expect(spec.filters.items?.properties?.exact.additionalProperties).toMatchObject({ type: 'string' });
    expect(GO_FIELDS['eventing.knative.dev/v1/Broker'].paths['spec.delivery'].retry.type).toBe('int32');
  });
});
