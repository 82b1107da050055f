// A Cypher script that rebuilds the graph in an empty Neo4j (cypher-shell -f file.cypher): schema, nodes,
// links, stories and the dataset meta, with exactly the properties the loader writes. Values are literals here
// because a script file has no parameters; labels and types come from the model's allow-lists.
import { schemaStatements } from '../store/cypher.ts';
import { LINK_TYPE_NAMES, NODE_KINDS } from '../core/model.ts';
import type { ExportData } from './export-data.ts';
import { storedShapes } from './export-data.ts';

// Neo4j's parser slows down sharply on very long statements: keep each one near this many characters.
const STATEMENT_CHARS = 8_000;

/** Groups row literals so that each statement stays short. */
function batches(rows: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const r of rows) {
    if (current.length > 0 && size + r.length > STATEMENT_CHARS) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(r);
    size += r.length + 2;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** A Cypher literal. JavaScript numbers are written as floats, as the driver sends them. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'null';
    return Number.isInteger(v) ? `${v}.0` : String(v);
  }
  if (typeof v === 'string') {
    return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
  }
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null);
    return `{${entries.map(([k, x]) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `\`${k.replace(/`/g, '``')}\``}: ${literal(x)}`).join(', ')}}`;
  }
  return literal(String(v));
}

export function toCypherScript(data: ExportData): string {
  const { nodes, links } = storedShapes(data.dataset);
  const m = data.meta;
  const out: string[] = [
    `// Backchannel dataset, version ${m.datasetVersion ?? '(none)'} (sequence ${m.sequence ?? '–'}), content hash ${m.contentHash}, exported ${m.exportedAt}.`,
    '// Run it against an EMPTY database: cypher-shell -f <this file>. Every statement ends with a semicolon at the end of its line.',
    ...schemaStatements().map((s) => `${s.replace(/\s*\n\s*/g, ' ')};`),
  ];
  for (const kind of NODE_KINDS) {
    for (const batch of batches(nodes.filter((n) => n.kind === kind).map((n) => literal(n.props)))) {
      out.push(`UNWIND [${batch.join(', ')}] AS props CREATE (n:Entity:${kind}) SET n = props;`);
    }
  }
  for (const type of LINK_TYPE_NAMES) {
    for (const batch of batches(links.filter((l) => l.type === type).map((l) => literal({ from: l.from, to: l.to, props: l.props })))) {
      out.push(`UNWIND [${batch.join(', ')}] AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to}) CREATE (a)-[r:${type}]->(b) SET r = row.props;`);
    }
  }
  // Stories and saved lessons exactly as stored, each with its revisions.
  for (const batch of batches(data.stories.map((s) => literal({ props: s.story, revisions: s.revisions })))) {
    out.push(`UNWIND [${batch.join(', ')}] AS row CREATE (s:Story) SET s = row.props FOREACH (rev IN row.revisions | CREATE (r:StoryRevision) SET r = rev);`);
  }
  const c = m.counts;
  out.push(`MERGE (d:Dataset {id: 'current'}) SET d.version = ${literal(m.contentHash)}, d.sequence = 1, d.counts = ${literal(JSON.stringify(c))}, d.citedShare = ${literal(c.citedShare)}, d.datedShare = ${literal(c.datedShare)}, d.loadedAt = ${literal(m.exportedAt)}, d.exportedFrom = ${literal(`${m.datasetVersion ?? ''}#${m.sequence ?? ''}`)};`);
  return `${out.join('\n')}\n`;
}
