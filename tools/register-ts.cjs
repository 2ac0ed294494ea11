// Runs the workspace's TypeScript tools with @swc-node/register and tsconfig.base.json. Used as
// `node --require ./tools/register-ts.cjs <file>.ts` by the npm scripts, so they need no `VAR=value` prefix,
// which Windows' cmd.exe does not understand.
process.env.SWC_NODE_PROJECT = require('node:path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
