#!/usr/bin/env node
'use strict';
// The oidtrace command: a thin launcher for the bundled CLI (built by `npm ci` / `npm run build`).
let cli;
try {
  cli = require('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('cli.js')) {
    process.stderr.write('oidtrace: not built yet; run `npm run build` first\n');
    process.exit(2);
  }
  throw error;
}
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
});
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
