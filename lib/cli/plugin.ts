// The cdk8s validation plugin: `cdk8s synth` runs the library's rules on the
// synthesized manifests of any cdk8s app, also one that does not use the
// constructs of cdk8s-agents. Configured in cdk8s.yaml:
//
//   validations:
//     - package: ./node_modules/cdk8s-agents   # by path: by name, cdk8s-cli npm-installs its own copy
//       version: 0.1.0
//       class: AgentsValidation
//       properties:
//         settings: [knative/config-features.yaml]
//         strict: false
//
// The types below are the structural contract of cdk8s-cli 2
// (lib/plugins/validation.d.ts); the plugin does not load cdk8s-cli.
import { assertProps, ShapeOf, T } from '../construct/props';
import { formatValue } from '../engine/format';
import { Finding } from '../engine/rule';
import { valueAt } from '../engine/json';
import { checkFiles, formatInputError } from './manifests';

/** A resource named in a violation (cdk8s-cli `ValidationViolatingResource`). */
export interface PluginViolatingResource {
  /** `metadata.name`: cdk8s maps it to the construct path. */
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
}

/** cdk8s-cli `ValidationViolation`. */
export interface PluginViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: readonly PluginViolatingResource[];
}

/** The part of cdk8s-cli's `ValidationContext` the plugin uses. */
export interface PluginValidationContext {
  /** Paths of the synthesized manifests. */
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger: { log(message: string): void };
}

/** The `properties` of the plugin in cdk8s.yaml. */
export interface AgentsValidationProps {
  /** Files with the cluster's Knative ConfigMaps (config-features, config-defaults, ...), relative to the project directory. @default - upstream defaults */
  readonly settings?: readonly string[] | string;
  /** Warnings fail the validation too. @default false */
  readonly strict?: boolean;
  /** The Knative release the cluster runs. @default '1.23' */
  readonly knativeVersion?: string;
}

const PLUGIN_SHAPE = {
  settings: T.oneOf('a file path or a list of file paths', [T.string({ nonEmpty: true }), T.array(T.string({ nonEmpty: true }))]),
  strict: T.oneOf('true or false', [T.boolean(), T.string()]),
  knativeVersion: T.oneOf('a version such as "1.23"', [T.string({ nonEmpty: true }), T.number()]),
  cwd: T.string({ nonEmpty: true }),
} satisfies ShapeOf<AgentsValidationProps & { readonly cwd?: string }>;

/** The rule id of violations for manifests that could not be read. */
export const UNREADABLE_MANIFEST = 'cdk8s-agents/unreadable-input';

/**
 * cdk8s validation plugin: validates the synthesized manifests as
 * `cdk8s-agents check` does and reports each finding as a violation
 * (ruleName = rule id). Fails on errors, and on warnings when `strict`.
 */
export class AgentsValidation {
  private readonly settings: readonly string[];
  private readonly strict: boolean;
  private readonly knativeVersion?: string;
  /** Paths are resolved against it. @default process.cwd() (the cdk8s project directory) */
  private readonly cwd?: string;

  public constructor(props: AgentsValidationProps & { readonly cwd?: string } = {}) {
    // The properties come from cdk8s.yaml: a mistake there fails the plugin with a message, not a TypeError.
    assertProps(props, PLUGIN_SHAPE, 'new AgentsValidation(props)');
    const settings = props.settings ?? [];
    this.settings = typeof settings === 'string' ? [settings] : [...settings];
    this.strict = props.strict === true || (props.strict as unknown) === 'true';
    this.knativeVersion = props.knativeVersion === undefined ? undefined : String(props.knativeVersion);
    this.cwd = props.cwd;
  }

  public async validate(context: PluginValidationContext): Promise<void> {
    const cwd = this.cwd ?? process.cwd();
    // The synthesized app is the whole world, as in synth.
    const outcome = checkFiles({ paths: context.manifests, settingsFiles: this.settings, knativeVersion: this.knativeVersion, closed: true, cwd });

    for (const e of outcome.inputErrors) {
      context.logger.log(`cdk8s-agents: ${formatInputError(e)}`);
      context.report.addViolation({
        ruleName: UNREADABLE_MANIFEST,
        recommendation: formatInputError(e),
        fix: outcome.aborted ? 'fix the settings files named in the `settings` property of the plugin' : 'fix the YAML of the manifest',
        violatingResources: [{ resourceName: e.file, locations: [e.line !== undefined ? `line ${e.line}, column ${e.col ?? 1}` : e.file], manifestPath: e.file }],
      });
    }
    for (const f of outcome.findings) {
      const origin = outcome.origins.get(f.where);
      const name = valueAt(origin?.object, 'metadata', 'name');
      context.report.addViolation({
        ruleName: f.rule.id,
        recommendation: recommendation(f),
        fix: f.fix,
        violatingResources: [{
          resourceName: typeof name === 'string' ? name : f.object,
          locations: [location(f, origin?.item)],
          manifestPath: origin?.file ?? f.where.replace(/#.*$/, ''),
        }],
      });
    }

    const failed = outcome.inputErrors.length > 0 || outcome.errors > 0 || (this.strict && outcome.warnings > 0);
    context.report.submit(failed ? 'failure' : 'success', {
      'errors': String(outcome.errors),
      'warnings': String(outcome.warnings),
      'objects checked': String(outcome.checked),
      'passed through': String(outcome.passedThrough),
      'strict': String(this.strict),
    });
  }
}

/** `error: KSVC-SCALE-017 Service/default/x: spec.template... = "30s": problem`. */
function recommendation(f: Finding): string {
  const subject = f.prop && f.field ? `${f.prop} (${f.field})` : f.prop || f.field || '(the object)';
  return `${f.severity}: ${f.object}: ${subject} = ${formatValue(f.value)}: ${f.problem}`;
}

function location(f: Finding, item: number | undefined): string {
  const field = f.field || f.prop || '(the object)';
  return item === undefined ? field : `items[${item}].${field}`;
}
