// The repository config, `cdk8s-agents.yaml` beside `cdk8s.yaml`: what synth
// and `check` both need to know about the cluster and the repository, in one
// file. Synth reads it with `ClusterProfile.fromRepositoryConfig`; `check`
// reads it from the working directory (or `--config`).
import * as fs from 'fs';
import * as path from 'path';
import { ObjectRef } from '../engine/engine';
import { describe } from '../construct/props';
import { closest } from '../engine/text';
import { isObject } from '../engine/json';
import { Component, IMPLEMENTED_RELEASES } from '../settings/settings';
import { yamlParser } from '../engine/yaml-parser';


/** The file name synth and `check` look for in the working directory. */
export const REPOSITORY_CONFIG_FILE = 'cdk8s-agents.yaml';

/** An acknowledgement written in the repository config: the YAML form of `construct.acknowledge(rule, reason)`. */
export interface ConfigAcknowledgement {
  /** `Kind/namespace/name`, or `Kind/name` for any namespace. */
  readonly object: string;
  readonly rule: string;
  readonly reason: string;
}

/** The repository config, as read and checked. */
export interface RepositoryConfig {
  /** The file it was read from (absolute). */
  readonly file: string;
  /** Files with the cluster's Knative ConfigMaps, absolute (written relative to the config file). */
  readonly configMapFiles: readonly string[];
  /** The Knative release the cluster runs (`cluster.releases.knative`). @default - the library's default, 1.23 */
  readonly knativeVersion?: string;
  /** The releases of KEDA, External Secrets and Sealed Secrets the cluster runs. */
  readonly releases: Partial<Record<Component, string>>;
  /** Objects the platform provides: references to them are never reported. */
  readonly provided: readonly ObjectRef[];
  readonly acknowledgements: readonly ConfigAcknowledgement[];
  /** Globs of files and folders `check` does not read (as `--exclude`; synth reads no files). */
  readonly exclude: readonly string[];
}

/** A problem of the config file: its field (`provided[1].kind`) and what is wrong. */
export interface ConfigProblem {
  readonly field: string;
  readonly message: string;
}

const TOP_KEYS = ['cluster', 'provided', 'acknowledgements', 'exclude'] as const;
const CLUSTER_KEYS = ['configMapFiles', 'releases'] as const;
const RELEASE_KEYS = ['knative', ...Object.keys(IMPLEMENTED_RELEASES)] as const;

/**
 * Reads and checks a repository config. Every problem is returned (none
 * thrown); a config with problems is not used.
 *
 * ```yaml
 * # cdk8s-agents.yaml
 * cluster:
 *   configMapFiles: [platform/knative/config-features.yaml]   # relative to this file
 *   releases: { knative: "1.23", keda: "2.20" }
 * provided:                      # objects of the platform, outside this repository
 *   - { kind: Broker, namespace: agents, name: default }
 * exclude: ['charts/**']        # what `check` does not read, as --exclude
 * acknowledgements:              # the YAML form of construct.acknowledge(rule, reason)
 *   - { object: Service/agents/jira-triage, rule: KSVC-SCALE-021, reason: one ticket per pod by design }
 * ```
 */
export function readRepositoryConfig(file: string): { config?: RepositoryConfig; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { problems: [{ field: '', message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }] };
  }
  const doc = yamlParser().parseDocument(text);
  if (doc.errors.length > 0) return { problems: [{ field: '', message: `not valid YAML: ${doc.errors[0].message.split('\n')[0]}` }] };
  return parseRepositoryConfig(doc.toJS(), file);
}

