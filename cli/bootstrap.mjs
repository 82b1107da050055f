// Entry point of the npm scripts on a fresh clone: installs what is missing, then runs the command.
// Plain JavaScript on purpose: it must run before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);

function ensureDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  console.log('[backchannel] Installing npm dependencies …');
  const args = existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[backchannel] npm could not install the dependencies (see above). Check your network access to the npm registry and Node >= 20.19.');
    process.exit(result.status ?? 1);
  }
}

/** Runs a child with our stdio; forwards Ctrl-C / SIGTERM so the child can shut down what it started. */
function run(bin, args, env = process.env) {
  const child = spawn(bin, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const tsx = ['--import', 'tsx'];
// The server runs as in production unless told otherwise: graphql-js and graphql-armor drop their development checks
// (graphql's instanceOf alone took 3% of a large response's CPU). The benchmark measures the server the same way.
const production = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' };
const commands = {
  start: () => run(process.execPath, [...tsx, 'api/server.ts', ...rest], production),
  seed: () => run(process.execPath, [...tsx, 'cli/seed.ts', ...rest]),
  test: () => run(process.execPath, [path.join('node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'tests/vitest.config.ts', ...rest]),
  bench: () => run(process.execPath, [...tsx, 'bench/run.ts', ...rest], production),
  import: () => run(process.execPath, [...tsx, 'cli/import.ts', ...rest]),
  export: () => run(process.execPath, [...tsx, 'cli/export.ts', ...rest]),
  token: () => run(process.execPath, [...tsx, 'cli/token.ts', ...rest]),
};

if (!commands[command]) {
  console.error(`usage: node cli/bootstrap.mjs ${Object.keys(commands).join('|')} [args]`);
  process.exit(2);
}
ensureDependencies();
commands[command]();
