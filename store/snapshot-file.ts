// The engine's snapshot kept on disk beside the data, so that a start reads one file instead of three whole-graph
// Cypher queries. The file is only ever a copy: it names the database it came from (its store id and creation time,
// which Neo4j holds, since element ids mean nothing in another database) and the dataset version and sequence it
// holds, and is used only when all three match what the database says now and its checksum holds; else it is ignored.
//
// Layout: a magic line, a header line (JSON: key, counts, body length and SHA-256), then the body: one JSON array
// per line, [column, values], columns chunked so that no line nears V8's string limit at 10M links. Repetitive text
// (kinds, types, dates, citations, element-id prefixes) goes through one string table, each distinct value once.
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Confidence, LinkType, NodeKind, OfficeRank, Outcome } from '../core/model.ts';
import type { GraphLink, GraphNode } from '../engine/graph.ts';
import { decodeJsonList, decodeWhen, type CitationRecord, type LinkEvidence, type ProjectedLink, type ProjectedNode, type SessionRecord, type StoredNode } from './records.ts';

// /2: nodes carry their stored properties and links their evidence (what the API's loaders serve from the snapshot).
const MAGIC = 'backchannel-snapshot/2';
const CHUNK = 200_000;
/** Files for other databases (other NEO4J_URIs, deleted test databases) kept in one folder before the oldest go. */
const KEEP_FILES = 8;

/** What a file must match to be used: the database it was read from and the dataset state it holds. */
export interface SnapshotKey {
  /** The database's own identity (db.info(): store id and creation time) and name. */
  identity: string;
  version: string;
  sequence: number | null;
}

/** A snapshot's contents before the engine's indexes are built from them (store/snapshot.ts assembles those). */
export interface SnapshotParts {
  nodes: ReadonlyMap<string, GraphNode>;
  links: GraphLink[];
  elementIds: string[];
  sessions: SessionRecord[];
}

interface Header extends SnapshotKey {
  nodes: number;
  links: number;
  sessions: number;
  bodyBytes: number;
  sha256: string;
  writtenAt: string;
}

/** Why a file was not used, in a sentence for the log. */
export class SnapshotFileRejected extends Error {}

/** The file for this database in the folder: one per database, named by a hash of its identity. */
export function snapshotFilePath(dir: string, identity: string): string {
  return path.join(dir, `snapshot-${createHash('sha256').update(identity).digest('hex').slice(0, 16)}.bin`);
}

/** A string table: each distinct value gets a small number; -1 is absent. */
class Strings {
  readonly list: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string | undefined | null): number {
    if (value === undefined || value === null) return -1;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.list.length;
      this.list.push(value);
      this.codes.set(value, c);
    }
    return c;
  }
}

/** The body's columns: plain arrays of numbers and strings, so that JSON reads them fast. */
function columnsOf(parts: SnapshotParts): Map<string, unknown[]> {
  const strings = new Strings();
  const nodeList = [...parts.nodes.values()];
  const nodeAt = new Map<string, number>();
  nodeList.forEach((n, i) => nodeAt.set(n.id, i));
  const cols = new Map<string, unknown[]>();
  cols.set('node.id', nodeList.map((n) => n.id));
  cols.set('node.kind', nodeList.map((n) => strings.code(n.kind)));
  cols.set('node.name', nodeList.map((n) => n.name));
  cols.set('node.side', nodeList.map((n) => strings.code(n.side)));
  // The node's stored properties (records.ts ProjectedNode.stored), or null when its projection row had none.
  cols.set('node.stored', nodeList.map((n) => {
    const stored = (n as ProjectedNode).stored;
    return stored === undefined ? null : JSON.stringify(stored);
  }));
  const L = parts.links;
  cols.set('link.id', L.map((l) => l.id));
  cols.set('link.type', L.map((l) => strings.code(l.type)));
  cols.set('link.from', L.map((l) => nodeAt.get(l.from)!));
  cols.set('link.to', L.map((l) => nodeAt.get(l.to)!));
  cols.set('link.when', L.map((l) => strings.code(l.when?.text)));
  cols.set('link.confidence', L.map((l) => strings.code(l.confidence)));
  cols.set('link.outcome', L.map((l) => strings.code(l.outcome)));
  cols.set('link.rank', L.map((l) => strings.code(l.rank)));
  cols.set('link.title', L.map((l) => strings.code(l.title)));
  cols.set('link.place', L.map((l) => strings.code(l.place)));
  cols.set('link.about', L.map((l) => strings.code(l.about)));
  // A link's evidence (records.ts ProjectedLink.evidence): -1 for none, else its JSON in the string table (most
  // links share the empty one).
  cols.set('link.evidence', L.map((l) => {
    const evidence = (l as ProjectedLink).evidence;
    return evidence === undefined ? -1 : strings.code(JSON.stringify(evidence));
  }));
  // Links often share one citation list object (a session's attendances): stringify each list once.
  const citationCode = new Map<CitationRecord[], number>();
  cols.set('link.citations', L.map((l) => {
    let c = citationCode.get(l.citations);
    if (c === undefined) {
      c = strings.code(JSON.stringify(l.citations));
      citationCode.set(l.citations, c);
    }
    return c;
  }));
  // Element ids are "<kind>:<database id>:<number>": the long prefix once, the number per link.
  const cut = parts.elementIds.map((e) => e.lastIndexOf(':'));
  cols.set('link.eidPrefix', parts.elementIds.map((e, i) => strings.code(e.slice(0, cut[i] + 1))));
  cols.set('link.eidTail', parts.elementIds.map((e, i) => e.slice(cut[i] + 1)));
  cols.set('sessions', parts.sessions.map((s) => [s.id, s.channelId, s.when?.text ?? null, s.place ?? null, s.attendees, JSON.stringify(s.citations)]));
  cols.set('strings', strings.list);
  return cols;
}

