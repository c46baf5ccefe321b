#!/usr/bin/env node
// `npm run prepare`: builds build/ (the compiled library the package ships).
// npm runs it on `npm install` in this repository, before `npm pack` and
// `npm publish`, and when a project installs the library from git or from a
// folder: a git dependency gets its devDependencies first; a folder (a
// checkout that never saw `npm install`) does not, so the toolchain is
// installed here first, without running scripts again.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args) => execFileSync(npm, args, { cwd: root, stdio: 'inherit' });

if (!fs.existsSync(path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'))) {
  console.error('cdk8s-agents prepare: no TypeScript in node_modules; installing the build toolchain (npm install --include=dev --ignore-scripts)');
  run(['install', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
}
run(['run', 'build', '--silent']);
