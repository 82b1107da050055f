// Applies one change (an import, an edit, a retirement, a revert) to the stored dataset: merge by id,
// validate the union with the seed validator, diff, and write only what changed in one transaction that
// also records the new dataset version and its audit entry. Any problem or failure writes nothing.
import type { Driver, Session } from 'neo4j-driver';
import { inSession } from './neo4j.ts';
import { loadQueries } from './cypher.ts';
import { AppError } from './errors.ts';
import { toPlain } from './records.ts';
import { NODE_KINDS, type NodeKind } from '../core/model.ts';
import { datasetStats, validateEntries, type Dataset, type DatasetLink, type DatasetNode, type Problem, type RawEntry } from '../core/dataset.ts';
import { linkProperties, nodeProperties } from './load.ts';
import {
  GENERATED_LINK_TYPES, linkIdOf, normalizeRaw, rawOfStoredLink, rawOfStoredNode, readStoredDataset, storedEntries,
  type RawValue, type StoredDataset, type StoredProps,
} from './stored-dataset.ts';

/** What a change asks for: entries to create or replace (by id), and ids to retire. */
export interface Change {
  entries: RawEntry[];
  retireNodes?: string[];
  retireLinks?: string[];
}

export type ChangeOp = 'added' | 'updated' | 'retired';

/** One item's change in the audit trail, both sides in the dataset format. */
export interface AuditChange {
  kind: 'node' | 'link';
  id: string;
  op: ChangeOp;
  before: RawValue | null;
  after: RawValue | null;
}

export interface KindCounts { added: number; updated: number; unchanged: number; retired: number }

export interface ChangeReport {
  /** False when validation found problems (then nothing was written). */
  ok: boolean;
  problems: Problem[];
  dryRun: boolean;
  /** True when the database was changed (and a new version recorded). */
  written: boolean;
  /** Per node kind and `Link`: what was (or, in a dry run, would be) added, updated, unchanged, retired. */
  counts: Record<string, KindCounts>;
  changes: AuditChange[];
  previousVersion: string | null;
  previousSequence: number | null;
  version: string | null;
  sequence: number | null;
  /** Links created or rewritten, for throughput figures. */
  linksWritten: number;
  ms: number;
}

export interface ChangeOptions {
  actor: string;
  action: 'import' | 'create' | 'update' | 'retire' | 'cite' | 'revert';
  summary?: string;
  dryRun?: boolean;
  revertOf?: number | null;
  database?: string;
  progress?: (done: number, total: number) => void;
  /** Transaction timeout; the default allows for very large imports. */
  timeoutMs?: number;
  /** Called with the name of each phase as it starts (for timing). */
  phase?: (name: string) => void;
  /**
   * Written in the same transaction (a restore's stories): checked against the dataset after the change, where a
   * problem writes nothing at all; written even when the graph itself does not change.
   */
  alongside?: {
    check(dataset: Dataset): Problem[];
    write(tx: { run(query: string, params?: Record<string, unknown>): Promise<unknown> }): Promise<void>;
  };
}

export const NODE_BATCH = 2_000;
export const LINK_BATCH = 5_000;
/** Above this many item changes the audit entry keeps counts only (and cannot be reverted). */
export const AUDIT_DETAIL_LIMIT = 10_000;

const LINK_KEY = 'Link';

function emptyCounts(): Record<string, KindCounts> {
  const out: Record<string, KindCounts> = {};
  for (const k of [...NODE_KINDS, LINK_KEY]) out[k] = { added: 0, updated: 0, unchanged: 0, retired: 0 };
  return out;
}

/** Key-order-independent JSON, to compare property maps. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const sameProps = (a: StoredProps, b: StoredProps) => canonical(a) === canonical(b);

// The loader's property maps hold plain values already (it drops undefined and null), as Neo4j returns them.
const plainNodeProps = (n: DatasetNode): StoredProps => nodeProperties(n);
const plainLinkProps = (l: DatasetLink): StoredProps => linkProperties(l);

export interface Plan {
  problems: Problem[];
  dataset?: Dataset;
  counts: Record<string, KindCounts>;
  /** Item by item, unless there are more than AUDIT_DETAIL_LIMIT (then empty; counts say what changed). */
  changes: AuditChange[];
  detailed: boolean;
  createNodes: { kind: NodeKind; props: StoredProps }[];
  upsertNodes: { id: string; kind: NodeKind; props: StoredProps }[];
  retireNodes: { id: string; kind: NodeKind }[];
  createLinks: { type: string; from: string; to: string; props: StoredProps }[];
  updateLinks: { id: string; from: string; to: string; props: StoredProps }[];
  retireLinks: { id: string; from: string; to: string }[];
}