/** Checks a parsed repository config (`file` anchors its relative paths). */
export function parseRepositoryConfig(raw: unknown, file: string): { config?: RepositoryConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const bad = (field: string, value: unknown, expected: string) => problems.push({ field, message: `expected ${expected}, got ${describe(value)}` });
  const root = raw ?? {};
  if (!isObject(root)) {
    bad('', raw, 'a map with `cluster`, `provided` and `acknowledgements`');
    return { problems };
  }
  unknownKeys(root, TOP_KEYS, '', problems);
  const dir = path.dirname(path.resolve(file));

  const configMapFiles: string[] = [];
  let knativeVersion: string | undefined;
  const releases: Partial<Record<Component, string>> = {};
  const cluster = root.cluster ?? {};
  if (!isObject(cluster)) bad('cluster', cluster, 'a map with `configMapFiles` and `releases`');
  else {
    unknownKeys(cluster, CLUSTER_KEYS, 'cluster.', problems);
    const files = cluster.configMapFiles ?? [];
    if (!Array.isArray(files)) bad('cluster.configMapFiles', files, 'a list of file paths');
    else files.forEach((f, i) => (typeof f === 'string' && f !== '' ? configMapFiles.push(path.resolve(dir, f)) : bad(`cluster.configMapFiles[${i}]`, f, 'a file path')));
    const given = cluster.releases ?? {};
    if (!isObject(given)) bad('cluster.releases', given, `a map of releases (${RELEASE_KEYS.join(', ')})`);
    else {
      unknownKeys(given, RELEASE_KEYS, 'cluster.releases.', problems);
      for (const key of RELEASE_KEYS) {
        const version = given[key];
        if (version === undefined) continue;
        const m = typeof version === 'string' ? /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(version.trim()) : null;
        if (!m) bad(`cluster.releases.${key}`, version, 'a release such as "1.22" or "2.20.2" (quoted: 1.20 unquoted is the number 1.2)');
        else if (key === 'knative') knativeVersion = `${Number(m[1])}.${Number(m[2])}`;
        else releases[key as Component] = `${Number(m[1])}.${Number(m[2])}`;
      }
    }
  }

  const provided: ObjectRef[] = [];
  for (const [i, entry] of list(root.provided, 'provided', problems).entries()) {
    const at = `provided[${i}]`;
    if (!isObject(entry)) { bad(at, entry, 'a map with `kind`, `name` and optionally `namespace`'); continue; }
    unknownKeys(entry, ['kind', 'name', 'namespace'], `${at}.`, problems);
    const { kind, name, namespace } = entry;
    if (typeof kind !== 'string' || kind === '') { bad(`${at}.kind`, kind, 'a kind such as Broker'); continue; }
    if (typeof name !== 'string' || name === '') { bad(`${at}.name`, name, 'an object name'); continue; }
    if (namespace !== undefined && (typeof namespace !== 'string' || namespace === '')) { bad(`${at}.namespace`, namespace, 'a namespace (or no `namespace` for every namespace)'); continue; }
    provided.push({ kind, name, namespace: namespace as string | undefined });
  }

  const acknowledgements: ConfigAcknowledgement[] = [];
  for (const [i, entry] of list(root.acknowledgements, 'acknowledgements', problems).entries()) {
    const at = `acknowledgements[${i}]`;
    if (!isObject(entry)) { bad(at, entry, 'a map with `object`, `rule` and `reason`'); continue; }
    unknownKeys(entry, ['object', 'rule', 'reason'], `${at}.`, problems);
    const { object, rule, reason } = entry;
    if (typeof object !== 'string' || !/^[^/\s]+(\/[^/\s]+){1,2}$/.test(object)) { bad(`${at}.object`, object, '`Kind/namespace/name` or `Kind/name`'); continue; }
    if (typeof rule !== 'string' || rule === '') { bad(`${at}.rule`, rule, 'a rule id such as KSVC-SCALE-021'); continue; }
    if (typeof reason !== 'string' || reason.trim() === '') { bad(`${at}.reason`, reason, 'the reason the warning is acceptable (an acknowledgement without one silences nothing)'); continue; }
    acknowledgements.push({ object, rule, reason });
  }

  const exclude: string[] = [];
  list(root.exclude, 'exclude', problems).forEach((g, i) => (typeof g === 'string' && g !== '' ? exclude.push(g) : bad(`exclude[${i}]`, g, 'a glob such as "charts/**"')));

  if (problems.length > 0) return { problems };
  return { config: { file: path.resolve(file), configMapFiles, knativeVersion, releases, provided, acknowledgements, exclude }, problems };
}

/** The acknowledgements of the config that name this object (`Kind/namespace/name`, or `Kind/name` in any namespace): rule → reason. */
export function acknowledgementsFor(config: Pick<RepositoryConfig, 'acknowledgements'>, kind: string, namespace: string | undefined, name: string): Map<string, string> | undefined {
  let out: Map<string, string> | undefined;
  for (const a of config.acknowledgements) {
    if (a.object === `${kind}/${name}` || (namespace !== undefined && a.object === `${kind}/${namespace}/${name}`)) (out ??= new Map()).set(a.rule, a.reason);
  }
  return out;
}


function list(v: unknown, field: string, problems: ConfigProblem[]): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  problems.push({ field, message: `expected a list, got ${describe(v)}` });
  return [];
}

function unknownKeys(o: Record<string, unknown>, known: readonly string[], prefix: string, problems: ConfigProblem[]): void {
  for (const key of Object.keys(o)) {
    if (known.includes(key)) continue;
    const near = closest(key, known);
    problems.push({ field: `${prefix}${key}`, message: `unknown key${near ? ` (did you mean \`${near}\`?)` : `; known: ${known.join(', ')}`}` });
  }
}
