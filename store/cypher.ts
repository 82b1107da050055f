// Loads every query in ../cypher at boot, so a missing or misnamed file fails the start, not a request.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCypherLiteral } from './cypher-params.ts';

export const CYPHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cypher');

export const QUERY_NAMES = [
  'dataset-meta', 'entity-counts', 'nodes-by-ids', 'links-of-nodes', 'links-of-nodes-typed', 'links-by-ids', 'links-by-element-ids', 'search-names',
  'channels', 'governments', 'projection-nodes', 'projection-links', 'projection-sessions',
  'projection-nodes-by-ids', 'projection-links-by-ends', 'projection-links-of-nodes', 'projection-sessions-by-ids', 'database-identity',
  'load-clear', 'load-nodes', 'load-links', 'load-meta',
  'dataset-nodes', 'dataset-links', 'dataset-versions', 'edit-lock', 'edit-upsert-nodes', 'edit-update-links',
  'edit-retire-links', 'edit-retire-nodes', 'edit-record', 'audit-entries', 'audit-range',
  'audit-mentioning', 'audit-rewrite', 'purge-retired-node', 'node-state',
  'token-create', 'token-by-id', 'token-list', 'token-revoke',
  'story-load', 'stories', 'story-by-id', 'story-save', 'story-references', 'story-revisions', 'story-export', 'story-restore',
  'bulk-node-count', 'bulk-empty-node-lists', 'bulk-empty-link-lists', 'bulk-await-indexes',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export interface CypherFile {
  name: string;
  title: string;
  /** The example parameters from the `// params:` header line: a Cypher map, as cypher-shell's `:param` takes it. */
  example: Record<string, unknown>;
  text: string;
}

export function parseCypherFile(name: string, text: string): CypherFile {
  const lines = text.split('\n');
  const title = (lines[0] ?? '').replace(/^\/\/\s*/, '');
  const paramsLine = lines.find((l) => l.startsWith('// params:'));
  const example = paramsLine ? (parseCypherLiteral(paramsLine.slice('// params:'.length)) as Record<string, unknown>) : {};
  return { name, title, example, text };
}

export function readCypherFile(name: string): CypherFile {
  const file = path.join(CYPHER_DIR, `${name}.cypher`);
  return parseCypherFile(name, readFileSync(file, 'utf8'));
}

/** Every query the API runs, read once; throws naming the missing file. */
export function loadQueries(): Readonly<Record<QueryName, string>> {
  const out = {} as Record<QueryName, string>;
  for (const name of QUERY_NAMES) {
    try {
      out[name] = readCypherFile(name).text;
    } catch (err) {
      throw new Error(`Missing Cypher query file cypher/${name}.cypher (${(err as Error).message})`);
    }
  }
  return Object.freeze(out);
}

/** The schema statements, split on semicolons at line ends. */
export function schemaStatements(): string[] {
  return readFileSync(path.join(CYPHER_DIR, 'schema.cypher'), 'utf8')
    .split(/;\s*$/m)
    .map((s) => s.split('\n').filter((l) => !l.trim().startsWith('//')).join('\n').trim())
    .filter(Boolean);
}

export function listCypherFiles(): string[] {
  return readdirSync(CYPHER_DIR).filter((f) => f.endsWith('.cypher')).map((f) => f.replace(/\.cypher$/, ''));
}
