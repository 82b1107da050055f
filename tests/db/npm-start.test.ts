// `npm start` as a newcomer runs it: Neo4j, schema, seed, API and UI at one URL; a second start reuses the
// data; SIGTERM and SIGINT stop everything it started, leaving no Node or JVM process behind.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../neo4j/embedded.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-npm-start-'));
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every live descendant of a process (the server, the JVM, …). */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of table) if (parent === p) { out.push(child); walk(child); }
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function start(boltPort: number): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['cli/bootstrap.mjs', 'start'], {
    cwd: root,
    env: { ...process.env, NEO4J_URI: '', PORT: '0', NEO4J_BOLT_PORT: String(boltPort), NEO4J_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not print its URL in time:\n${output}`)), 300_000);
    const check = () => {
      const m = /Backchannel is running at (http:\/\/\S+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited with ${code}:\n${output}`)); });
  });
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number[]> {
  const family = descendants(child.pid!);
  expect(family.length).toBeGreaterThanOrEqual(2); // the API server and the JVM at least
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill(signal);
  expect(await exited).toBe(0);
  for (let i = 0; i < 40 && family.some(alive); i++) await new Promise((r) => setTimeout(r, 250));
  return family.filter(alive);
}

describe('npm start', () => {
  it('serves the UI, GraphQL and health at one URL, reuses its data on a second start, and stops cleanly on SIGTERM and SIGINT', async () => {
    const boltPort = await freePort();
    const first = await start(boltPort);
    expect(first.output()).toContain('Loaded dataset');
    const page = await fetch(first.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');
    const health = (await (await fetch(`${first.url}/health`)).json()) as { neo4j: string; dataset: { version: string; counts: Record<string, number> } };
    expect(health.neo4j).toBe('up');
    expect(health.dataset.version).toBe(inject('datasetVersion'));
    const gql = await fetch(`${first.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(text: "abu ala", limit: 3) { node { id } } }' }) });
    expect(((await gql.json()) as { data: { search: { node: { id: string } }[] } }).data.search.map((h) => h.node.id)).toContain('person/ahmed-qurei');
    expect(await stop(first.child, 'SIGTERM')).toEqual([]);

    const second = await start(boltPort);
    expect(second.output()).not.toContain('Loaded dataset');
    const again = (await (await fetch(`${second.url}/health`)).json()) as typeof health;
    expect(again.dataset.version).toBe(health.dataset.version);
    expect(again.dataset.counts).toEqual(health.dataset.counts);
    expect(await stop(second.child, 'SIGINT')).toEqual([]);
  }, 600_000);
});
