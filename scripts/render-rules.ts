/**
 * Renders the rule catalogue (`RULE_CATALOGUE`) into `docs/rules.md`.
 *
 *   npm run docs          (= npx tsx scripts/render-rules.ts)
 *
 * The output depends only on the catalogue, so it is byte-identical from run
 * to run; `test/docs.test.ts` fails when the committed file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Rule } from '../lib';
import { RULE_CATALOGUE } from '../lib/validation';
import { SEVERITY_DEFINITION, severityOf } from '../lib/engine/rule';

/** Where the rendered document lives, relative to the repository root. */
export const RULES_MD_PATH = path.join(__dirname, '..', 'docs', 'rules.md');

const UPSTREAM_TAG = 'knative-v1.22.1';
const UPSTREAM_BLOB = `https://github.com/knative/serving/blob/${UPSTREAM_TAG}`;

/** Short names used in the catalogue's `upstream` column. */
const UPSTREAM_ALIASES: readonly (readonly [alias: string, file: string])[] = [
  ['KV', 'pkg/apis/serving/k8s_validation.go'],
  ['AV', 'pkg/apis/autoscaling/annotation_validation.go'],
  ['AR', 'pkg/apis/autoscaling/register.go'],
  ['RV', 'pkg/apis/serving/v1/revision_validation.go'],
  ['RTV', 'pkg/apis/serving/v1/route_validation.go'],
  ['FM', 'pkg/apis/serving/fieldmask.go'],
  ['MV', 'pkg/apis/serving/metadata_validation.go'],
  ['SV', 'pkg/apis/serving/v1/service_validation.go'],
  ['PM', 'vendor/knative.dev/pkg/apis/metadata_validation.go'],
  ['AC', 'pkg/autoscaler/config/config.go'],
  ['WM', 'cmd/webhook/main.go'],
];

/**
 * Readable names for the id prefixes. Only a label: the groups themselves
 * come from the ids, and a prefix missing here is rendered under its own name.
 */
const GROUP_LABELS: Readonly<Record<string, string>> = {
  'KSVC-NAME': 'Knative Service: names',
  'KSVC-META': 'Knative Service: labels and annotations',
  'KSVC-SCALE': 'Knative Service: autoscaling',
  'KSVC-SPEC': 'Knative Service: revision spec (timeouts, concurrency)',
  'KSVC-CTR': 'Knative Service: the agent container',
  'KSVC-POD': 'Knative Service: pod spec and feature flags',
  'KSVC-VOL': 'Knative Service: volumes',
  'KSVC-TRAFFIC': 'Knative Service: traffic split',
  'KCFG-META': 'Knative Configuration, Route and Revision: owner labels',
  'KROUTE-TRAFFIC': 'Knative Route: traffic targets',
  'KROUTE-REF': 'Knative Route: references',
  'FLUXKS-DUR': 'Flux Kustomization: durations',
  'FLUXKS-PATH': 'Flux Kustomization: path',
  'FLUXKS-NS': 'Flux Kustomization: target namespace',
  'FLUXKS-DEP': 'Flux Kustomization: dependencies',
  'FLUXKS-SRC': 'Flux Kustomization: source',
  'FLUXKS-HEALTH': 'Flux Kustomization: health checks',
  'FLUXGIT-URL': 'Flux GitRepository: URL',
  'FLUXGIT-DUR': 'Flux GitRepository: durations',
  'FLUXGIT-AUTH': 'Flux GitRepository: authentication',
  'FLUXGIT-REF': 'Flux GitRepository: ref',
  'HPA-REPLICAS': 'HorizontalPodAutoscaler: replicas',
  'HPA-TARGET': 'HorizontalPodAutoscaler: scale target',
  'HPA-METRIC': 'HorizontalPodAutoscaler: metrics',
  'INGRESS-SPEC': 'Ingress: rules',
  'INGRESS-PATH': 'Ingress: paths',
  'INGRESS-BACKEND': 'Ingress: backends',
  'INGRESS-HOST': 'Ingress: hosts and TLS names',
  'INGRESS-TLS': 'Ingress: TLS coverage',
  'INGRESS-CLASS': 'Ingress: class',
  'INGRESS-AUTH': 'Ingress: auth middleware annotations',
  'JOB': 'Kubernetes Job spec (Jobs, CronJob job templates)',
  'CRONJOB': 'Kubernetes CronJob (AgentCronJob)',
  'RBAC-ROLE': 'RBAC: Role and ClusterRole',
  'RBAC-BIND': 'RBAC: RoleBinding and ClusterRoleBinding',
  'GRANT': 'Agent grants (`grant…` methods)',
  'OBS-MON': 'Observability: PodMonitor of an agent',
  'OBS-ALERT': 'Observability: alerts on Knative metrics',
  'OBS-DASH': 'Observability: Grafana dashboard ConfigMap',
  'PROMRULE-DUR': 'PrometheusRule: durations',
  'PROMRULE-GROUP': 'PrometheusRule: groups',
  'PROMRULE-RULE': 'PrometheusRule: rules',
  'PROMRULE-LABEL': 'PrometheusRule: labels and annotations',
  'META': 'Object metadata (every kind, as the API server checks it)',
  'PROFILE': 'Cluster profile and settings',
  'SECRET': 'Secrets',
  'SECRET-STORE': 'External Secrets: SecretStore and ClusterSecretStore',
  'POD-CTR': 'Pod templates (shared): containers',
  'POD-ENV': 'Pod templates (shared): environment',
  'POD-RES': 'Pod templates (shared): resources',
  'POD-PROBE': 'Pod templates (shared): probes',
  'POD-SEC': 'Pod templates (shared): security',
  'POD-VOL': 'Pod templates (shared): volumes',
  'POD-SCHED': 'Pod templates (shared): scheduling (node selectors, tolerations, runtime and priority classes)',
  'PVC': 'PersistentVolumeClaim (AgentWorkspace)',
  'ENGINE': 'The validation engine',
  'SCHEMA': 'Upstream schemas (unknown fields, types)',
  'PROPS': 'Construct props from JavaScript and config files',
  'ACK': 'Acknowledgements',
  'APP': 'Rules across objects of an app',
  'MCP': 'MCP servers on Knative (McpServer): sessions and scaling',
};

