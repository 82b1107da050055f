// `npm run import -- --initial`: the curated dataset (a JSON export of the test database, stories and all) loaded
// into an empty embedded database by Neo4j's offline importer must leave exactly what the transactional import of
// the same file leaves: every node's labels, every property with its Cypher type, every link, the dataset version,
// its history and audit entry, the indexes and the stories. And it refuses what it must refuse, touching nothing.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readExportData, toDatasetJson } from '../../api/export.ts';
import { importFiles } from '../../api/import.ts';
import { freePort, startEmbeddedNeo4j } from '../../neo4j/embedded.ts';
import { schemaStatements } from '../../store/cypher.ts';
import { applySchema } from '../../store/load.ts';
import { createDriver } from '../../store/neo4j.ts';
import { toPlain } from '../../store/records.ts';
import { startScratchNeo4j, type ScratchNeo4j } from '../support/scratch-neo4j.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

let work: string;
let exportFile: string;
let transactional: ScratchNeo4j;
const dirs: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'backchannel-initial-'));
  const shared = createDriver(inject('neo4jUri'), { neo4jUser: inject('neo4jUser'), neo4jPassword: inject('neo4jPassword') });
  try {
    const session = shared.session();
    try {
      exportFile = path.join(work, 'backchannel.json');
      const data = await session.executeRead((tx) => readExportData(tx));
      // One description spanning lines, so that the importer's multi-line parsing of that one file is exercised too.
      const entry = Object.values(data.raw).flat().find((v) => typeof (v as { description?: unknown }).description === 'string') as { description: string };
      entry.description = `${entry.description}\nA second line.\r\nA third.`;
      writeFileSync(exportFile, toDatasetJson(data));
    } finally {
      await session.close();
    }
  } finally {
    await shared.close();
  }
  // The reference: the same file through the transactional import, into an empty database.
  transactional = await startScratchNeo4j({ seed: false, name: 'initial-reference' });
  await applySchema(transactional.driver, schemaStatements());
  const report = await importFiles(transactional.driver, [{ file: exportFile, text: readFileSync(exportFile, 'utf8') }], { actor: 'test' });
  expect(report.problems).toEqual([]);
  expect(report.written).toBe(true);
}, 600_000);

afterAll(async () => {
  await transactional?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

/** `npm run import -- …` on its own embedded data folder, as a user runs it. */
async function importCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const { NEO4J_URI: _uri, NEO4J_PASSWORD: _password, ...rest } = process.env;
  void _uri;
  void _password;
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'import', '--', ...args], { cwd: ROOT, env: { ...rest, ...env }, maxBuffer: 64 << 20, timeout: 600_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function newDataDir(name: string): Promise<{ dataDir: string; env: Record<string, string> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `backchannel-initial-${name}-`));
  dirs.push(dataDir);
  return { dataDir, env: { NEO4J_DATA_DIR: dataDir, NEO4J_BOLT_PORT: String(await freePort()), NEO4J_HEAP: '768m' } };
}

/** Everything a database holds, with each property's Cypher type, in a stable order (times of day left out). */
async function contents(driver: Driver) {
  const session = driver.session();
  const read = async (query: string) => (await session.run(query)).records.map((r) => toPlain(r.toObject()));
  try {
    return {
      nodes: await read(`MATCH (n) WHERE NOT n:DatasetVersion AND NOT n:AuditEntry AND NOT n:Dataset
        RETURN labels(n) AS labels, [k IN keys(n) | [k, n[k], valueType(n[k])]] AS props ORDER BY n.id`),
      links: await read(`MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to,
        [k IN keys(r) | [k, r[k], valueType(r[k])]] AS props ORDER BY r.id, type, from, to`),
      dataset: await read(`MATCH (d:Dataset) RETURN d.version AS version, d.sequence AS sequence, d.counts AS counts,
        d.citedShare AS citedShare, d.datedShare AS datedShare, valueType(d.loadedAt) AS loadedAt`),
      history: await read('MATCH (v:DatasetVersion) RETURN v.sequence AS sequence, v.version AS version, v.actor AS actor, v.counts AS counts ORDER BY sequence'),
      audit: await read(`MATCH (a:AuditEntry) RETURN a.sequence AS sequence, a.actor AS actor, a.action AS action, a.detailed AS detailed,
        a.changesJson AS changesJson, a.versionBefore AS versionBefore, a.versionAfter AS versionAfter ORDER BY sequence`),
      indexes: await read('SHOW INDEXES YIELD name, state, type RETURN name, state, type ORDER BY name'),
    };
  } finally {
    await session.close();
  }
}

