#!/usr/bin/env node
// The cdk8s-agents command line; the code is the package's compiled output (npm run build).
'use strict';
require('../build/lib/cli/main.js').run();
