#!/usr/bin/env node
// The `sijeong` command. Builds the CLI on first use if `npm run build` has not run yet.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'node', 'cli.cjs');
if (!fs.existsSync(cli)) {
  require('node:child_process').execFileSync(process.execPath, [path.join(root, 'build', 'build.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
