// Import into a real Neo4j (its own, seeded with the curated dataset): nothing written on any problem,
// dry runs, idempotency by id, merging, and an interrupted import that leaves the database as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { importFiles, collectImportFiles } from '../../api/import.ts';
import { readExportData } from '../../api/export.ts';
import { startScratchNeo4j, type ScratchNeo4j } from '../support/scratch-neo4j.ts';
import { syntheticJson } from '../support/synthetic-dataset.ts';

let db: ScratchNeo4j;

beforeAll(async () => {
  db = await startScratchNeo4j({ seed: true, name: 'import' });
}, 300_000);

afterAll(async () => {
  await db?.stop();
});

/** What the database holds: its content hash, version sequence and number of nodes. */
async function state(driver: Driver) {
  const session = driver.session();
  try {
    const data = await session.executeRead((tx) => readExportData(tx));
    const nodes = (await session.run('MATCH (n:Entity) RETURN count(n) AS n')).records[0].get('n').toNumber();
    return { hash: data.meta.contentHash, sequence: data.meta.sequence, nodes };
  } finally {
    await session.close();
  }
}

const PERSON_CSV = 'id,name,aliases,side,citations\nperson/example-import-a,Example Import A,عبد المثال | אברהם דוגמה,palestinian,source/f001-chapter-track-ii-talks: p. 1\n';
const LINK_CSV = 'type,from,to,when,confidence,citations,place\nMET,person/example-import-a,person/yossi-beilin,1994-03,medium,source/f001-chapter-track-ii-talks,Paris\n';

describe('importing into the database', () => {
  it('writes nothing when any row is invalid, and says where every problem is', async () => {
    const before = await state(db.driver);
    const bad = 'type,from,to,when,confidence,citations\nMET,person/example-import-a,person/yossi-beilin,1994-03,medium,source/f001-chapter-track-ii-talks\nMET,person/example-import-a,person/nobody-at-all,1994,high,source/f001-chapter-track-ii-talks\n';
    const report = await importFiles(db.driver, [{ file: 'people.csv', text: PERSON_CSV }, { file: 'links.csv', text: bad }], { actor: 'test' });
    expect(report.ok).toBe(false);
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([{ file: 'links.csv', line: 3, entry: 'row 3, column to', message: expect.stringMatching(/^unknown person id 'person\/nobody-at-all'/) }]);
    expect(await state(db.driver)).toEqual(before);
  });

  it('in a dry run reports what would be added, updated and unchanged, and writes nothing', async () => {
    const before = await state(db.driver);
    const report = await importFiles(db.driver, [{ file: 'people.csv', text: PERSON_CSV }, { file: 'links.csv', text: LINK_CSV }], { actor: 'test', dryRun: true });
    expect(report.ok).toBe(true);
    expect(report.written).toBe(false);
    expect(report.counts.Person).toEqual({ added: 1, updated: 0, unchanged: 0, retired: 0 });
    expect(report.counts.Link).toEqual({ added: 1, updated: 0, unchanged: 0, retired: 0 });
    expect(await state(db.driver)).toEqual(before);
  });

  it('adds new rows, merges with what is there, and a second import of the same files changes nothing', async () => {
    const before = await state(db.driver);
    const first = await importFiles(db.driver, [{ file: 'people.csv', text: PERSON_CSV }, { file: 'links.csv', text: LINK_CSV }], { actor: 'test' });
    expect(first.written).toBe(true);
    expect(first.sequence).toBe((before.sequence ?? 0) + 1);
    const after = await state(db.driver);
    expect(after.nodes).toBe(before.nodes + 1);
    expect(after.hash).not.toBe(before.hash);

    const session = db.driver.session();
    try {
      const row = (await session.run("MATCH (a:Person {id: 'person/example-import-a'})-[r:MET]->(b:Person {id: 'person/yossi-beilin'}) RETURN a.aliases AS aliases, r.place AS place")).records[0];
      expect(row.get('aliases')).toEqual(['عبد المثال', 'אברהם דוגמה']);
      expect(row.get('place')).toBe('Paris');
    } finally {
      await session.close();
    }

    const again = await importFiles(db.driver, [{ file: 'people.csv', text: PERSON_CSV }, { file: 'links.csv', text: LINK_CSV }], { actor: 'test' });
    expect(again.ok).toBe(true);
    expect(again.written).toBe(false);
    expect(again.counts.Person).toEqual({ added: 0, updated: 0, unchanged: 1, retired: 0 });
    expect(again.counts.Link).toEqual({ added: 0, updated: 0, unchanged: 1, retired: 0 });
    expect(await state(db.driver)).toEqual(after);

    const changed = await importFiles(db.driver, [{ file: 'people.csv', text: PERSON_CSV.replace('palestinian', 'jordanian') }], { actor: 'test', dryRun: true });
    expect(changed.counts.Person).toEqual({ added: 0, updated: 1, unchanged: 0, retired: 0 });
  });

  it('imports the documented templates as they are', async () => {
    const report = await importFiles(db.driver, await collectImportFiles('seed/templates'), { actor: 'test' });
    expect(report.problems).toEqual([]);
    expect(report.counts.Person.added).toBe(2);
    expect(report.counts.Session.added).toBe(1);
    expect(report.counts.Link.added).toBe(7);
  });

  it('leaves the database as it was when the connection dies mid-import', async () => {
    const before = await state(db.driver);
    const text = syntheticJson(2_000, 40_000, 'cut');
    let killed = false;
    const attempt = importFiles(db.driver, [{ file: 'big.json', text }], {
      actor: 'test',
      progress: (done, total) => {
        // Kill the database process outright once part of the links is written inside the open transaction.
        if (!killed && done > total / 3) {
          killed = true;
          process.kill(db.server.pid, 'SIGKILL');
        }
      },
    });
    await expect(attempt).rejects.toThrow();
    expect(killed).toBe(true);
    await db.server.stop();
    await db.restart();
    expect(await state(db.driver)).toEqual(before);
    const session = db.driver.session();
    try {
      const leftovers = (await session.run("MATCH (n) WHERE n.id STARTS WITH 'person/cut-' OR n.id STARTS WITH 'source/cut-' RETURN count(n) AS n")).records[0].get('n').toNumber();
      expect(leftovers).toBe(0);
    } finally {
      await session.close();
    }
  }, 300_000);
});
