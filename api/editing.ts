// Resolvers for api/editing.graphql: curated edits, imports, exports, versions, the audit trail and tokens.
// Every write goes through applyChange (validated like the seed files, one transaction, versioned, audited).
import type { IResolvers } from 'mercurius';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actorOf, createToken, principalOf, requireRole, type Role } from './auth.ts';
import { AppError, badInput, conflict, limitExceeded, notFound } from '../store/errors.ts';
import { applyChange, type AuditChange, type Change, type ChangeOptions, type ChangeReport } from '../store/apply.ts';
import { importFiles } from './import.ts';
import { bibliography } from './bibliography.ts';
import { EXPORT_FORMATS, readExportData, UnknownNodesError, writeExport, type ExportFormat } from './export.ts';
import { linkIdOf, NODE_SECTIONS, rawOfStoredLink, rawOfStoredNode, type RawValue, type StoredDataset } from '../store/stored-dataset.ts';
import { formatProblem, type Problem } from '../core/dataset.ts';
import { kindOfId } from '../core/model.ts';
import type { Context } from './resolvers.ts';
import { inSession, type Row } from '../store/neo4j.ts';
import { checkId, checkInt } from './arguments.ts';
import type {
  AuditEntryChangesArgs, DatasetDiffChangesArgs, DatasetDiffEntriesArgs, MutationAttachCitationArgs, MutationCreateApiTokenArgs, MutationCreateLinkArgs, MutationCreateNodeArgs, MutationUpdateLinkArgs,
  MutationUpdateNodeArgs, QueryDatasetExportArgs, MutationImportDatasetArgs, MutationPurgeRetiredArgs, MutationRetireLinkArgs, MutationRetireNodeArgs, MutationRevertChangeArgs,
  MutationRevokeApiTokenArgs, QueryAuditTrailArgs, QueryDatasetChangesArgs, QueryDatasetVersionsArgs,
} from './schema-types.ts';
import { loadQueries } from '../store/cypher.ts';
import { decodeJsonList, toPlain } from '../store/records.ts';

export const EDITING_SCHEMA = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'editing.graphql'), 'utf8');

export const EDIT_LIMITS = Object.freeze({ exportNodeIds: 5000, importFiles: 20, auditLimit: 200, versionsLimit: 1000, entryChanges: 500, diffChanges: 1000, diffEntries: 200 });


const need = async (ctx: Context, role: Role, what: string) => requireRole(await principalOf(ctx), role, what);

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

function citationsIn(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((c: { source: string; locator?: string | null }) => (c.locator === null || c.locator === undefined ? { source: c.source } : { source: c.source, locator: c.locator }));
}

/** GraphQL input fields → dataset-format fields; null stays null (it means: remove this field). */
function rawFields(fields: Record<string, unknown>): RawValue {
  const out: RawValue = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === null) out[k] = null;
    else if (k === 'confidence' || k === 'outcome') out[k] = lower(v);
    else if (k === 'citations') out[k] = citationsIn(v);
    else if (k === 'disputes') out[k] = (v as Record<string, unknown>[]).map((d) => ({ ...d, note: d.note ?? undefined, citations: citationsIn(d.citations) }));
    else if (k === 'tracks') out[k] = (v as Record<string, unknown>[]).map((t) => (t.when === null || t.when === undefined ? { track: t.track } : { ...t }));
    else out[k] = v;
  }
  return out;
}

