// Which files of a repository the check command reads, and which it skips:
// directories are walked for *.yaml / *.yml, but a repository holds YAML that
// is not Kubernetes (GitHub workflows, Helm templates and values, kustomize's
// own files). Those are skipped with a note, never reported as broken input.
import { errorMessage } from '../engine/engine';
import * as fs from 'fs';
import * as path from 'path';
import type { InputError } from './manifests';
import { REPOSITORY_CONFIG_FILE } from '../platform/repository-config';

/** Input the check did not read on purpose: printed as a note, listed as `skipped` in JSON; never changes the exit code. */
export interface SkippedInput {
  /** The file, `file#document` or directory, relative to the working directory. */
  readonly file: string;
  readonly reason: string;
}

/** `file: skipped: reason`, one line. */
export function formatSkipped(s: SkippedInput): string {
  return `${s.file}: skipped: ${s.reason}`;
}

/** The path as shown: relative to the working directory, `/`-separated. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs) || path.basename(abs);
  return rel.split(path.sep).join('/');
}

/** The names kustomize reads as a folder's kustomization, in the order it tries them. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization file of a folder, if it has one. */
export function kustomizationFileOf(dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not there
    }
  }
  return undefined;
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * A `/`-separated glob as a RegExp over a whole path: `*` any characters but
 * `/`, `?` one of them, `**` as a whole segment any number of segments
 * (`a/**` also matches `a` itself), `[...]` a character class; other
 * characters stand for themselves. (Node 20's `path.matchesGlob` is
 * experimental and absent before 20.17, so the few rules we need are here.)
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  const g = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  while (i < g.length) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*' && (i === 0 || g[i - 1] === '/') && (i + 2 === g.length || g[i + 2] === '/')) {
      if (i + 2 === g.length) {
        // a trailing `**`: everything below (and, after a `/`, the folder itself: see below)
        re += '.*';
        i += 2;
      } else {
        re += '(?:[^/]*/)*';
        i += 3;
      }
    } else if (c === '*') {
      re += '[^/]*';
      i++;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '[') {
      const end = g.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        i++;
      } else {
        const body = g.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end + 1;
      }
    } else {
      re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
      i++;
    }
  }
  // `dir/**` matches `dir` too: excluding it then excludes the folder.
  re = re.replace(/\/\.\*$/, '(?:/.*)?');
  return new RegExp(`^${re}$`);
}

/**
 * Whether an `--exclude` glob list excludes a path (relative to the working
 * directory, `/`-separated). A pattern with a `/` matches the whole relative
 * path; one without (`*.enc.yaml`, `charts`) matches a file or folder name at
 * any depth, as in .gitignore. An excluded folder excludes all below it.
 */
export function excluder(globs: readonly string[]): (rel: string) => boolean {
  if (globs.length === 0) return () => false;
  const whole: RegExp[] = [];
  const names: RegExp[] = [];
  for (const g of globs) {
    const clean = g.replace(/^\.\//, '').replace(/\/+$/, '');
    (clean.includes('/') ? whole : names).push(globToRegExp(clean));
  }
  return (rel) => {
    const segments = rel.split('/');
    // Any leading part of the path: an excluded folder excludes its contents.
    for (let n = 1; n <= segments.length; n++) {
      const prefix = segments.slice(0, n).join('/');
      if (whole.some((r) => r.test(prefix))) return true;
      if (names.some((r) => r.test(segments[n - 1]))) return true;
    }
    return false;
  };
}

const HELM_TEMPLATES = 'Helm chart templates are not YAML until rendered: check `helm template <chart> | cdk8s-agents check -`';

/** The chart folder when the path is a Helm chart's `templates/` or below it, else undefined. */
function helmTemplatesOf(abs: string): string | undefined {
  for (let dir = abs; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'templates' && fs.existsSync(path.join(path.dirname(dir), 'Chart.yaml'))) return path.dirname(dir);
  }
  return undefined;
}

/** What a walk over the paths found. */
export interface Discovered {
  /** Manifest files to read as they are, in order (absolute). */
  readonly files: string[];
  /** The files among them named on the command line (not found by walking a folder). */
  readonly named: Set<string>;
  /** Folders holding a kustomization, in order (absolute). */
  readonly kustomizations: string[];
  /** For a file found below a kustomization folder: that (innermost) folder. Kustomize reads only what the kustomization lists. */
  readonly owner: Map<string, string>;
  readonly errors: InputError[];
  readonly skipped: SkippedInput[];
}

