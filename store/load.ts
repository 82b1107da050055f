// Writes a validated dataset into Neo4j in one transaction: all of it, or (on any failure) none of it.
import type { Driver } from 'neo4j-driver';
import { parseWhen } from '../core/dates.ts';
import { loadQueries } from './cypher.ts';
import { inSession } from './neo4j.ts';
import { isLinkType } from '../core/model.ts';
import { foldName, skeleton } from '../core/search-text.ts';
import { datasetStats, type Dataset, type DatasetLink, type DatasetNode } from '../core/dataset.ts';

// Rows per statement: 5,000 (about 2 MB of parameters) make a fifth of the round trips of 1,000 with the same plan.
const BATCH = 5000;
// Statements queued on the transaction at once: the next batch is built and sent while the database runs this one.
const IN_FLIGHT = 2;

export interface LoadResult {
  changed: boolean;
  version: string;
  previousVersion: string | null;
  nodes: number;
  links: number;
  ms: number;
}

function dayBounds(when: string | undefined): { fromDay: number | null; toDay: number | null } {
  if (!when) return { fromDay: null, toDay: null };
  const w = parseWhen(when);
  return {
    fromDay: Number.isFinite(w.startMin) ? w.startMin : null,
    toDay: Number.isFinite(w.endMax) ? w.endMax : null,
  };
}

export function nodeProperties(n: DatasetNode): Record<string, unknown> {
  const { tracks, attendees, ...rest } = n.props as Record<string, unknown> & { tracks?: unknown; attendees?: unknown };
  const names = [n.name, ...n.aliases];
  const props: Record<string, unknown> = {
    id: n.id,
    kind: n.kind,
    name: n.name,
    aliases: n.aliases,
    aliasText: n.aliases.join(' | '),
    searchKey: [...new Set(names.map(skeleton))].join(' | '),
    folded: foldName(names.join(' ')),
    description: n.description ?? null,
    citationsJson: JSON.stringify(n.citations),
    citationSources: [...new Set(n.citations.map((c) => c.source))],
    disputesJson: JSON.stringify(n.disputes),
    ...rest,
    ...dayBounds(typeof rest.when === 'string' ? rest.when : undefined),
  };
  if (tracks !== undefined) props.tracksJson = JSON.stringify(tracks);
  void attendees;
  for (const k of Object.keys(props)) if (props[k] === undefined || props[k] === null) delete props[k];
  return props;
}

export function linkProperties(l: DatasetLink): Record<string, unknown> {
  const props: Record<string, unknown> = {
    id: l.id,
    when: l.when,
    confidence: l.confidence,
    citationsJson: JSON.stringify(l.citations),
    citationSources: [...new Set(l.citations.map((c) => c.source))],
    disputesJson: JSON.stringify(l.disputes),
    note: l.note, outcome: l.outcome, role: l.role, side: l.side, title: l.title, rank: l.rank, place: l.place, document: l.document, about: l.about,
    ...dayBounds(l.when),
  };
  for (const k of Object.keys(props)) if (props[k] === undefined || props[k] === null) delete props[k];
  return props;
}

/** The database was edited or imported into after its last seed load: reloading would discard that work. */
export class EditedSinceSeedError extends Error {
  constructor(readonly version: string, readonly seedVersion: string) {
    super(
      `The database holds curated edits or imports made after the last seed load (dataset ${version.slice(0, 12)}, loaded from seed/ as ${seedVersion.slice(0, 12)}). ` +
        'Reloading seed/ would discard them. Export them first (npm run export -- --format json), then run npm run seed -- --force to replace the data with seed/.',
    );
  }
}