/** The pure core: merges the change into the stored dataset, validates the union and works out what to write. */
export function planChange(stored: StoredDataset, change: Change): Plan {
  const counts = emptyCounts();
  const problems: Problem[] = [];
  const touchedNodes = new Set<string>();
  const touchedLinks = new Set<string>();
  const entries = change.entries.map((e) => ({ ...e, value: normalizeRaw(e.section, e.value) }));
  for (const e of entries) {
    if (e.section === 'links') touchedLinks.add(linkIdOf(e.value));
    else if (typeof e.value.id === 'string') touchedNodes.add(e.value.id.trim());
  }
  const retireNodeIds = new Set<string>();
  for (const id of change.retireNodes ?? []) {
    if (!stored.nodes.has(id)) problems.push({ file: '(request)', entry: id, message: `no live node with id '${id}' to retire` });
    else retireNodeIds.add(id);
  }
  const retireLinkIds = new Set<string>();
  for (const id of change.retireLinks ?? []) {
    const l = stored.links.get(id);
    if (!l || GENERATED_LINK_TYPES.includes(l.type)) problems.push({ file: '(request)', entry: id, message: l ? `${l.type} links follow their session's attendees and channel: edit the session instead` : `no live link with id '${id}' to retire` });
    else retireLinkIds.add(id);
  }
  // Retiring a node retires the links written by hand that touch it (the audit keeps them).
  if (retireNodeIds.size > 0) {
    for (const l of stored.links.values()) {
      if (!GENERATED_LINK_TYPES.includes(l.type) && (retireNodeIds.has(l.from) || retireNodeIds.has(l.to))) retireLinkIds.add(l.id);
    }
  }
  const changes: (() => AuditChange)[] = [];
  const empty: Plan = { problems, counts, changes: [], detailed: true, createNodes: [], upsertNodes: [], retireNodes: [], createLinks: [], updateLinks: [], retireLinks: [] };
  if (problems.length > 0) return empty;

  const union = [
    ...storedEntries(stored, new Set([...touchedNodes, ...retireNodeIds]), new Set([...touchedLinks, ...retireLinkIds])),
    ...entries,
  ];
  const { dataset, problems: invalid } = validateEntries(union);
  if (!dataset) return { ...empty, problems: invalid };

  const plan: Plan = { ...empty, dataset };
  const sessionChanged = new Set<string>();

  // Links: compare the touched ones and those generated by touched sessions; whatever disappeared is retired.
  const mergedLinkIds = new Set<string>();
  for (const l of dataset.links) {
    mergedLinkIds.add(l.id);
    const generated = GENERATED_LINK_TYPES.includes(l.type);
    if (!(touchedLinks.has(l.id) || (generated && (touchedNodes.has(l.from) || touchedNodes.has(l.to))))) continue;
    const props = plainLinkProps(l);
    const before = stored.links.get(l.id);
    let op: ChangeOp | 'unchanged';
    if (!before) {
      op = 'added';
      plan.createLinks.push({ type: l.type, from: l.from, to: l.to, props });
    } else if (before.type !== l.type || before.from !== l.from || before.to !== l.to) {
      op = 'updated';
      plan.retireLinks.push({ id: before.id, from: before.from, to: before.to });
      plan.createLinks.push({ type: l.type, from: l.from, to: l.to, props });
    } else if (!sameProps(before.props, props)) {
      op = 'updated';
      plan.updateLinks.push({ id: l.id, from: l.from, to: l.to, props });
    } else {
      op = 'unchanged';
    }
    if (generated) {
      if (op !== 'unchanged') sessionChanged.add(l.type === 'ATTENDED' ? l.to : l.from);
      continue;
    }
    counts[LINK_KEY][op]++;
    if (op !== 'unchanged') {
      changes.push(() => ({ kind: 'link', id: l.id, op, before: before ? rawOfStoredLink(before) : null, after: rawOfStoredLink({ ...l, props }) }));
    }
  }
  for (const l of stored.links.values()) {
    if (mergedLinkIds.has(l.id)) continue;
    plan.retireLinks.push({ id: l.id, from: l.from, to: l.to });
    if (GENERATED_LINK_TYPES.includes(l.type)) {
      sessionChanged.add(l.type === 'ATTENDED' ? l.to : l.from);
      continue;
    }
    counts[LINK_KEY].retired++;
    changes.push(() => ({ kind: 'link', id: l.id, op: 'retired', before: rawOfStoredLink(l), after: null }));
  }

  for (const n of dataset.nodes) {
    if (!touchedNodes.has(n.id)) continue;
    const props = plainNodeProps(n);
    const before = stored.nodes.get(n.id);
    const attendees = (n.props.attendees as string[] | undefined) ?? [];
    const op: ChangeOp | 'unchanged' = !before ? 'added' : !sameProps(before, props) || sessionChanged.has(n.id) ? 'updated' : 'unchanged';
    counts[n.kind][op]++;
    if (op === 'unchanged') continue;
    if (before) plan.upsertNodes.push({ id: n.id, kind: n.kind, props });
    else plan.createNodes.push({ kind: n.kind, props });
    changes.push(() => ({
      kind: 'node', id: n.id, op,
      before: before ? rawOfStoredNode(before, stored.attendees.get(n.id)) : null,
      after: rawOfStoredNode(props, attendees),
    }));
  }
  for (const id of retireNodeIds) {
    const before = stored.nodes.get(id)!;
    const kind = before.kind as NodeKind;
    counts[kind].retired++;
    plan.retireNodes.push({ id, kind });
    changes.push(() => ({ kind: 'node', id, op: 'retired', before: rawOfStoredNode(before, stored.attendees.get(id)), after: null }));
  }
  plan.detailed = changes.length <= AUDIT_DETAIL_LIMIT;
  plan.changes = plan.detailed ? changes.map((c) => c()) : [];
  return plan;
}