/** The body as lines: [column, values] per chunk of at most CHUNK values. */
function* bodyLines(parts: SnapshotParts): Generator<string> {
  for (const [name, values] of columnsOf(parts)) {
    if (values.length === 0) yield `${JSON.stringify([name, []])}\n`;
    for (let i = 0; i < values.length; i += CHUNK) yield `${JSON.stringify([name, values.slice(i, i + CHUNK)])}\n`;
  }
}

/**
 * Writes the snapshot's file for this key: to a temporary name first, renamed into place once complete, so that a
 * reader (another API process on the same folder) sees the old file or the new one, never half of one. Returns the
 * file's size in bytes.
 */
export async function writeSnapshotFile(dir: string, key: SnapshotKey, parts: SnapshotParts): Promise<number> {
  await mkdir(dir, { recursive: true });
  const target = snapshotFilePath(dir, key.identity);
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let bodyBytes = 0;
  for (const line of bodyLines(parts)) {
    const buf = Buffer.from(line);
    hash.update(buf);
    chunks.push(buf);
    bodyBytes += buf.length;
    // Lets requests run between chunks: the file is written while the API answers.
    await new Promise((r) => setImmediate(r));
  }
  const header: Header = {
    identity: key.identity, version: key.version, sequence: key.sequence,
    nodes: parts.nodes.size, links: parts.links.length, sessions: parts.sessions.length,
    bodyBytes, sha256: hash.digest('hex'), writtenAt: new Date().toISOString(),
  };
  const head = Buffer.from(`${MAGIC}\n${JSON.stringify(header)}\n`);
  const file = await open(temp, 'w');
  try {
    await file.write(head);
    for (const c of chunks) await file.write(c);
  } catch (err) {
    await file.close();
    await rm(temp, { force: true });
    throw err;
  }
  await file.close();
  await rename(temp, target);
  await prune(dir, target);
  return head.length + bodyBytes;
}

/** Keeps the newest KEEP_FILES snapshot files of the folder (other databases' files go stale and are never read). */
async function prune(dir: string, keep: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => /^snapshot-[0-9a-f]{16}\.bin$/.test(n));
  if (names.length <= KEEP_FILES) return;
  const dated = await Promise.all(names.map(async (n) => ({ file: path.join(dir, n), at: (await stat(path.join(dir, n)).catch(() => null))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.at - a.at);
  for (const { file } of dated.slice(KEEP_FILES)) if (file !== keep) await rm(file, { force: true });
}

/**
 * The snapshot's contents from its file, or a SnapshotFileRejected saying why not: no file, another database, another
 * version or sequence, or a file that is truncated or corrupt (its length or SHA-256 differs from the header's).
 */
export async function readSnapshotFile(dir: string, key: SnapshotKey): Promise<SnapshotParts> {
  const file = snapshotFilePath(dir, key.identity);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    throw new SnapshotFileRejected(`no snapshot file ${file} yet`);
  }
  const first = buf.indexOf(10);
  const second = first < 0 ? -1 : buf.indexOf(10, first + 1);
  if (second < 0 || buf.toString('utf8', 0, first) !== MAGIC) throw new SnapshotFileRejected(`${file} is not a snapshot file of this format`);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', first + 1, second)) as Header;
  } catch {
    throw new SnapshotFileRejected(`${file} has an unreadable header`);
  }
  if (header.identity !== key.identity) throw new SnapshotFileRejected(`${file} was read from another database (${header.identity}, not ${key.identity})`);
  if (header.version !== key.version || header.sequence !== key.sequence) {
    throw new SnapshotFileRejected(`${file} holds version ${header.version} (sequence ${header.sequence}), the database has ${key.version} (sequence ${key.sequence})`);
  }
  const body = buf.subarray(second + 1);
  if (body.length !== header.bodyBytes) throw new SnapshotFileRejected(`${file} is truncated or padded (${body.length} bytes of body, the header says ${header.bodyBytes})`);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) throw new SnapshotFileRejected(`${file} is corrupt (its checksum does not match)`);
  try {
    return partsOf(columnsFrom(body));
  } catch (err) {
    throw new SnapshotFileRejected(`${file} could not be decoded: ${(err as Error).message}`);
  }
}

