import { Cron } from 'cdk8s';
import { Construct } from 'constructs';
import * as sources from '../../../imports/sources.knative.dev';
import { fromProp } from '../../construct/construct';
import { T } from '../../construct/props';
import { EventSource, EventSourceOptions, SourceShapeOf } from './source';

export interface PingTriggerProps extends EventSourceOptions {
  /**
   * When to send: a cdk8s `Cron` (`Cron.daily()`, `Cron.schedule({ minute: '0', hour: '2' })`)
   * or a cron string of 5 fields (6 with seconds first), or `@daily`-style
   * descriptors. `@every` and day of week `7` are rejected by the PingSource.
   */
  readonly schedule: Cron | string;
  /**
   * IANA time zone the schedule is read in, e.g. `Europe/Paris`
   * (case-sensitive; abbreviations such as `PST` are rejected).
   * @default - the time zone of the PingSource adapter (UTC in the upstream image)
   */
  readonly timezone?: string;
  /** Event body as text (exclusive with `dataBase64`). @default - no body */
  readonly data?: string;
  /** Event body as standard, padded base64 (exclusive with `data`). @default - no body */
  readonly dataBase64?: string;
  /** Media type of the body; with `application/json` the body must be a JSON object. @default - none */
  readonly contentType?: string;
}

const PING_SHAPE = {
  schedule: T.oneOf('a cdk8s Cron or a cron string', [T.duck('a cdk8s Cron', ['expressionString'], ''), T.string({ nonEmpty: true })],
    'use `Cron.daily()`, `Cron.schedule({ minute: \'0\', hour: \'2\' })` or a string such as `0 2 * * *`'),
  timezone: T.string({ nonEmpty: true }),
  data: T.string(),
  dataBase64: T.string(),
  contentType: T.string({ nonEmpty: true }),
} satisfies SourceShapeOf<PingTriggerProps>;

/**
 * Events on a schedule into a sink: a `PingSource` (`sources.knative.dev/v1`),
 * for nightly jobs and periodic checks. Events have the type
 * `dev.knative.sources.ping`. The schedule and time zone are checked like
 * the PingSource webhook does (robfig/cron, Go's time zone database).
 *
 * ```ts
 * new PingTrigger(chart, 'nightly', {
 *   schedule: Cron.schedule({ minute: '0', hour: '2' }),
 *   timezone: 'Europe/Paris',
 *   data: JSON.stringify({ report: 'daily' }),
 *   contentType: 'application/json',
 *   sink: agent,
 * });
 * ```
 */
export class PingTrigger extends EventSource<PingTriggerProps> {
  /** The schedule as rendered. */
  public readonly schedule: string;

  public constructor(scope: Construct, id: string, props: PingTriggerProps) {
    super(scope, id, props, PING_SHAPE, ['schedule'], {
      apiVersion: sources.PingSource.GVK.apiVersion,
      kind: sources.PingSource.GVK.kind,
      eventTypes: ['dev.knative.sources.ping'],
    });
    const s = this.props.schedule;
    this.schedule = typeof s === 'string' ? s : s?.expressionString ?? '';
    this.createSource();
  }

  protected renderSpec(): Record<string, unknown> {
    const p = this.props;
    return {
      schedule: fromProp('schedule', this.schedule || undefined),
      timezone: fromProp('timezone', p.timezone),
      contentType: fromProp('contentType', p.contentType),
      data: fromProp('data', p.data),
      dataBase64: fromProp('dataBase64', p.dataBase64),
    };
  }
}