/** A one-line summary of counts: "2 Person added, 1 Link updated". */
export function summarize(counts: Record<string, KindCounts>): string {
  const parts: string[] = [];
  for (const [kind, c] of Object.entries(counts)) {
    for (const op of ['added', 'updated', 'retired'] as const) if (c[op] > 0) parts.push(`${c[op]} ${kind} ${op}`);
  }
  return parts.length ? parts.join(', ') : 'no change';
}

async function inBatches<T>(rows: T[], size: number, run: (batch: T[]) => Promise<void>, tick: (n: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    await run(batch);
    tick(batch.length);
  }
}

/**
 * Records a written change in its transaction: the new dataset version with its history and audit entry
 * (cypher/edit-record.cypher). Every change ends here, the offline initial import too. Returns the new sequence.
 */
export async function recordChange(
  tx: { run(query: string, params?: Record<string, unknown>): Promise<{ records: { get(key: string): unknown }[] }> },
  plan: Plan,
  opts: { at: string; actor: string; action: ChangeOptions['action']; summary?: string; revertOf?: number | null },
): Promise<number> {
  const stats = datasetStats(plan.dataset!);
  const summary = opts.summary ? `${opts.summary}: ${summarize(plan.counts)}` : summarize(plan.counts);
  const rec = await tx.run(loadQueries()['edit-record'], {
    version: plan.dataset!.version, counts: JSON.stringify(stats), citedShare: stats.citedShare, datedShare: stats.datedShare,
    at: opts.at, actor: opts.actor, action: opts.action, summary,
    changesJson: JSON.stringify(plan.detailed ? plan.changes : []), detailed: plan.detailed, revertOf: opts.revertOf ?? null,
  });
  return Number(toPlain(rec.records[0]?.get('sequence')));
}

/**
 * How long a transaction that reads or writes a whole dataset may run: large imports and their read-back outlast the
 * server's default transaction timeout (30 s on the embedded launcher; at 1M links the read-back alone can, on a loaded
 * machine), and a timeout there fails the import after all its work is done.
 */
export const BULK_TRANSACTION_MS = 30 * 60_000;

/**
 * Reads the stored dataset inside one transaction, builds the change from it, and writes the difference.
 * Imports, edits and reverts all come through here, so each is validated, versioned and audited alike.
 */
export async function applyChange(driver: Driver, build: (stored: StoredDataset) => Change | Promise<Change>, opts: ChangeOptions): Promise<ChangeReport> {
  const started = performance.now();
  const queries = loadQueries();
  return inSession(driver, opts.database ?? 'neo4j', (session) => applyInSession(session, build, opts, started, queries));
}

