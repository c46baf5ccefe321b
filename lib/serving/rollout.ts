// A progressive rollout the GitOps way: the Service's template is the
// candidate revision, the traffic split is a step of a fixed list, and moving
// to the next step is a one-line change to the source (`cdk8s-agents rollout
// next` writes it), reviewed and applied like any other commit.
import { checkArgs, ShapeOf, T, withArgFindings } from '../construct/props';

/** A canary rollout from the revision serving now to the one the template creates. */
export interface CanaryRolloutOptions {
  /** The revision serving now (`<service>-<suffix>`, e.g. `support-agent-v1`): it keeps `100 - percent`. */
  readonly from: string;
  /** The candidate: the revision the Service's template creates (its `revisionName`), e.g. `support-agent-v2`. */
  readonly to: string;
  /** The share of requests the candidate gets now: one of `steps`. */
  readonly percent: number;
  /** The shares the candidate goes through, rising, ending at 100. @default [10, 50, 100] */
  readonly steps?: number[];
  /** Tag of the serving revision (its own URL `<tag>-<service>...`), kept at every step. @default 'stable' */
  readonly stableTag?: string;
  /** Tag of the candidate, kept at every step. @default 'canary' */
  readonly candidateTag?: string;
}

/** One traffic target as Knative takes it. */
export interface RolloutTrafficTarget {
  readonly revisionName: string;
  readonly percent: number;
  readonly tag: string;
}

/** The steps of a canary when none are given (seed 003's 10 → 50 → 100). */
export const DEFAULT_ROLLOUT_STEPS: readonly number[] = [10, 50, 100];

const CANARY_SHAPE = {
  from: T.string({ nonEmpty: true }),
  to: T.string({ nonEmpty: true }),
  percent: T.number(),
  steps: T.array(T.number()),
  stableTag: T.string({ nonEmpty: true }),
  candidateTag: T.string({ nonEmpty: true }),
} satisfies ShapeOf<CanaryRolloutOptions>;

/**
 * A progressive rollout of an AgentKnativeService (`rollout` prop), seed
 * 003's 10 → 50 → 100: the template creates the candidate revision and the
 * traffic split follows `percent`. Both revisions keep their tags (their
 * own URLs) at every step, so the serving revision stays reachable until
 * the next rollout. `cdk8s-agents rollout next` moves `percent` to the next
 * step in the source, after checking the last synthesized manifests.
 *
 * ```ts
 * new AgentKnativeService(chart, 'support-agent', {
 *   image: 'ghcr.io/acme/support-agent:2.0.0',
 *   rollout: Rollout.canary({ from: 'support-agent-v1', to: 'support-agent-v2', percent: 10 }),
 * });
 * ```
 */
export class Rollout {
  /** A canary: `from` keeps `100 - percent`, `to` (the template's revision) gets `percent`. */
  public static canary(options: CanaryRolloutOptions): Rollout {
    const o = options ?? ({} as CanaryRolloutOptions);
    return withArgFindings(new Rollout(o), checkArgs('Rollout.canary', { ...o }, CANARY_SHAPE, ['from', 'to', 'percent']));
  }

  /** The revision the template creates. */
  public readonly candidate: string;
  /** The revision serving now. */
  public readonly stable: string;
  /** The candidate's share now. */
  public readonly percent: number;
  /** The candidate's shares, rising to 100. */
  public readonly steps: readonly number[];
  public readonly stableTag: string;
  public readonly candidateTag: string;

  private constructor(o: CanaryRolloutOptions) {
    this.stable = o.from;
    this.candidate = o.to;
    this.percent = o.percent;
    this.steps = Array.isArray(o.steps) ? [...o.steps] : DEFAULT_ROLLOUT_STEPS;
    this.stableTag = o.stableTag ?? 'stable';
    this.candidateTag = o.candidateTag ?? 'canary';
  }

  /** What is wrong with the steps and the current percent, in words (none when it is a valid step). @internal */
  public _problems(): string[] {
    const out: string[] = [];
    const s = this.steps;
    if (s.length === 0) out.push('steps is empty: give the shares the candidate goes through, e.g. [10, 50, 100]');
    else if (s.some((x, i) => !Number.isInteger(x) || x <= 0 || x > 100 || (i > 0 && x <= s[i - 1]))) out.push(`steps ${JSON.stringify(s)} must be whole percents that rise, each in 1..100`);
    else if (s[s.length - 1] !== 100) out.push(`steps ${JSON.stringify(s)} end at ${s[s.length - 1]}: the last step must be 100, or the candidate never takes all traffic`);
    if (typeof this.percent === 'number' && s.length > 0 && !s.includes(this.percent)) out.push(`percent ${this.percent} is not one of the steps ${JSON.stringify(s)}`);
    if (this.stable === this.candidate && typeof this.stable === 'string') out.push(`from and to are both "${this.stable}": the candidate must be a new revision`);
    if (this.stableTag === this.candidateTag) out.push(`stableTag and candidateTag are both "${this.stableTag}"`);
    return out;
  }

  /** The step after the current one, or undefined at 100. @internal */
  public _nextPercent(): number | undefined {
    const i = this.steps.indexOf(this.percent);
    return i >= 0 && i + 1 < this.steps.length ? this.steps[i + 1] : undefined;
  }

  /** The traffic split of the current step: both revisions, tagged (the serving one at 0 % once the candidate has it all). */
  public traffic(): RolloutTrafficTarget[] {
    return [
      { revisionName: this.stable, percent: 100 - this.percent, tag: this.stableTag },
      { revisionName: this.candidate, percent: this.percent, tag: this.candidateTag },
    ];
  }
}
