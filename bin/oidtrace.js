#!/usr/bin/env node
'use strict';
// The oidtrace command: a thin launcher for the bundled CLI (built by `npm ci` / `npm run build`).
try {
  require('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('oidtrace: not built yet; run `npm run build` first\n');
    process.exit(2);
  }
  throw error;
}
