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
import { freePort } from '../../neo4j/embedded.ts';
import { linkProperties, nodeProperties } from '../../store/load.ts';
import { GENERATED_LINK_TYPES, NODE_SECTIONS, rawOfStoredLink, rawOfStoredNode } from '../../store/stored-dataset.ts';

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

/** The dataset as the JSON export writes it (sections of raw entries; attendance and session links implied). */
function datasetJson(dataset: Dataset): string {
  const sections: Record<string, unknown[]> = { sources: [], governments: [], institutions: [], people: [], channels: [], sessions: [], documents: [], links: [] };
  for (const n of dataset.nodes) sections[NODE_SECTIONS[n.kind]].push(rawOfStoredNode(nodeProperties(n), (n.props.attendees as string[] | undefined) ?? []));
  for (const l of dataset.links) {
    if (!GENERATED_LINK_TYPES.includes(l.type)) sections.links.push(rawOfStoredLink({ ...l, props: linkProperties(l) }));
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
