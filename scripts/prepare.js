#!/usr/bin/env node
// `npm run prepare`: builds build/ (the compiled library the package ships).
// npm runs it on `npm install` in this repository, before `npm pack` and
// `npm publish`, and when a project installs the library from git or from a
// folder (`npm install --install-links ../cdk8s-agents`): a git dependency
// gets its devDependencies first; a folder (a checkout that never saw
// `npm install`) does not, so the toolchain is installed here first, without
// running scripts again. A build newer than every source is kept (a folder
// install right after `npm pack` does not compile twice); `npm run build`
// always compiles.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args) => execFileSync(npm, args, { cwd: root, stdio: 'inherit' });

/** Files under `dir` (relative) whose name ends in `ext`. */
function filesOf(dir, ext) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesOf(p, ext) : e.name.endsWith(ext) ? [p] : [];
  });
}

/** Whether build/ holds a compile of exactly the current sources, newer than each of them. */
function buildIsCurrent() {
  const sources = ['lib', 'imports'].flatMap((d) => filesOf(path.join(root, d), '.ts'));
  const inputs = [...sources, ...['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => path.join(root, f))];
  const outputs = sources.map((f) => path.join(root, 'build', path.relative(root, f)).replace(/\.ts$/, '.js'));
  if (!outputs.every((f) => fs.existsSync(f))) return false;
  const built = path.join(root, 'build', 'lib', 'index.js');
  const compiled = outputs.length === filesOf(path.join(root, 'build'), '.js').length;
  return compiled && inputs.every((f) => fs.statSync(f).mtimeMs < fs.statSync(built).mtimeMs);
}

if (buildIsCurrent()) {
  console.error('cdk8s-agents prepare: build/ is newer than every source; not compiled again');
  process.exit(0);
}
if (!fs.existsSync(path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'))) {
  console.error('cdk8s-agents prepare: no TypeScript in node_modules; installing the build toolchain (npm install --include=dev --ignore-scripts)');
  run(['install', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
}
run(['run', 'build', '--silent']);
