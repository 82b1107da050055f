// Where search's full-text query spends its time (issue 20): the same Lucene queries as the product (core/search-text
// luceneQuery, the bench's search texts), run against a fresh embedded Neo4j holding a synthetic graph, in variants that
// each leave one part out: every property of every candidate (the query before issue 20), only what ranking reads
// (search-names.cypher now), the index call alone (no row read), and the index call without the fuzzy clauses (a
// different query, for the analysis only). Interleaved per text, so that a busy machine slows every variant alike.
//
//   node --import tsx bench/search-probe.ts [--links=100000] [--queries=200]     (never more than 100k links here)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { startEmbeddedNeo4j } from '../neo4j/embedded.ts';
import { applySchema, loadDataset } from '../store/load.ts';
import { createDriver } from '../store/neo4j.ts';
import { readCypherFile, schemaStatements } from '../store/cypher.ts';
import { luceneQuery } from '../core/search-text.ts';
import { seededRandom } from '../web/seeded-random.ts';
import { generate } from './lib/dataset.ts';
import { summarize } from './lib/stats.ts';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const LINKS = Math.min(Number(option('links') ?? 100_000), 100_000);
const QUERIES = Number(option('queries') ?? 200);

const INDEX = `CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: toInteger($candidates)}) YIELD node, score`;
const VARIANTS: [string, string, boolean][] = [
  ['every property of every candidate (before issue 20)', `${INDEX} WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN properties(node) AS node, score ORDER BY score DESC, node.name ASC LIMIT toInteger($limit)`, false],
  ['what ranking reads (search-names.cypher)', readCypherFile('search-names').text, false],
  ['index call only (count of hits)', `${INDEX} RETURN count(*) AS hits`, false],
  ['index call only, no fuzzy clauses (other results)', `${INDEX} RETURN count(*) AS hits`, true],
];

const data = generate(LINKS, 7);
const people = data.synthetic.nodes.filter((n) => n.kind === 'Person').length;
const random = seededRandom(7001);
const int = (n: number) => Math.floor(random() * n);
// As bench/run.ts searchText: exact names, lower case, a prefix and a typo.
const texts = Array.from({ length: QUERIES + 20 }, () => {
  const k = int(people);
  const r = int(4);
  return r === 0 ? `Person ${k}` : r === 1 ? `person ${k}` : r === 2 ? `pers ${String(k).slice(0, 3)}` : `Persn ${k}`;
});

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-search-probe-'));
const neo = await startEmbeddedNeo4j({ dataDir, heap: '2g', log: () => {} });
const driver = createDriver(neo.uri, { neo4jUser: neo.user, neo4jPassword: neo.password });
try {
  await applySchema(driver, schemaStatements());
  await driver.executeQuery('CALL db.awaitIndexes(300)');
  await loadDataset(driver, data.dataset, { force: true });
  await driver.executeQuery('CALL db.awaitIndexes(600)');
  console.log(`[search-probe] ${LINKS} links, ${data.dataset.nodes.length} nodes, ${QUERIES} queries per variant after 20 warm-up (load average ${os.loadavg()[0].toFixed(1)})`);
  const limit = 8;
  const wide = limit * 3 + 20;
  const samples = VARIANTS.map(() => [] as number[]);
  const rows = VARIANTS.map(() => 0);
  for (let i = 0; i < texts.length; i++) {
    for (const [v, [, cypher, noFuzzy]] of VARIANTS.entries()) {
      let query = luceneQuery(texts[i])!;
      if (noFuzzy) query = query.replace(/ OR [^ ()]+~1/g, '');
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      const t0 = performance.now();
      const res = await session.executeRead((tx) => tx.run(cypher, { query, kinds: null, limit: wide, candidates: wide }));
      const ms = performance.now() - t0;
      await session.close();
      if (i >= 20) {
        samples[v].push(ms);
        rows[v] += res.records.length;
      }
    }
  }
  for (const [v, [name]] of VARIANTS.entries()) {
    const s = summarize(samples[v]);
    console.log(`  ${name.padEnd(52)} median ${s.median} ms p95 ${s.p95} ms p99 ${s.p99} ms (${rows[v]} rows)`);
  }
  // The plan of the product's query for one typical text.
  const text = texts[20];
  const plan = await driver.executeQuery(`PROFILE ${readCypherFile('search-names').text}`, { query: luceneQuery(text)!, kinds: null, limit: wide, candidates: wide }, { routing: 'READ' });
  const walk = (p: { operatorType: string; dbHits: number; rows: number; children: unknown[] }, depth: number): void => {
    console.log(`  ${'  '.repeat(depth)}${p.operatorType} rows ${p.rows} db hits ${p.dbHits}`);
    for (const c of p.children) walk(c as typeof p, depth + 1);
  };
  console.log(`[search-probe] PROFILE of search-names for '${text}' (${luceneQuery(text)}):`);
  walk(plan.summary.profile as never, 0);
} finally {
  await driver.close();
  await neo.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
