// Every query file has a title and example parameters, plans with EXPLAIN, and runs with its example.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import neo4j, { type Driver } from 'neo4j-driver';
import { createDriver } from '../../store/neo4j.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { listCypherFiles, loadQueries, QUERY_NAMES, readCypherFile, schemaStatements } from '../../store/cypher.ts';
import { javaTool } from '../support/java-tool.ts';

let driver: Driver;
beforeAll(() => {
  driver = createDriver(inject('neo4jUri'), { neo4jUser: inject('neo4jUser'), neo4jPassword: inject('neo4jPassword') });
});
afterAll(async () => {
  await driver?.close();
});

/** Integral example numbers go to Neo4j as integers, as the API's callers send them where it matters. */
function params(example: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(example).map(([k, v]) => [k, Number.isInteger(v) ? neo4j.int(v as number) : v]));
}

describe('the cypher/ folder', () => {
  it('holds exactly the queries the API loads, plus the schema', () => {
    expect(listCypherFiles().sort()).toEqual([...QUERY_NAMES, 'schema'].sort());
    expect(Object.keys(loadQueries())).toHaveLength(QUERY_NAMES.length);
  });

  it('applies the schema idempotently', async () => {
    const session = driver.session();
    try {
      for (const statement of schemaStatements()) await session.run(statement);
      const names = (await session.run('SHOW INDEXES YIELD name RETURN collect(name) AS names')).records[0].get('names');
      expect(names).toEqual(expect.arrayContaining(['entity_names', 'entity_id']));
    } finally {
      await session.close();
    }
  });

  for (const name of QUERY_NAMES) {
    it(`${name}.cypher plans and runs with its example parameters`, async () => {
      const file = readCypherFile(name);
      expect(file.title.length).toBeGreaterThan(10);
      const session = driver.session();
      const tx = session.beginTransaction();
      try {
        await tx.run(`EXPLAIN ${file.text}`, params(file.example));
        // Writes run too, inside a transaction that is rolled back.
        await tx.run(file.text, params(file.example));
      } finally {
        await tx.rollback();
        await session.close();
      }
    });
  }
});

describe('the cypher/ files in cypher-shell (Maven Central, 5.26)', () => {
  it("take their example parameters with :param as written in the header, and run", async () => {
    const shell = await javaTool('cypher-shell');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-cypher-shell-'));
    try {
      // One script: for each file its header's map through :param, then the query in a transaction rolled back.
      const script = QUERY_NAMES.flatMap((name) => {
        const lines = readCypherFile(name).text.split('\n');
        const header = lines.find((l) => l.startsWith('// params:'))!;
        const query = lines.filter((l) => !l.trimStart().startsWith('//')).join('\n').trim();
        return [`:param ${header.slice('// params:'.length).trim()}`, ':begin', `${query};`, ':rollback'];
      });
      writeFileSync(path.join(dir, 'all.cypher'), `${script.join('\n')}\n`);
      const cp = [path.join(path.dirname(shell.jars[0]), '*')].join(path.delimiter);
      // --fail-fast: the first refused :param or query ends the run with a non-zero exit, which rejects here.
      const { stdout, stderr } = await promisify(execFile)(shell.java, [
        '-cp', cp, 'org.neo4j.shell.Main', '-a', inject('neo4jUri'), '-u', inject('neo4jUser'), '-p', inject('neo4jPassword'),
        '--format', 'plain', '--fail-fast', '-f', path.join(dir, 'all.cypher'),
      ], { maxBuffer: 64 << 20 });
      expect(stderr).not.toMatch(/Invalid input|Neo\.ClientError|parameter missing/i);
      expect(stdout).toContain('version, sequence, loadedAt, counts'); // dataset-meta's columns: the queries ran
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('have headers that are Cypher maps, not JSON (cypher-shell and Neo4j Browser refuse quoted keys)', () => {
    for (const name of QUERY_NAMES) {
      const header = readCypherFile(name).text.split('\n').find((l) => l.startsWith('// params:'))!;
      expect(header, name).not.toMatch(/"[A-Za-z_]+":/);
    }
  });
});

describe('links-by-ids.cypher', () => {
  it('has one index-backed branch for every link type in the allow-list', async () => {
    const { LINK_TYPE_NAMES } = await import('../../core/model.ts');
    const text = readCypherFile('links-by-ids').text;
    for (const type of LINK_TYPE_NAMES) expect(text).toContain(`[r:${type} {id: id}]`);
  });
});