/** Loads the dataset unless the database already holds this version (then nothing is written). */
export async function loadDataset(
  driver: Driver,
  dataset: Dataset,
  opts: { database?: string; force?: boolean; batchSize?: number; timeoutMs?: number; progress?: (done: number, total: number) => void } = {},
): Promise<LoadResult> {
  const batchSize = opts.batchSize ?? BATCH;
  const started = performance.now();
  const queries = loadQueries();
  return inSession(driver, opts.database ?? 'neo4j', async (session) => {
    const meta = await session.executeRead((tx) => tx.run(queries['dataset-meta']));
    const previousVersion = (meta.records[0]?.get('version') as string | undefined) ?? null;
    const seedVersion = (meta.records[0]?.get('seedVersion') as string | undefined) ?? null;
    if (previousVersion !== null && seedVersion !== null && previousVersion !== seedVersion && !opts.force) {
      throw new EditedSinceSeedError(previousVersion, seedVersion);
    }
    if (previousVersion === dataset.version && !opts.force) {
      return { changed: false, version: dataset.version, previousVersion, nodes: 0, links: 0, ms: performance.now() - started };
    }
    const stats = datasetStats(dataset);
    const total = dataset.nodes.length + dataset.links.length;
    let done = 0;
    const tick = (n: number) => {
      done += n;
      opts.progress?.(done, total);
    };
    // One transaction for the whole dataset outlasts the server's default timeout (30 s on the embedded launcher)
    // from a few hundred thousand links on; as in store/apply.ts, the load sets its own.
    const tx = session.beginTransaction({ timeout: opts.timeoutMs ?? 60 * 60_000 });
    try {
      await tx.run(queries['load-clear']);
      await pipelined(dataset.nodes, batchSize, async (batch) => {
        const rows = batch.map((n) => ({ kind: n.kind, props: nodeProperties(n) }));
        return tx.run(queries['load-nodes'], { rows }).then(() => tick(rows.length));
      });
      await pipelined(dataset.links, batchSize, async (batch) => {
        const rows = batch.map((l) => {
          if (!isLinkType(l.type)) throw new Error(`Link ${l.id} has type ${JSON.stringify(l.type)}, which is not in the allow-list (core/model.ts LINK_TYPES)`);
          return { type: l.type, from: l.from, to: l.to, props: linkProperties(l) };
        });
        return tx.run(queries['load-links'], { rows }).then((res) => {
          const created = Number(res.records[0]?.get('created') ?? 0);
          if (created !== rows.length) throw new Error(`Expected to create ${rows.length} links, created ${created}: a link names a node that was not written`);
          tick(rows.length);
        });
      });
      await tx.run(queries['load-meta'], {
        version: dataset.version,
        counts: JSON.stringify(stats),
        citedShare: stats.citedShare,
        datedShare: stats.datedShare,
        loadedAt: new Date().toISOString(),
      });
      await tx.commit();
    } catch (err) {
      await tx.rollback().catch(() => {});
      throw err;
    }
    return { changed: true, version: dataset.version, previousVersion, nodes: dataset.nodes.length, links: dataset.links.length, ms: performance.now() - started };
  });
}

/**
 * Runs `send` on consecutive slices of `items`, keeping up to IN_FLIGHT of them queued on the transaction (Bolt
 * pipelines them), so that Node builds and packs the next rows while Neo4j executes the previous ones.
 * Rejects with the first failure; the caller rolls the transaction back.
 */
async function pipelined<T>(items: readonly T[], size: number, send: (batch: T[]) => Promise<void>): Promise<void> {
  const queued: Promise<void>[] = [];
  for (let i = 0; i < items.length; i += size) {
    const sent = send(items.slice(i, i + size));
    sent.catch(() => {}); // handled when awaited below; a later batch may fail while an earlier one is awaited
    queued.push(sent);
    if (queued.length >= IN_FLIGHT) await queued.shift();
  }
  for (const sent of queued) await sent;
}

/** Applies cypher/schema.cypher (idempotent). */
export async function applySchema(driver: Driver, statements: string[], database = 'neo4j'): Promise<void> {
  await inSession(driver, database, async (session) => {
    for (const statement of statements) await session.run(statement);
  });
}
