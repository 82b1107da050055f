// `node --import tsx tests/load/heavy-reads.ts`: the attack of issue 14, item 2, as figures (reported, never asserted).
// Fills the audit trail with detailed imports, then has 20 anonymous callers ask for the heaviest audit trail they can
// while one more times a cheap query; prints the largest anonymous answer in bytes, the API's peak RSS and the cheap
// query's p50/p95. Settings: NEO4J_URI (else an embedded Neo4j in a temporary folder), HEAVY_IMPORTS (6),
// HEAVY_PEOPLE (1500 per import), HEAVY_SECONDS (30), HEAVY_PARALLEL (20).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDriver } from '../../store/neo4j.ts';
import { applyChange } from '../../store/apply.ts';
import { ensureLauncherBuilt, startEmbeddedNeo4j } from '../../neo4j/embedded.ts';
import { prepareDatabase, waitForNeo4j } from '../../store/prepare.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const num = (key: string, fallback: number) => (process.env[key] ? Number(process.env[key]) : fallback);
const IMPORTS = num('HEAVY_IMPORTS', 6);
const PEOPLE = num('HEAVY_PEOPLE', 1500);
const SECONDS = num('HEAVY_SECONDS', 30);
const PARALLEL = num('HEAVY_PARALLEL', 20);
const log = (m: string) => console.log(`[heavy] ${m}`);

/** The heaviest anonymous reads: the shape the attack used, and the largest pages the API now allows. */
const HEAVY = [
  '{ auditTrail(limit: 200) { changes { before after } } }',
  '{ auditTrail(limit: 200) { sequence summary changeCount changes(limit: 500) { target id op before after } } }',
  '{ datasetChanges(from: "1") { changeCount changes(limit: 1000) { id op before after } entries(limit: 200) { changes(limit: 500) { id } } } }',
];
const CHEAP = '{ dataset { version } }';

async function post(url: string, query: string): Promise<{ ms: number; bytes: number; code: string | null }> {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query }) });
  const text = await res.text();
  const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? null;
  return { ms: performance.now() - started, bytes: Buffer.byteLength(text), code };
}

async function main() {
  let stop = async () => {};
  let uri = process.env.NEO4J_URI;
  let user = process.env.NEO4J_USER ?? 'neo4j';
  let password = process.env.NEO4J_PASSWORD ?? '';
  if (!uri) {
    await ensureLauncherBuilt(log);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-heavy-neo4j-'));
    const server = await startEmbeddedNeo4j({ dataDir });
    ({ uri, user, password } = server);
    stop = async () => { await server.stop(); rmSync(dataDir, { recursive: true, force: true }); };
  }
  const driver = createDriver(uri, { neo4jUser: user, neo4jPassword: password });
  let child: ReturnType<typeof fork> | undefined;
  try {
    await waitForNeo4j(driver, { timeoutMs: 180_000, log });
    await prepareDatabase(driver, 'force', { log });
    for (let i = 0; i < IMPORTS; i++) {
      const entries = Array.from({ length: PEOPLE }, (_, j) => ({
        file: 'heavy.json', section: 'people' as const, index: j,
        value: { id: `person/heavy-${i}-${j}`, name: `Heavy Person ${i} ${j}`, side: 'israeli', description: 'x'.repeat(1_000), citations: [{ source: 'source/f001-chapter-track-ii-talks' }] },
      }));
      await applyChange(driver, () => ({ entries }), { actor: 'heavy-reads', action: 'import' });
    }
    log(`${IMPORTS} detailed imports of ${PEOPLE} people each in the audit trail`);
    child = fork(path.join(HERE, 'api-process.ts'), [], {
      execArgv: ['--import', 'tsx'], env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const rss: number[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      child!.on('message', (m: { url?: string; rss?: number }) => {
        if (m.url) resolve(m.url);
        if (m.rss) rss.push(m.rss);
      });
      child!.once('exit', (code) => reject(new Error(`the API exited (${code}) before listening`)));
    });
    for (const q of HEAVY) {
      const r = await post(url, q);
      log(`alone: ${r.bytes} bytes in ${r.ms.toFixed(0)} ms (${r.code ?? 'ok'}) for ${q.slice(0, 70)}…`);
    }
    const rssBefore = rss.at(-1) ?? 0;
    const until = Date.now() + SECONDS * 1000;
    let largest = 0;
    const codes: Record<string, number> = {};
    const heavy = Array.from({ length: PARALLEL }, async (_, i) => {
      for (let n = 0; Date.now() < until; n++) {
        const r = await post(url, HEAVY[(i + n) % HEAVY.length]);
        largest = Math.max(largest, r.bytes);
        codes[r.code ?? 'ok'] = (codes[r.code ?? 'ok'] ?? 0) + 1;
      }
    });
    const cheap: number[] = [];
    const timer = (async () => {
      while (Date.now() < until) cheap.push((await post(url, CHEAP)).ms);
    })();
    await Promise.all([...heavy, timer]);
    cheap.sort((a, b) => a - b);
    const pct = (p: number) => cheap[Math.min(cheap.length - 1, Math.floor(cheap.length * p))]?.toFixed(0);
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
    log(`${PARALLEL} parallel heavy anonymous readers for ${SECONDS} s: answers ${JSON.stringify(codes)}`);
    log(`largest anonymous answer: ${largest} bytes`);
    log(`API RSS: before ${mb(rssBefore)}, peak ${mb(Math.max(...rss))}`);
    log(`cheap query (${CHEAP}) meanwhile: ${cheap.length} answers, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms`);
  } finally {
    child?.disconnect();
    await new Promise((r) => (child && child.exitCode === null ? child.once('exit', r) : r(null)));
    await driver.close().catch(() => {});
    await stop();
  }
}

main().catch((err) => {
  console.error(`[heavy] failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