async function applyInSession(session: Session, build: (stored: StoredDataset) => Change | Promise<Change>, opts: ChangeOptions, started: number, queries: ReturnType<typeof loadQueries>): Promise<ChangeReport> {
  const tx = session.beginTransaction({ timeout: opts.timeoutMs ?? BULK_TRANSACTION_MS });
  let open = true;
  const finish = async () => {
    if (open) {
      open = false;
      await tx.rollback().catch(() => {});
    }
  };
  try {
    const at = new Date().toISOString();
    // The lock first: a concurrent change waits here, then reads what this one wrote.
    if (!opts.dryRun) await tx.run(queries['edit-lock'], { at });
    opts.phase?.('read');
    const stored = await readStoredDataset(tx);
    const change = await build(stored);
    opts.phase?.('plan');
    const plan = planChange(stored, change);
    opts.phase?.('write');
    const report: ChangeReport = {
      ok: plan.problems.length === 0, problems: plan.problems, dryRun: opts.dryRun === true, written: false,
      counts: plan.counts, changes: plan.changes,
      previousVersion: stored.version, previousSequence: stored.sequence,
      version: stored.version, sequence: stored.sequence, linksWritten: 0, ms: 0,
    };
    const nothing = plan.createNodes.length + plan.upsertNodes.length + plan.retireNodes.length + plan.createLinks.length + plan.updateLinks.length + plan.retireLinks.length === 0;
    if (plan.dataset && opts.alongside) {
      const extra = opts.alongside.check(plan.dataset);
      if (extra.length > 0) {
        report.problems = [...report.problems, ...extra];
        report.ok = false;
        await finish();
        report.ms = performance.now() - started;
        return report;
      }
    }
    if (!plan.dataset || opts.dryRun || (nothing && !opts.alongside)) {
      await finish();
      if (plan.dataset && opts.dryRun && !nothing) report.version = plan.dataset.version;
      report.ms = performance.now() - started;
      return report;
    }

    const total = plan.createNodes.length + plan.upsertNodes.length + plan.retireNodes.length + plan.createLinks.length + plan.updateLinks.length + plan.retireLinks.length;
    let done = 0;
    const tick = (n: number) => {
      done += n;
      opts.progress?.(done, total);
    };
    const nextSequence = (stored.sequence ?? 0) + 1;
    const actor = { at, actor: opts.actor, sequence: nextSequence };
    await inBatches(plan.retireLinks, LINK_BATCH, async (rows) => {
      const res = await tx.run(queries['edit-retire-links'], { rows, ...actor });
      const n = Number(toPlain(res.records[0]?.get('retired')) ?? 0);
      if (n !== rows.length) throw new Error(`Expected to retire ${rows.length} links, found ${n}`);
    }, tick);
    await inBatches(plan.createNodes, NODE_BATCH, async (rows) => {
      await tx.run(queries['load-nodes'], { rows });
    }, tick);
    await inBatches(plan.upsertNodes, NODE_BATCH, async (rows) => {
      await tx.run(queries['edit-upsert-nodes'], { rows });
    }, tick);
    await inBatches(plan.updateLinks, LINK_BATCH, async (rows) => {
      const res = await tx.run(queries['edit-update-links'], { rows });
      const n = Number(toPlain(res.records[0]?.get('updated')) ?? 0);
      if (n !== rows.length) throw new Error(`Expected to update ${rows.length} links, found ${n}`);
    }, tick);
    await inBatches(plan.createLinks, LINK_BATCH, async (rows) => {
      const res = await tx.run(queries['load-links'], { rows });
      const n = Number(toPlain(res.records[0]?.get('created')) ?? 0);
      if (n !== rows.length) throw new Error(`Expected to create ${rows.length} links, created ${n}: a link names a node that was not written`);
    }, tick);
    await inBatches(plan.retireNodes, NODE_BATCH, async (rows) => {
      await tx.run(queries['edit-retire-nodes'], { rows, ...actor });
    }, tick);

    if (opts.alongside) await opts.alongside.write(tx);
    if (nothing) {
      // Only what goes alongside changed: the dataset keeps its version.
      open = false;
      await tx.commit();
      report.written = true;
      report.ms = performance.now() - started;
      return report;
    }

    opts.phase?.('record');
    const sequence = await recordChange(tx, plan, { at, actor: opts.actor, action: opts.action, summary: opts.summary, revertOf: opts.revertOf });
    open = false;
    opts.phase?.('commit');
    await tx.commit();
    report.written = true;
    report.version = plan.dataset.version;
    report.sequence = sequence;
    report.linksWritten = plan.createLinks.length + plan.updateLinks.length;
    report.ms = performance.now() - started;
    return report;
  } catch (err) {
    await finish();
    if ((err as { code?: string }).code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError') {
      throw new AppError('LIMIT_EXCEEDED', 'The change is too large for one transaction in this database\'s memory; nothing was written. Split the import into smaller files, or give Neo4j more memory (NEO4J_HEAP=2g, or dbms.memory.transaction.total.max).', { limit: 'transactionMemory' });
    }
    throw err;
  }
}
