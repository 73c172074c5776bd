// npm test: the server's Jest projects, then the web's component tests (Vitest, jsdom).
// Arguments go to Jest (`npm test -- --selectProjects e2e …`); with arguments, Vitest is
// left out, since they choose a subset of the server's tests.
const { spawnSync } = require('node:child_process');

const args = process.argv.slice(2);
const path = require('node:path');

// vitest's package "exports" hide vitest.mjs from require.resolve; its package.json is exported.
const binOf = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const run = (bin, argv) =>
  spawnSync(process.execPath, [bin, ...argv], { stdio: 'inherit' }).status ?? 1;

const jest = run(binOf('jest', 'bin/jest.js'), args);
if (jest !== 0 || args.length > 0) process.exit(jest);
process.exit(run(binOf('vitest', 'vitest.mjs'), ['run', '--config', 'web/vite.config.mts']));
