// Builds server and web only when dist/ is missing or older than anything it is built from,
// so `npm start` restarts in seconds and `npm run test:browser` reuses a fresh build.
const { statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const INPUTS = [
  'src',
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.mts',
  'web/tsconfig.json',
  'migrations',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
];
const OUTPUTS = ['dist/src/main.js', 'dist/web/index.html'];

function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function oldest(paths) {
  return Math.min(...paths.map((path) => newest(path) || 0));
}

const label = process.argv[2] ?? 'build';
if (oldest(OUTPUTS) > Math.max(...INPUTS.map(newest))) {
  console.log(`${label}: dist/ is up to date, no build needed`);
} else {
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
