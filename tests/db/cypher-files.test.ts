// Every query file has a title and example parameters, plans with EXPLAIN, and runs with its example.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import neo4j, { type Driver } from 'neo4j-driver';
import { createDriver } from '../../store/neo4j.ts';
import { listCypherFiles, loadQueries, QUERY_NAMES, readCypherFile, schemaStatements } from '../../store/cypher.ts';

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

describe('links-by-ids.cypher', () => {
  it('has one index-backed branch for every link type in the allow-list', async () => {
    const { LINK_TYPE_NAMES } = await import('../../core/model.ts');
    const text = readCypherFile('links-by-ids').text;
    for (const type of LINK_TYPE_NAMES) expect(text).toContain(`[r:${type} {id: id}]`);
  });
});