/** An I/O error in a few words (`permission denied`, `no such file or directory`). */
export function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EACCES') return 'permission denied';
  if (err?.code === 'EISDIR') return 'is a directory';
  if (err?.code === 'ENOENT') return 'no such file or directory';
  return errorMessage(e).replace(/^[A-Z]+: /, '');
}

/**
 * Expands files and directories into files and kustomization folders.
 * Directories recurse for `*.yaml` / `*.yml`, entries sorted by name (code
 * points, not locale), so the order is the same on every machine; a file
 * named twice is read once. While walking (not for paths named on the
 * command line): hidden folders (`.github`, ...) and a Helm chart's
 * `templates/` are skipped with a note; `.git` and `node_modules` silently.
 */
export function discover(paths: readonly string[], cwd: string, exclude: readonly string[] = []): Discovered {
  const files: string[] = [];
  const named = new Set<string>();
  const kustomizations: string[] = [];
  const owner = new Map<string, string>();
  const errors: InputError[] = [];
  const skipped: SkippedInput[] = [];
  const isExcluded = excluder(exclude);
  const excluded = (abs: string) => isExcluded(displayPath(abs, cwd));
  const seen = new Set<string>();
  const first = (abs: string): boolean => {
    let key = abs;
    try {
      key = fs.realpathSync(abs);
    } catch {
      // keep the path as given
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  /** Returns how many files or kustomizations the folder holds (skipped and excluded ones count: the folder is not empty). */
  const walk = (dir: string, visited: Set<string>, kustomizeOwner: string | undefined): number => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: displayPath(dir, cwd), message: `cannot read directory: ${ioMessage(e)}` });
      return 0;
    }
    if (visited.has(real)) return 0; // a symlink loop
    const inner = new Set(visited).add(real);
    let found = 0;
    let owned = kustomizeOwner;
    if (kustomizationFileOf(dir) !== undefined) {
      if (first(dir)) kustomizations.push(dir);
      owned = dir;
      found++;
    }
    const names = new Set(entries.map((e) => e.name));
    const helmChart = names.has('Chart.yaml');
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link is not input
        }
      }
      if (!isDir && !(isFile && YAML_FILE.test(entry.name))) continue;
      if (excluded(full)) {
        found++;
        continue;
      }
      const shown = displayPath(full, cwd);
      if (isDir) {
        if (entry.name === '.git' || entry.name === 'node_modules') continue;
        if (entry.name.startsWith('.')) {
          // .github holds workflows and settings; other hidden folders are tools' own.
          skipped.push({ file: shown, reason: entry.name === '.github' ? 'GitHub workflows and settings, not Kubernetes manifests' : 'a hidden folder (name it on the command line to check it)' });
          found++;
        } else if (helmChart && entry.name === 'templates') {
          skipped.push({ file: shown, reason: HELM_TEMPLATES });
          found++;
        } else {
          found += walk(full, inner, owned);
        }
      } else if (entry.name === REPOSITORY_CONFIG_FILE) {
        skipped.push({ file: shown, reason: 'the repository config of cdk8s-agents (read as the config from the working directory, or with --config)' });
        found++;
      } else if (helmChart && (entry.name === 'Chart.yaml' || entry.name === 'Chart.lock' || /^values.*\.ya?ml$/i.test(entry.name))) {
        skipped.push({ file: shown, reason: 'Helm chart metadata or values, not Kubernetes manifests' });
        found++;
      } else if (owned !== undefined) {
        // Read, or skipped, by the kustomization that owns the folder.
        if (first(full)) owner.set(full, owned);
        found++;
      } else {
        if (first(full)) files.push(full);
        found++;
      }
    }
    return found;
  };

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      errors.push({ file: displayPath(abs, cwd), message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : ioMessage(e) });
      continue;
    }
    if (excluded(abs)) continue;
    const chart = helmTemplatesOf(abs);
    if (chart !== undefined) {
      skipped.push({ file: displayPath(abs, cwd), reason: HELM_TEMPLATES });
      continue;
    }
    if (st.isDirectory()) {
      if (walk(abs, new Set(), undefined) === 0 && !errors.some((e) => e.file === displayPath(abs, cwd))) {
        errors.push({ file: displayPath(abs, cwd), message: 'no *.yaml or *.yml files in this directory' });
      }
    } else if (KUSTOMIZATION_FILES.includes(path.basename(abs))) {
      // Named on its own, a kustomization stands for its folder.
      const dir = path.dirname(abs);
      if (first(dir)) kustomizations.push(dir);
    } else if (first(abs)) {
      files.push(abs);
      named.add(abs);
    }
  }
  return { files, named, kustomizations, owner, errors, skipped };
}
