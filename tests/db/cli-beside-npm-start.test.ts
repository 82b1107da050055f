// The command-line tools beside a running `npm start`: each one uses the Neo4j it runs (found by the address and
// password beside the data) and says so, instead of starting a second Neo4j on the same folder and dying on its lock.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../neo4j/embedded.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-cli-beside-'));
let app: ChildProcess | undefined;

afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app!.once('exit', r));
    app.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function env(boltPort: number): NodeJS.ProcessEnv {
  return { ...process.env, NEO4J_URI: '', PORT: '0', NEO4J_BOLT_PORT: String(boltPort), NEO4J_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
}

/** `npm run <command> -- args` as a user types it, beside the running app; its exit code and all it printed. */
function cli(boltPort: number, ...args: string[]) {
  const r = spawnSync(process.execPath, ['cli/bootstrap.mjs', ...args], { cwd: root, env: env(boltPort), encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the CLIs beside a running npm start', () => {
  it('seed, token and export use the running database, say so, and leave the app serving', async () => {
    // The app gets a port other than the configured one, so the CLIs can find it only through what it wrote.
    const appPort = await freePort();
    app = spawn(process.execPath, ['cli/bootstrap.mjs', 'start'], { cwd: root, env: env(appPort), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    app.stdout!.on('data', (d) => (output += d));
    app.stderr!.on('data', (d) => (output += d));
    const url = await new Promise<string>((resolve, reject) => {
      app!.stdout!.on('data', () => {
        const m = /Backchannel is running at (http:\/\/\S+)/.exec(output);
        if (m) resolve(m[1]!);
      });
      app!.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    const configuredPort = await freePort();
    const using = `Using the Neo4j that \`npm start\` runs at bolt://127.0.0.1:${appPort} (data in ${dataDir}).`;

    const seed = cli(configuredPort, 'seed');
    expect(seed.out).not.toMatch(/Lock file|Exception|\n\s+at /);
    expect(seed.out).toContain(using);
    expect(seed.out).toMatch(/No change: the database already holds dataset [0-9a-f]{12}\./);
    expect(seed.code).toBe(0);

    const token = cli(configuredPort, 'token', 'create', '--name', 'beside', '--role', 'viewer');
    expect(token.out).toContain(using);
    expect(token.code).toBe(0);

    const out = path.join(dataDir, 'exports');
    const exported = cli(configuredPort, 'export', '--format', 'json', '--out', out);
    expect(exported.out).toContain(using);
    expect(exported.code).toBe(0);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
  }, 900_000);
});