const EFFECT_LEGEND: readonly (readonly [effect: Rule['effect'], meaning: string])[] = [
  ['reject', 'the API server or a webhook refuses the manifest, so `kubectl apply` (or the Flux reconciliation) fails.'],
  ['runtime', 'the cluster accepts the manifest, then it cannot run: the Revision (or the object) never becomes ready, events are never delivered.'],
  ['ignored', 'the cluster accepts the manifest, then silently never reads the setting.'],
  ['altered', 'the cluster accepts the manifest and does something other than what is written (caps, clamps, truncates).'],
  ['exposed', 'the cluster accepts and runs it, but it exposes what should stay closed: a secret value readable in git, egress open to anywhere.'],
  ['deprecated', 'the cluster accepts it today; a later release will not.'],
];

/** The group of a rule id: the id without its trailing `-NNN`. */
export function ruleGroup(id: string): string {
  return id.replace(/-\d+$/, '');
}

/** Markdown table cell: one line, `|` escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The fix, and the fix in manifest terms (`check` prints it for hand-written YAML) when the rule has one. */
function fixCell(r: Rule): string {
  return r.yamlFix ? `${cell(r.fix)}<br>**Fix (YAML):** ${cell(r.yamlFix)}` : cell(r.fix);
}

/** The severity, with the open-world note or the divergence that explains it. */
function severityCell(r: Rule): string {
  const notes = [r.openWorld && `open world: ${cell(r.openWorld)}`, r.stricter && `stricter than upstream: ${cell(r.stricter)}`].filter(Boolean);
  return [severityOf(r), ...notes].join('<br>');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** GitHub-style heading anchor for a group heading `## PREFIX: label`. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** The complete `docs/rules.md`, built from RULE_CATALOGUE. */
export function renderRulesMarkdown(rules: readonly Rule[] = RULE_CATALOGUE): string {
  // Groups in catalogue order (first appearance), rules in catalogue order within a group.
  const groups = new Map<string, Rule[]>();
  for (const r of rules) {
    const g = ruleGroup(r.id);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const headingOf = (g: string): string => (GROUP_LABELS[g] ? `${g}: ${GROUP_LABELS[g]}` : g);

  const out: string[] = [];
  out.push('# Validation rules');
  out.push('');
  out.push('<!-- Generated by scripts/render-rules.ts from the rule catalogue (RULE_CATALOGUE, lib/validation.ts). Do not edit: run `npm run docs`. -->');
  out.push('');
  out.push(
    'One validation engine checks every object an app synthesizes (`cdk8s synth`, `app.synth()` or `Testing.synth()`) against the rules below, ' +
      'and the same rules check hand-written YAML with `cdk8s-agents check`. A manifest the cluster would reject, silently ignore or fail to run ' +
      'is caught in CI instead of at `kubectl apply` time.',
  );
  out.push('');
  out.push('Each finding is one line with its severity and rule id, so CI logs can be searched for it:');
  out.push('');
  out.push('```');
  out.push('<error|warning> [ID] <construct path or file#document>: <prop> (<manifest field>) = <value>: <problem>. Fix: <fix>');
  out.push('```');
  out.push('');
  out.push('All the findings of a synth are reported at once, not only the first one. **Errors** fail synth. **Warnings** are printed, fail ' +
    'synth only in strict mode, and can be acknowledged on one construct with a reason (`construct.acknowledge(id, reason)`); acknowledged ' +
    'warnings are listed at every synth.');
  out.push('');
  out.push('## Severity');
  out.push('');
  out.push(SEVERITY_DEFINITION);
  out.push('');
  out.push('A test holds every rule of the catalogue to this definition: its severity follows from its effect, or from its open-world note.');
  out.push('');
  out.push('The fix is written for construct props. Where that would not help a YAML author, a rule also has a **Fix (YAML)** in manifest terms ' +
    '(fields, annotations, labels, values): `cdk8s-agents check` prints it, as synth does for objects that no construct of the library produced ' +
    '(plain ApiObjects, Include\'d YAML). In YAML, a warning is acknowledged in the repository config, cdk8s-agents.yaml ' +
    '(`acknowledgements: [{ object: Kind/namespace/name, rule: ID, reason: ... }]`).');
  out.push('');
  out.push(`There are ${rules.length} rules in ${groups.size} groups.`);
  out.push('');
  out.push('## Reading the tables');
  out.push('');
  out.push('The **effect** column says what the cluster would do with the manifest if the library let it through:');
  out.push('');
  for (const [effect, meaning] of EFFECT_LEGEND) out.push(`- \`${effect}\`: ${meaning}`);
  out.push('');
  out.push(
    `The **upstream** column points at the code that enforces the rule. References are to [knative/serving](https://github.com/knative/serving) ` +
      `at tag \`${UPSTREAM_TAG}\` unless another project is named; \`#L10-20\` are line numbers in that file. File aliases:`,
  );
  out.push('');
  out.push(row(['alias', 'file']));
  out.push(row(['---', '---']));
  for (const [alias, file] of UPSTREAM_ALIASES) out.push(row([alias, `[${file}](${UPSTREAM_BLOB}/${file})`]));
  out.push('');
  out.push(
    'Ids in parentheses, such as (AS-MIN) or (N-5), refer to the entries of the research catalogue of Knative Serving rules that the library was built from.',
  );
  out.push('');
  const stricter = rules.filter((r) => r.stricter !== undefined);
  out.push('## Stricter than upstream');
  out.push('');
  out.push('Rules whose effect is not `reject` report what admission accepts, by definition: the effect says why. ' +
    'A `reject` rule that refuses what the upstream admission chain accepts is a deliberate divergence, listed here with its reason ' +
    '(the oracle harness, `npm run oracle`, counts these apart).');
  out.push('');
  if (stricter.length === 0) out.push('None: every `reject` rule decides as upstream does.');
  else {
    out.push(row(['id', 'what', 'why stricter']));
    out.push(row(['---', '---', '---']));
    for (const r of stricter) out.push(row([r.id, cell(r.title), cell(r.stricter!)]));
  }
  out.push('');
  out.push('## Groups');
  out.push('');
  for (const [g, rs] of groups) out.push(`- [${headingOf(g)}](#${anchor(headingOf(g))}) (${rs.length})`);

  for (const [g, rs] of groups) {
    out.push('');
    out.push(`## ${headingOf(g)}`);
    out.push('');
    out.push(row(['id', 'severity', 'what', 'effect', 'why', 'fix', 'upstream']));
    out.push(row(['---', '---', '---', '---', '---', '---', '---']));
    for (const r of rs) {
      out.push(row([r.id, severityCell(r), cell(r.title), r.effect, cell(r.why), fixCell(r), cell(r.upstream)]));
    }
  }
  out.push('');
  return out.join('\n');
}

if (require.main === module) {
  const text = renderRulesMarkdown();
  fs.mkdirSync(path.dirname(RULES_MD_PATH), { recursive: true });
  fs.writeFileSync(RULES_MD_PATH, text);
  console.log(`wrote ${path.relative(process.cwd(), RULES_MD_PATH)} (${RULE_CATALOGUE.length} rules)`);
}
