#!/usr/bin/env node
// Starts the o11y-lint language server; speaks LSP over stdio unless another transport is given.
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
require('../dist/server.js');