const sortProps = (rows: unknown[]) => rows.map((r) => {
  const row = r as { props: [string, unknown, string][] };
  return { ...row, props: [...row.props].sort((a, b) => a[0].localeCompare(b[0])) };
});

describe('npm run import -- --initial (Neo4j\'s offline importer)', () => {
  let imported: { dataDir: string; env: Record<string, string> } | undefined;

  it('leaves exactly what the transactional import of the same file leaves, with the same content hash', async () => {
    const { dataDir, env } = await newDataDir('offline');
    imported = { dataDir, env };
    const out = await importCli(['--initial', exportFile, '--actor', 'test'], env);
    expect(out.stderr + out.stdout).not.toMatch(/failed/);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Imported \(offline\): \d+ nodes and \d+ links into .+; dataset version [0-9a-f]{12} \(sequence 1\), the same content hash as the files\.$/m);
    expect(out.stdout).toMatch(/^\d+ links\/s through the importer; \d+ links\/s from reading the files to the verified result\.$/m);
    console.log(`[initial] ${out.stdout.trim().split('\n').join('\n[initial] ')}`);

    const server = await startEmbeddedNeo4j({ dataDir, port: Number(env.NEO4J_BOLT_PORT), heap: '768m' });
    const driver = createDriver(server.uri, { neo4jUser: server.user, neo4jPassword: server.password });
    try {
      const [offline, reference] = [await contents(driver), await contents(transactional.driver)];
      expect(offline.nodes.length).toBeGreaterThan(500);
      expect(offline.links.length).toBeGreaterThan(600);
      expect(sortProps(offline.nodes)).toEqual(sortProps(reference.nodes));
      expect(sortProps(offline.links)).toEqual(sortProps(reference.links));
      expect(offline.dataset).toEqual(reference.dataset);
      expect(offline.history).toEqual(reference.history);
      expect(offline.audit).toEqual(reference.audit);
      expect(offline.indexes).toEqual(reference.indexes);
      expect(offline.indexes.every((i) => (i as { state: string }).state === 'ONLINE')).toBe(true);
    } finally {
      await driver.close();
      await server.stop();
    }
  }, 600_000);

  it('writes nothing and lists every problem when a file is invalid', async () => {
    const { dataDir, env } = await newDataDir('invalid');
    const bad = path.join(work, 'bad-links.csv');
    writeFileSync(bad, 'type,from,to,when,confidence,citations\nMET,person/nobody-here,person/nobody-there,1994,high,source/none\n');
    const out = await importCli(['--initial', bad], env);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/problem\(s\); nothing was written:/);
    expect(out.stderr).toMatch(/bad-links\.csv:2: row 2, column from: unknown person id 'person\/nobody-here'/);
    expect(out.stderr).toMatch(/bad-links\.csv:2: row 2, column citations\[0\]\.source: unknown source id 'source\/none'/);
    expect(existsSync(path.join(dataDir, 'data', 'databases')), 'no database was created').toBe(false);
  }, 300_000);

  it('refuses a database that holds data, and leaves it as it was', async () => {
    expect(imported, 'the first test imported into a folder').toBeDefined();
    const { dataDir, env } = imported!;
    const again = await importCli(['--initial', exportFile], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/The database in .+ is not empty \(\d+ nodes\): --initial replaces the database's files, so it only loads into an empty one\. Use npm run import without --initial/);
    const server = await startEmbeddedNeo4j({ dataDir, port: Number(env.NEO4J_BOLT_PORT), heap: '768m' });
    const driver = createDriver(server.uri, { neo4jUser: server.user, neo4jPassword: server.password });
    try {
      const offline = await contents(driver);
      expect(offline.dataset).toEqual((await contents(transactional.driver)).dataset);
      expect(offline.history).toHaveLength(1);
    } finally {
      await driver.close();
      await server.stop();
    }
  }, 600_000);

  it('refuses a Neo4j server given by NEO4J_URI, whose files it does not own', async () => {
    const { env } = await newDataDir('uri');
    const out = await importCli(['--initial', exportFile], { ...env, NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'irrelevant' });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/--initial loads through Neo4j's offline importer, which writes the database's files; it works on the embedded database, not on the Neo4j at bolt:\/\/127\.0\.0\.1:1 \(NEO4J_URI\)/);
  }, 120_000);
});
