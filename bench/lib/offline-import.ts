// Issue 20's bulk-load target, measured as a user meets it: the scale's synthetic dataset written as a dataset-format
// JSON file, then `npm run import -- --initial <file>` run as a command into a new embedded data folder (Neo4j's
// offline importer, then the schema, the record and the verification of the content hash). Its own output gives the
// importer's rate and the whole command's.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../../core/dataset.ts';
import { parseWhen } from '../../core/dates.ts';
import { isEventType } from '../../core/model.ts';
import { freePort } from '../../neo4j/embedded.ts';
import { GENERATED_LINK_TYPES, NODE_SECTIONS } from '../../store/stored-dataset.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface OfflineImportResult {
  links: number;
  /** The whole command, from its start to its exit. */
  ms: number;
  importerLinksPerSec: number;
  overallLinksPerSec: number;
  /** The command's own "Time by step" line. */
  steps: string;
  error?: string;
}

/**
 * The bench's dataset as dataset-format JSON, as a user's export would hold it: sources with a title, sessions with
 * their attendees, and no attendance or session links (the import derives those from the sessions).
 */
/**
 * The synthetic generator gives some transmissions no date or an open one, which the product's validator refuses (a
 * transmission happened once, inside bounds). For this measurement they get the generator's whole span as bounds,
 * with a note saying so: the same links, dated as loosely as the validator allows.
 */
function boundedTransmission(when: string | undefined): { when?: string; note?: string } {
  const note = 'synthetic benchmark link: open or missing dates bounded by the generator\'s span';
  if (when === undefined) return { when: `${SPAN[0]}/${SPAN[1]}`, note };
  const parsed = parseWhen(when);
  if (Number.isFinite(parsed.startMin) && Number.isFinite(parsed.endMax)) return {};
  const closed = when.replace(/^\[\.\.(.+)\]$/, `${SPAN[0]}/$1`).replace(/^\.\.\//, `${SPAN[0]}/`).replace(/^\[(.+)\.\.\]$/, `$1/${SPAN[1]}`).replace(/\/\.\.$/, `/${SPAN[1]}`);
  try {
    const again = parseWhen(closed);
    if (Number.isFinite(again.startMin) && Number.isFinite(again.endMax)) return { when: closed, note };
  } catch {
    // an open form this does not close: the whole span below
  }
  return { when: `${SPAN[0]}/${SPAN[1]}`, note };
}

const SPAN = ['1900-01-01', '2100-12-31'];

export function datasetJson(dataset: Dataset): string {
  const sections: Record<string, unknown[]> = { sources: [], governments: [], institutions: [], people: [], channels: [], sessions: [], documents: [], links: [] };
  const attendees = new Map<string, string[]>();
  for (const l of dataset.links) {
    if (l.type === 'ATTENDED') attendees.set(l.to, [...(attendees.get(l.to) ?? []), l.from]);
  }
  for (const n of dataset.nodes) {
    const raw: Record<string, unknown> = n.kind === 'Source' ? { id: n.id, title: n.name } : { id: n.id, name: n.name };
    if (n.kind === 'Institution' || n.kind === 'Document') raw.kind = 'other'; // the validator asks for a kind; the generator gives none
    for (const [k, v] of Object.entries(n.props)) raw[k] = v;
    if (n.aliases.length) raw.aliases = n.aliases;
    if (n.citations.length) raw.citations = n.citations;
    if (n.kind === 'Session') {
      raw.attendees = attendees.get(n.id) ?? [];
      raw.confidence = 'medium'; // the validator asks every session for one; the generator gives none
    }
    sections[NODE_SECTIONS[n.kind]].push(raw);
  }
  for (const l of dataset.links) {
    if (GENERATED_LINK_TYPES.includes(l.type)) continue;
    const { disputes: _d, ...raw } = l;
    void _d;
    if (isEventType(l.type)) Object.assign(raw, boundedTransmission(l.when));
    sections.links.push(raw);
  }
  return JSON.stringify(sections);
}

export async function measureOfflineImport(dataset: Dataset, opts: { heap: string; log: (m: string) => void }): Promise<OfflineImportResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'backchannel-bench-initial-'));
  const links = dataset.links.length;
  try {
    const file = path.join(work, 'dataset.json');
    writeFileSync(file, datasetJson(dataset));
    const { NEO4J_URI: _uri, NEO4J_PASSWORD: _password, ...env } = process.env;
    void _uri;
    void _password;
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'cli', 'bootstrap.mjs'), 'import', '--initial', file, '--actor', 'bench'], {
      cwd: ROOT,
      env: { ...env, NEO4J_DATA_DIR: path.join(work, 'data'), NEO4J_BOLT_PORT: String(await freePort()), NEO4J_HEAP: opts.heap, NODE_OPTIONS: '--max-old-space-size=8192' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise<number>((res) => child.once('exit', (c) => res(c ?? 1)));
    const ms = Math.round(performance.now() - started);
    const rates = /^(\d+) links\/s through the importer; (\d+) links\/s from reading the files/m.exec(stdout);
    const steps = /^Time by step: (.+)$/m.exec(stdout)?.[1] ?? '';
    if (code !== 0 || !rates) {
      const error = `npm run import -- --initial exited ${code}: ${(stderr.trim().split('\n').pop() ?? '').slice(0, 200)}`;
      opts.log(`[bench] offline import FAILED: ${error}`);
      return { links, ms, importerLinksPerSec: 0, overallLinksPerSec: 0, steps, error };
    }
    const result = { links, ms, importerLinksPerSec: Number(rates[1]), overallLinksPerSec: Number(rates[2]), steps };
    opts.log(`[bench] npm run import -- --initial: ${links} links in ${(ms / 1000).toFixed(1)} s; ${result.importerLinksPerSec} links/s through Neo4j's importer, ${result.overallLinksPerSec} links/s for the whole command (${steps})`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