function columnsFrom(body: Buffer): Map<string, unknown[]> {
  const cols = new Map<string, unknown[]>();
  let at = 0;
  while (at < body.length) {
    const end = body.indexOf(10, at);
    const [name, values] = JSON.parse(body.toString('utf8', at, end < 0 ? body.length : end)) as [string, unknown[]];
    const list = cols.get(name);
    if (list) for (const v of values) list.push(v);
    else cols.set(name, values);
    at = end < 0 ? body.length : end + 1;
  }
  return cols;
}

/** The columns back as the engine's nodes, links and sessions, shaped as records.ts decodes Neo4j's rows. */
function partsOf(cols: Map<string, unknown[]>): SnapshotParts {
  const col = <T>(name: string) => {
    const c = cols.get(name);
    if (!c) throw new Error(`the column ${name} is missing`);
    return c as T[];
  };
  const strings = col<string>('strings');
  const text = (c: number) => (c < 0 ? undefined : strings[c]);
  // Each distinct date and citation list is decoded once and shared, as the engine never changes them.
  const whens = new Map<number, ReturnType<typeof decodeWhen>>();
  const whenOf = (c: number) => {
    if (c < 0) return undefined;
    if (!whens.has(c)) whens.set(c, decodeWhen(strings[c]));
    return whens.get(c);
  };
  const citationLists = new Map<number, CitationRecord[]>();
  const citationsOf = (c: number) => {
    let list = citationLists.get(c);
    if (!list) citationLists.set(c, (list = decodeJsonList<CitationRecord>(strings[c])));
    return list;
  };

  const ids = col<string>('node.id');
  const kinds = col<number>('node.kind');
  const names = col<string>('node.name');
  const sides = col<number>('node.side');
  const stored = col<string | null>('node.stored');
  const nodes = new Map<string, GraphNode>();
  for (let i = 0; i < ids.length; i++) {
    const node: ProjectedNode = { id: ids[i], kind: text(kinds[i]) as NodeKind, name: names[i], side: text(sides[i]) };
    if (stored[i] !== null) node.stored = JSON.parse(stored[i]!) as StoredNode;
    nodes.set(ids[i], node);
  }
  // Each distinct evidence is decoded once and shared (frozen: the API only reads it), as records.ts shares the empty one.
  const evidenceCol = col<number>('link.evidence');
  const evidences = new Map<number, LinkEvidence>();
  const evidenceOf = (c: number) => {
    let e = evidences.get(c);
    if (!e) evidences.set(c, (e = Object.freeze(JSON.parse(strings[c]) as LinkEvidence)));
    return e;
  };

  const linkIds = col<string>('link.id');
  const [type, from, to, when, confidence, outcome, rank, title, place, about, citations, eidPrefix] = [
    'type', 'from', 'to', 'when', 'confidence', 'outcome', 'rank', 'title', 'place', 'about', 'citations', 'eidPrefix',
  ].map((c) => col<number>(`link.${c}`));
  const eidTail = col<string>('link.eidTail');
  const links: GraphLink[] = new Array(linkIds.length);
  const elementIds: string[] = new Array(linkIds.length);
  for (let i = 0; i < linkIds.length; i++) {
    links[i] = {
      id: linkIds[i], type: text(type[i]) as LinkType, from: ids[from[i]], to: ids[to[i]],
      when: whenOf(when[i]), confidence: text(confidence[i]) as Confidence,
      outcome: text(outcome[i]) as Outcome | undefined, rank: text(rank[i]) as OfficeRank | undefined,
      title: text(title[i]), place: text(place[i]), about: text(about[i]),
      citations: citationsOf(citations[i]),
    };
    if (evidenceCol[i] >= 0) (links[i] as ProjectedLink).evidence = evidenceOf(evidenceCol[i]);
    elementIds[i] = strings[eidPrefix[i]] + eidTail[i];
  }
  const sessions: SessionRecord[] = col<[string, string, string | null, string | null, string[], string]>('sessions').map(([id, channelId, w, p, attendees, c]) => ({
    id, channelId, when: decodeWhen(w), place: p ?? undefined, attendees, citations: decodeJsonList<CitationRecord>(c),
  }));
  return { nodes, links, elementIds, sessions };
}