function patch(current: RawValue, fields: RawValue): RawValue {
  const out: RawValue = { ...current };
  for (const [k, v] of Object.entries(fields)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

function nodeEntry(id: string, value: RawValue) {
  const kind = kindOfId(id);
  if (!kind) throw badInput(`'${id}' is not a node id: ids look like person/…, channel/…, source/…`, { argument: 'id' });
  return { file: '(request)', section: NODE_SECTIONS[kind], index: 0, value };
}

const linkEntry = (value: RawValue) => ({ file: '(request)', section: 'links' as const, index: 0, value });

function problemsError(problems: Problem[]): AppError {
  const shown = problems.slice(0, 20).map(formatProblem).join('; ');
  return badInput(`The change is not valid, nothing was written: ${shown}${problems.length > 20 ? ` (and ${problems.length - 20} more)` : ''}`, {
    problems: problems.map((p) => ({ file: p.file, line: p.line ?? null, entry: p.entry, message: p.message })),
  });
}

const changeValue = (c: AuditChange, values = true) => ({
  target: c.kind === 'node' ? 'NODE' : 'LINK', id: c.id, op: c.op.toUpperCase(),
  before: values && c.before ? JSON.stringify(c.before) : null, after: values && c.after ? JSON.stringify(c.after) : null,
});

/** Whether the caller may see the values an audit entry recorded (editors and admins). */
async function seesValues(ctx: Context): Promise<boolean> {
  try {
    requireRole(await principalOf(ctx), 'editor', 'Reading audit values');
    return true;
  } catch {
    return false;
  }
}

/**
 * At most two reads of the audit trail at a time (each parses every entry in its range): twenty callers asking for it
 * at once queue here instead of taking both cores from every other query.
 */
const HEAVY_READS = 2;
let heavyRunning = 0;
const heavyQueue: (() => void)[] = [];
async function heavyRead<T>(run: () => Promise<T>): Promise<T> {
  if (heavyRunning >= HEAVY_READS) await new Promise<void>((resolve) => heavyQueue.push(resolve));
  heavyRunning++;
  try {
    return await run();
  } finally {
    heavyRunning--;
    heavyQueue.shift()?.();
  }
}

/** One page of a list: limit and offset checked against the most a page may hold. */
function page<T>(list: T[], args: { limit: number | null; offset: number | null }, max: number): T[] {
  const limit = checkInt(args.limit, 'limit', 1, max);
  const offset = checkInt(args.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
  return list.slice(offset, offset + limit);
}

function auditValue(r: Row) {
  const changes = decodeJsonList<AuditChange>(r.changesJson);
  return {
    sequence: r.sequence as number, at: String(r.at), actor: String(r.actor), action: String(r.action), summary: String(r.summary),
    detailed: r.detailed !== false, changes, revertOf: (r.revertOf as number | null) ?? null, revertedBy: (r.revertedBy as number | null) ?? null,
    versionBefore: (r.versionBefore as string | null) ?? null, versionAfter: String(r.versionAfter),
  };
}
type AuditValue = ReturnType<typeof auditValue>;

/** Runs one edit for an editor and answers with its audit entry and the dataset it produced. */
async function edit(ctx: Context, what: string, action: ChangeOptions['action'], build: (stored: StoredDataset) => Change | Promise<Change>, summary?: string, revertOf?: number) {
  const who = await need(ctx, 'editor', what);
  const report: ChangeReport = await applyChange(ctx.db.driver, build, { actor: actorOf(who), action, summary, database: ctx.db.database, revertOf });
  if (!report.ok) throw problemsError(report.problems);
  if (report.written) await ctx.analyses.applied(report);
  const dataset = await ctx.snapshots.datasetInfo();
  if (!report.written) return { changed: false, entry: null, dataset };
  const rows = await ctx.db.read('audit-range', { from: report.sequence! - 1, to: report.sequence! });
  return { changed: true, entry: rows[0] ? auditValue(rows[0]) : null, dataset };
}

/** Audit entries after `after` up to `upTo` (the current sequence, under the edit lock) that touched any of `ids`. */
async function entriesTouching(ctx: Context, after: number, upTo: number, ids: Set<string>): Promise<AuditValue[]> {
  if (upTo <= after) return [];
  const entries = (await ctx.db.read('audit-range', { from: after, to: upTo })).map(auditValue);
  // A bulk import kept counts only: it may have touched anything.
  return entries.filter((e) => !e.detailed || e.changes.some((c) => ids.has(c.id)));
}

const described = (e: AuditValue) => `${e.action}, by ${e.actor}`;

/**
 * Optimistic concurrency: `basedOn` is the dataset sequence the client read the item at. Checked under the edit lock,
 * so a write from a stale read is refused rather than silently replacing what someone wrote since.
 */
async function checkBasedOn(ctx: Context, stored: StoredDataset, id: string, basedOn: number): Promise<void> {
  const current = stored.sequence ?? 0;
  if (!Number.isInteger(basedOn) || basedOn < 0) throw badInput('basedOn must be the dataset sequence you read (dataset { sequence })', { argument: 'basedOn' });
  if (basedOn > current) throw badInput(`basedOn ${basedOn} is newer than the current version (${current}); send the dataset sequence you read (dataset { sequence })`, { argument: 'basedOn' });
  const newer = (await entriesTouching(ctx, basedOn, current, new Set([id]))).at(-1);
  if (newer) {
    throw conflict(`${id} was changed by audit entry ${newer.sequence} (${described(newer)}) after the version you read (${basedOn}); nothing was written. Read it again and redo your edit with basedOn: ${newer.sequence} or later.`, { newerSequence: newer.sequence });
  }
}

function liveNode(stored: StoredDataset, id: string) {
  const node = stored.nodes.get(id);
  if (!node) throw notFound(`No live node with id '${id}'. Use search(text: …) to find the right id.`);
  return rawOfStoredNode(node, stored.attendees.get(id));
}

function liveLink(stored: StoredDataset, id: string) {
  const link = stored.links.get(id);
  if (!link) throw notFound(`No live link with id '${id}'. Node.links lists a node's links with their ids.`);
  if (link.type === 'ATTENDED' || link.type === 'SESSION_OF') throw badInput(`${link.type} links follow a session's attendees and channel: update the session instead`);
  return rawOfStoredLink(link);
}

/** Resolves "12" (a sequence number) or a content hash (8+ leading characters) to a version. */
async function versionRef(ctx: Context, ref: string | null | undefined, argument: string): Promise<{ sequence: number; version: string; at: string | null; actor: string | null; summary: string | null }> {
  const meta = (await ctx.db.read('dataset-meta'))[0];
  const history = await ctx.db.read('dataset-versions', { limit: EDIT_LIMITS.versionsLimit });
  const current = { sequence: Number(meta?.sequence ?? 0), version: String(meta?.version ?? 'empty'), at: (meta?.loadedAt as string | null) ?? null, actor: null, summary: 'current' };
  const all = history.map((v) => ({ sequence: v.sequence as number, version: String(v.version), at: (v.at as string | null) ?? null, actor: (v.actor as string | null) ?? null, summary: (v.summary as string | null) ?? null }));
  if (!all.some((v) => v.sequence === current.sequence)) all.unshift(current);
  if (ref === null || ref === undefined) return all.find((v) => v.sequence === current.sequence) ?? current;
  const text = ref.trim();
  const found = /^\d+$/.test(text)
    ? all.find((v) => v.sequence === Number(text))
    : text.length >= 8 ? all.find((v) => v.version.startsWith(text.toLowerCase())) : undefined;
  if (!found) throw notFound(`No dataset version '${text.slice(0, 80)}' (${argument}): give a sequence number or 8+ characters of a content hash; datasetVersions lists them.`);
  return found;
}

/** Net change per item over a run of audit entries: first before, last after; items that came back are left out. */
function netChanges(entries: AuditValue[]) {
  const net = new Map<string, AuditChange>();
  for (const e of entries) {
    for (const c of e.changes) {
      const key = `${c.kind}:${c.id}`;
      const prior = net.get(key);
      net.set(key, prior ? { ...prior, after: c.after } : { ...c });
    }
  }
  const out: AuditChange[] = [];
  for (const c of net.values()) {
    if (JSON.stringify(c.before) === JSON.stringify(c.after)) continue;
    out.push({ ...c, op: c.before === null ? 'added' : c.after === null ? 'retired' : 'updated' });
  }
  return out;
}

/** What a purge keeps of a retired node's recorded values (its id), and of the links that touch it (all but the note). */
function purgedChange(c: AuditChange, id: string): AuditChange {
  const strip = (v: RawValue | null): RawValue | null => {
    if (v === null) return null;
    if (c.kind === 'node' && c.id === id) return { id, purged: true };
    if (c.kind === 'link' && (v.from === id || v.to === id)) {
      const { note: _note, ...rest } = v;
      return rest;
    }
    return v;
  };
  return { ...c, before: strip(c.before), after: strip(c.after) };
}

/**
 * Removes a retired node's personal fields from the graph and from every audit entry that recorded them, in one
 * transaction under the edit lock, and records the purge itself as an audit entry (the dataset is unchanged).
 */
async function purgeRetired(ctx: Context, id: string, actor: string): Promise<{ sequence: number; purged: number }> {
  const queries = loadQueries();
  return inSession(ctx.db.driver, ctx.db.database, async (session) => {
    const tx = session.beginTransaction({ timeout: 5 * 60_000 });
    try {
      const at = new Date().toISOString();
      await tx.run(queries['edit-lock'], { at });
      const rows = (await tx.run(queries['audit-mentioning'], { id })).records.map((r) => ({ sequence: Number(toPlain(r.get('sequence'))), changesJson: String(r.get('changesJson')) }));
      const rewritten = rows.map((r) => {
        // Strict on purpose: an entry that does not parse must stop the purge, not be rewritten as empty.
        const changes = JSON.parse(r.changesJson) as AuditChange[];
        const next = JSON.stringify(changes.map((c) => purgedChange(c, id)));
        return { sequence: r.sequence, changesJson: next, changed: next !== r.changesJson };
      }).filter((r) => r.changed).map(({ sequence, changesJson }) => ({ sequence, changesJson }));
      if (rewritten.length) await tx.run(queries['audit-rewrite'], { rows: rewritten });
      await tx.run(queries['purge-retired-node'], { id, at, actor });
      const meta = (await tx.run(queries['dataset-meta'], {})).records[0];
      const get = (k: string) => toPlain(meta?.get(k));
      const rec = await tx.run(queries['edit-record'], {
        version: get('version'), counts: get('counts') ?? '{}', citedShare: get('citedShare') ?? 0, datedShare: get('datedShare') ?? 0,
        at, actor, action: 'purge', summary: `purged the personal fields of ${id} from ${rewritten.length} audit entries`,
        changesJson: '[]', detailed: true, revertOf: null,
      });
      const sequence = Number(toPlain(rec.records[0]?.get('sequence')));
      await tx.commit();
      return { sequence, purged: rewritten.length };
    } catch (err) {
      await tx.rollback().catch(() => {});
      throw err;
    }
  });
}

const exportFormat = (f: string) => f.toLowerCase() as ExportFormat;

const tokenValue = (r: Row | { id: string; name: string; role: string; createdAt: string; createdBy: string | null; revokedAt: string | null }) => ({
  ...r, role: String(r.role).toUpperCase(),
});

export const editingResolvers = {
  Query: {
    bibliography,
    datasetExport: async (_: unknown, args: QueryDatasetExportArgs, ctx: Context) => {
      if (args.nodeIds && args.nodeIds.length > EDIT_LIMITS.exportNodeIds) {
        throw limitExceeded('nodeIds', EDIT_LIMITS.exportNodeIds, `an export may name at most ${EDIT_LIMITS.exportNodeIds} nodes; leave nodeIds out for the whole dataset`);
      }
      const format = exportFormat(args.format);
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw badInput(`unknown format ${args.format}`, { argument: 'format' });
      try {
        const data = await inSession(ctx.db.driver, ctx.db.database, (session) => session.executeRead((tx) => readExportData(tx, args.nodeIds ?? null)), { mode: 'READ' });
        return {
          format: args.format, datasetVersion: data.meta.datasetVersion, sequence: data.meta.sequence, contentHash: data.meta.contentHash,
          files: writeExport(format, data),
        };
      } catch (err) {
        if (err instanceof UnknownNodesError) throw notFound(`${err.message}. Use search(text: …) to find the right ids.`);
        throw err;
      }
    },
    datasetVersions: async (_: unknown, args: QueryDatasetVersionsArgs, ctx: Context) => {
      const limit = Math.max(1, Math.min(args.limit ?? 50, EDIT_LIMITS.versionsLimit)); // null: the SDL's default
      const rows = await ctx.db.read('dataset-versions', { limit });
      const current = (await ctx.db.read('dataset-meta'))[0];
      const out = rows.map((v) => ({ sequence: v.sequence, version: v.version, at: v.at, actor: v.actor, summary: v.summary }));
      if (current && !out.some((v) => v.sequence === current.sequence)) {
        out.unshift({ sequence: current.sequence, version: current.version, at: current.loadedAt, actor: null, summary: 'current' });
      }
      return out.slice(0, limit);
    },
    datasetChanges: (_: unknown, args: QueryDatasetChangesArgs, ctx: Context) => heavyRead(async () => {
      const a = await versionRef(ctx, args.from, 'from');
      const b = await versionRef(ctx, args.to, 'to');
      const [lo, hi] = a.sequence <= b.sequence ? [a, b] : [b, a];
      const entries = (await ctx.db.read('audit-range', { from: lo.sequence, to: hi.sequence })).map(auditValue);
      let changes = netChanges(entries);
      if (a.sequence > b.sequence) {
        changes = changes.map((c) => ({ ...c, before: c.after, after: c.before, op: c.op === 'added' ? 'retired' : c.op === 'retired' ? 'added' : 'updated' }));
      }
      return { from: a, to: b, changes: changes.map((c) => changeValue(c)), complete: entries.every((e) => e.detailed), entries };
    }),
    auditTrail: (_: unknown, args: QueryAuditTrailArgs, ctx: Context) => heavyRead(async () => {
      const limit = Math.max(1, Math.min(args.limit ?? 20, EDIT_LIMITS.auditLimit)); // null: the SDL's default
      return (await ctx.db.read('audit-entries', { before: args.before ?? null, limit })).map(auditValue);
    }),
    viewer: async (_: unknown, __: unknown, ctx: Context) => {
      const p = await principalOf(ctx);
      if (!p) return null;
      const row = (await ctx.db.read('token-list')).find((t) => t.id === p.tokenId);
      return row ? tokenValue(row) : null;
    },
    apiTokens: async (_: unknown, __: unknown, ctx: Context) => {
      await need(ctx, 'admin', 'Listing API tokens');
      return (await ctx.db.read('token-list')).map(tokenValue);
    },
  },
  Mutation: {
    createNode: (_: unknown, args: MutationCreateNodeArgs, ctx: Context) =>
      edit(ctx, 'Creating a node', 'create', (stored) => {
        if (stored.nodes.has(args.id)) throw badInput(`'${args.id}' exists already; use updateNode to change it`, { argument: 'id' });
        return { entries: [nodeEntry(args.id, patch({ id: args.id }, rawFields(args.fields)))] };
      }, `created ${args.id}`),
    updateNode: (_: unknown, args: MutationUpdateNodeArgs, ctx: Context) =>
      edit(ctx, 'Updating a node', 'update', async (stored) => {
        liveNode(stored, args.id);
        await checkBasedOn(ctx, stored, args.id, args.basedOn);
        const fields = rawFields(args.fields);
        delete fields.id;
        return { entries: [nodeEntry(args.id, patch(liveNode(stored, args.id), fields))] };
      }, `updated ${args.id}`),
    retireNode: (_: unknown, args: MutationRetireNodeArgs, ctx: Context) =>
      edit(ctx, 'Retiring a node', 'retire', (stored) => {
        liveNode(stored, args.id);
        return { entries: [], retireNodes: [args.id] };
      }, `retired ${args.id}${args.reason ? ` (${args.reason.slice(0, 200)})` : ''}`),
    createLink: (_: unknown, args: MutationCreateLinkArgs, ctx: Context) =>
      edit(ctx, 'Creating a link', 'create', (stored) => {
        const value = patch({}, rawFields(args.fields));
        const id = linkIdOf(value);
        if (stored.links.has(id)) throw badInput(`a link '${id}' exists already; use updateLink, or give this one an explicit id (link/…)`);
        return { entries: [linkEntry(value)] };
      }, 'created a link'),
    updateLink: (_: unknown, args: MutationUpdateLinkArgs, ctx: Context) =>
      edit(ctx, 'Updating a link', 'update', async (stored) => {
        liveLink(stored, args.id);
        await checkBasedOn(ctx, stored, args.id, args.basedOn);
        const value = patch(liveLink(stored, args.id), rawFields(args.fields));
        const id = linkIdOf(value);
        // Without an explicit id a link's id names its type, ends and date: changing them makes a new link.
        return { entries: [linkEntry(value)], retireLinks: id === args.id ? [] : [args.id] };
      }, `updated ${args.id}`),
    retireLink: (_: unknown, args: MutationRetireLinkArgs, ctx: Context) =>
      edit(ctx, 'Retiring a link', 'retire', (stored) => {
        liveLink(stored, args.id);
        return { entries: [], retireLinks: [args.id] };
      }, `retired ${args.id}${args.reason ? ` (${args.reason.slice(0, 200)})` : ''}`),
    attachCitation: (_: unknown, args: MutationAttachCitationArgs, ctx: Context) =>
      edit(ctx, 'Attaching a citation', 'cite', (stored) => {
        const isNode = stored.nodes.has(args.id);
        const current = isNode ? liveNode(stored, args.id) : liveLink(stored, args.id);
        const citation = (citationsIn([args.citation]) as RawValue[])[0];
        const list = Array.isArray(current.citations) ? (current.citations as RawValue[]) : [];
        const already = list.some((c) => c.source === citation.source && (c.locator ?? null) === (citation.locator ?? null));
        const value = already ? current : { ...current, citations: [...list, citation] };
        return { entries: [isNode ? nodeEntry(args.id, value) : linkEntry(value)] };
      }, `cited ${args.citation.source} for ${args.id}`),
    revertChange: async (_: unknown, args: MutationRevertChangeArgs, ctx: Context) => {
      // The token first: without the editor role nothing is looked up (not even whether the entry exists).
      await need(ctx, 'editor', 'Reverting a change');
      const row = (await ctx.db.read('audit-range', { from: args.sequence - 1, to: args.sequence }))[0];
      if (!row) throw notFound(`No audit entry ${args.sequence}; auditTrail lists them.`);
      const entry = auditValue(row);
      if (!entry.detailed) throw badInput(`Audit entry ${args.sequence} is a bulk import recorded by counts only; it cannot be reverted item by item. Import a previous export instead.`);
      if (entry.revertedBy !== null) throw badInput(`Audit entry ${args.sequence} was already reverted by entry ${entry.revertedBy}.`);
      return edit(ctx, 'Reverting a change', 'revert', async (stored) => {
        // Restoring "before" over a later edit of the same item would make that edit vanish: refuse, and say which.
        const items = new Set(entry.changes.map((c) => c.id));
        const later = await entriesTouching(ctx, entry.sequence, stored.sequence ?? 0, items);
        if (later.length > 0) {
          const named = later.reverse().map((e) => `entry ${e.sequence} (${described(e)}: ${e.detailed ? e.changes.filter((c) => items.has(c.id)).map((c) => c.id).join(', ') : 'a bulk import'})`);
          throw conflict(`Audit entry ${entry.sequence} cannot be reverted: a later change touched the same items, and reverting would undo it too: ${named.join('; ')}. Revert ${later[0].sequence} first, or edit the item by hand; nothing was written.`, { newerSequence: later[0].sequence });
        }
        const change: Required<Change> = { entries: [], retireNodes: [], retireLinks: [] };
        for (const c of entry.changes) {
          if (c.before === null) {
            if (c.kind === 'node' && stored.nodes.has(c.id)) change.retireNodes.push(c.id);
            if (c.kind === 'link' && stored.links.has(c.id)) change.retireLinks.push(c.id);
          } else if (c.kind === 'node') {
            change.entries.push(nodeEntry(c.id, c.before));
          } else {
            change.entries.push(linkEntry(c.before));
          }
        }
        return change;
      }, `revert of ${args.sequence}`, args.sequence);
    },
    purgeRetired: async (_: unknown, args: MutationPurgeRetiredArgs, ctx: Context) => {
      const who = await need(ctx, 'admin', 'Purging a retired entity');
      const id = checkId(args.id);
      const state = (await ctx.db.read('node-state', { id }))[0];
      if (state?.live) throw badInput(`${id} is live: retire it first (retireNode), then purge it.`, { argument: 'id' });
      if (!state?.retired) throw notFound(`No retired node '${id}'; auditTrail lists what was retired.`);
      const { sequence, purged } = await purgeRetired(ctx, id, actorOf(who));
      ctx.analyses.invalidate();
      const rows = await ctx.db.read('audit-range', { from: sequence - 1, to: sequence });
      return { entry: rows[0] ? auditValue(rows[0]) : null, entriesPurged: purged };
    },
    importDataset: async (_: unknown, args: MutationImportDatasetArgs, ctx: Context) => {
      const who = await need(ctx, 'editor', 'Importing');
      if (args.files.length > EDIT_LIMITS.importFiles) throw limitExceeded('files', EDIT_LIMITS.importFiles, `at most ${EDIT_LIMITS.importFiles} files per import`);
      const report = await importFiles(ctx.db.driver, args.files.map((f) => ({ file: f.name, text: f.text })), {
        actor: actorOf(who), dryRun: args.dryRun === true, database: ctx.db.database,
      });
      if (report.written) await ctx.analyses.applied(report);
      return {
        ok: report.ok, dryRun: report.dryRun, written: report.written,
        problems: report.problems.map((p) => ({ ...p, line: p.line ?? null })),
        counts: Object.entries(report.counts).map(([kind, c]) => ({ kind, ...c })),
        version: report.version, sequence: report.sequence,
      };
    },
    createApiToken: async (_: unknown, args: MutationCreateApiTokenArgs, ctx: Context) => {
      const who = await need(ctx, 'admin', 'Creating API tokens');
      const name = args.name.trim();
      if (name === '' || name.length > 100) throw badInput('name must be 1–100 characters', { argument: 'name' });
      const { token, info } = await createToken((q, p) => ctx.db.write(q, p), name, args.role.toLowerCase() as Role, actorOf(who));
      return { token, info: tokenValue(info) };
    },
    revokeApiToken: async (_: unknown, args: MutationRevokeApiTokenArgs, ctx: Context) => {
      await need(ctx, 'admin', 'Revoking API tokens');
      const row = (await ctx.db.write('token-revoke', { id: args.id, at: new Date().toISOString() }))[0];
      if (!row) throw notFound(`No API token '${args.id.slice(0, 40)}'; apiTokens lists them.`);
      return tokenValue(row);
    },
  },
  AuditEntry: {
    changes: async (e: AuditValue, args: AuditEntryChangesArgs, ctx: Context) => {
      const values = await seesValues(ctx);
      return page(e.changes, args, EDIT_LIMITS.entryChanges).map((c) => changeValue(c, values));
    },
    changeCount: (e: AuditValue) => e.changes.length,
  },
  DatasetDiff: {
    changes: (d: { changes: unknown[] }, args: DatasetDiffChangesArgs) => page(d.changes, args, EDIT_LIMITS.diffChanges),
    changeCount: (d: { changes: unknown[] }) => d.changes.length,
    entries: (d: { entries: AuditValue[] }, args: DatasetDiffEntriesArgs) => page(d.entries, args, EDIT_LIMITS.diffEntries),
  },
};

/** The API's resolvers with the editing ones merged in (Query fields added, Mutation and new types). */
export function withEditing(base: IResolvers): IResolvers {
  const baseQuery = (base.Query ?? {}) as Record<string, unknown>;
  return { ...base, ...editingResolvers, Query: { ...baseQuery, ...editingResolvers.Query } } as IResolvers;
}
