// The engine's snapshot kept on disk beside the data, so that a start reads one file instead of three whole-graph
// Cypher queries. The file is only ever a copy: it names the database it came from (its store id and creation time,
// which Neo4j holds, since element ids mean nothing in another database) and the dataset version and sequence it
// holds, and is used only when all three match what the database says now and its checksum holds; else it is ignored.
//
// Layout: a magic line, a header line (JSON: key, counts, the body's segments, its length and SHA-256), then the body:
// the segments back to back, little-endian. A number column is one segment of raw Int32 values (no parsing to read
// it); a text column is segments of at most CHUNK values, each its values' UTF-16 lengths (Int32, -1 for null) and
// then their UTF-8 bytes, decoded with one toString and cut by the lengths, so that no string nears V8's limit at
// 10M links. Repetitive text (kinds, types, dates, citations, element-id prefixes) goes through one string table,
// each distinct value once, and its columns hold the codes.
import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Confidence, LinkType, NodeKind, OfficeRank, Outcome } from '../core/model.ts';
import { BUILT_COLUMN_NAMES, builtColumnsOf, type BuiltColumns, type GraphLink, type GraphNode, type TemporalGraph } from '../engine/graph.ts';
import { decodeJsonList, decodeWhen, type CitationRecord, type LinkEvidence, type ProjectedLink, type ProjectedNode, type SessionRecord, type StoredNode } from './records.ts';

// /2: nodes carry their stored properties and links their evidence (what the API's loaders serve from the snapshot).
// /3: binary segments instead of JSON lines (reading /2 at 1M links spent 3 s in JSON.parse).
const MAGIC = 'backchannel-snapshot/3';
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
  /** Written: the engine's graph of these nodes and links, whose built columns the file keeps too. */
  graph?: TemporalGraph;
  /** Read: those columns, for engine/graph.ts graphFromColumns (absent when the file was written without a graph). */
  built?: BuiltColumns;
}

/** The built columns the file keeps (linkFrom and linkTo are its link.from and link.to columns). */
const BUILT = BUILT_COLUMN_NAMES.filter((name) => name !== 'linkFrom' && name !== 'linkTo');

/** One stretch of the body: `count` values of a column, `bytes` long. */
interface Segment {
  column: string;
  type: 'int32' | 'uint8' | 'float64' | 'text';
  count: number;
  bytes: number;
}

interface Header extends SnapshotKey {
  nodes: number;
  links: number;
  sessions: number;
  segments: Segment[];
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

/** A column as written: string-table codes and node positions as Int32, the graph's arrays as they are, text as strings (null for none). */
type Numbers = Int32Array | Uint8Array | Float64Array;
type Column = Numbers | (string | null)[];

const ARRAYS = { int32: Int32Array, uint8: Uint8Array, float64: Float64Array } as const;

function typeOf(values: Numbers): Exclude<Segment['type'], 'text'> {
  return values instanceof Int32Array ? 'int32' : values instanceof Uint8Array ? 'uint8' : 'float64';
}

/** The body's columns. */
function columnsOf(parts: SnapshotParts): Map<string, Column> {
  const strings = new Strings();
  const nodeList = [...parts.nodes.values()];
  const nodeAt = new Map<string, number>();
  nodeList.forEach((n, i) => nodeAt.set(n.id, i));
  const cols = new Map<string, Column>();
  const codes = <T>(list: readonly T[], code: (item: T, i: number) => number) => Int32Array.from(list, code);
  cols.set('node.id', nodeList.map((n) => n.id));
  cols.set('node.kind', codes(nodeList, (n) => strings.code(n.kind)));
  cols.set('node.name', nodeList.map((n) => n.name));
  cols.set('node.side', codes(nodeList, (n) => strings.code(n.side)));
  // The node's stored properties (records.ts ProjectedNode.stored), or null when its projection row had none.
  cols.set('node.stored', nodeList.map((n) => {
    const stored = (n as ProjectedNode).stored;
    return stored === undefined ? null : JSON.stringify(stored);
  }));
  const L = parts.links;
  cols.set('link.id', L.map((l) => l.id));
  cols.set('link.type', codes(L, (l) => strings.code(l.type)));
  cols.set('link.from', codes(L, (l) => nodeAt.get(l.from)!));
  cols.set('link.to', codes(L, (l) => nodeAt.get(l.to)!));
  cols.set('link.when', codes(L, (l) => strings.code(l.when?.text)));
  cols.set('link.confidence', codes(L, (l) => strings.code(l.confidence)));
  cols.set('link.outcome', codes(L, (l) => strings.code(l.outcome)));
  cols.set('link.rank', codes(L, (l) => strings.code(l.rank)));
  cols.set('link.title', codes(L, (l) => strings.code(l.title)));
  cols.set('link.place', codes(L, (l) => strings.code(l.place)));
  cols.set('link.about', codes(L, (l) => strings.code(l.about)));
  // A link's evidence (records.ts ProjectedLink.evidence): -1 for none, else its JSON in the string table (most
  // links share the empty one).
  cols.set('link.evidence', codes(L, (l) => {
    const evidence = (l as ProjectedLink).evidence;
    return evidence === undefined ? -1 : strings.code(JSON.stringify(evidence));
  }));
  // Links often share one citation list object (a session's attendances): stringify each list once.
  const citationCode = new Map<CitationRecord[], number>();
  cols.set('link.citations', codes(L, (l) => {
    let c = citationCode.get(l.citations);
    if (c === undefined) {
      c = strings.code(JSON.stringify(l.citations));
      citationCode.set(l.citations, c);
    }
    return c;
  }));
  // Element ids are "<kind>:<database id>:<number>": the long prefix once, the number per link.
  const cut = parts.elementIds.map((e) => e.lastIndexOf(':'));
  cols.set('link.eidPrefix', codes(parts.elementIds, (e, i) => strings.code(e.slice(0, cut[i] + 1))));
  cols.set('link.eidTail', parts.elementIds.map((e, i) => e.slice(cut[i] + 1)));
  cols.set('sessions', parts.sessions.map((s) => JSON.stringify([s.id, s.channelId, s.when?.text ?? null, s.place ?? null, s.attendees, JSON.stringify(s.citations)])));
  cols.set('strings', strings.list);
  if (parts.graph) {
    const built = builtColumnsOf(parts.graph);
    for (const name of BUILT) cols.set(`graph.${name}`, built[name]);
  }
  return cols;
}

/** A column's values' bytes as they lie in memory (little-endian on every machine this runs on: see below). */
function bytesOf(values: Numbers): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** The body's segments, each with its bytes: a number column whole, a text column per CHUNK values. */
function* bodySegments(parts: SnapshotParts): Generator<{ segment: Segment; bytes: Buffer }> {
  for (const [column, values] of columnsOf(parts)) {
    if (!Array.isArray(values)) {
      yield { segment: { column, type: typeOf(values), count: values.length, bytes: values.byteLength }, bytes: bytesOf(values) };
      continue;
    }
    for (let i = 0; i === 0 || i < values.length; i += CHUNK) {
      const slice = values.slice(i, i + CHUNK);
      const lengths = Int32Array.from(slice, (v) => (v === null ? -1 : v.length));
      const text = Buffer.from(slice.join(''));
      const bytes = Buffer.concat([bytesOf(lengths), text]);
      yield { segment: { column, type: 'text', count: slice.length, bytes: bytes.length }, bytes };
    }
  }
}

/**
 * Writes the snapshot's file for this key: to a temporary name first, renamed into place once complete, so that a
 * reader (another API process on the same folder) sees the old file or the new one, never half of one. Returns the
 * file's size in bytes.
 */
export async function writeSnapshotFile(dir: string, key: SnapshotKey, parts: SnapshotParts): Promise<number> {
  // Typed arrays are written as they lie in memory; a big-endian machine would write a file no other could read.
  if (os.endianness() !== 'LE') throw new Error('the snapshot file is little-endian; this machine is not');
  await mkdir(dir, { recursive: true });
  const target = snapshotFilePath(dir, key.identity);
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  const segments: Segment[] = [];
  let bodyBytes = 0;
  for (const { segment, bytes } of bodySegments(parts)) {
    hash.update(bytes);
    chunks.push(bytes);
    segments.push(segment);
    bodyBytes += bytes.length;
    // Lets requests run between segments: the file is written while the API answers.
    await new Promise((r) => setImmediate(r));
  }
  const header: Header = {
    identity: key.identity, version: key.version, sequence: key.sequence,
    nodes: parts.nodes.size, links: parts.links.length, sessions: parts.sessions.length,
    segments, bodyBytes, sha256: hash.digest('hex'), writtenAt: new Date().toISOString(),
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

/** Reads exactly target.length bytes at position (a read may return fewer). */
async function readFully(handle: FileHandle, target: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await handle.read(target, done, target.length - done, position + done);
    if (bytesRead === 0) throw new Error(`the file ended at byte ${position + done}`);
    done += bytesRead;
  }
}

/** The magic and header lines: read in growing pieces until both newlines are in (a header is a few kilobytes). */
async function readHead(handle: FileHandle, size: number): Promise<{ magic: string; header: string; bodyStart: number } | null> {
  let length = Math.min(size, 64 * 1024);
  for (;;) {
    const buf = Buffer.alloc(length);
    await readFully(handle, buf, 0);
    const first = buf.indexOf(10);
    const second = first < 0 ? -1 : buf.indexOf(10, first + 1);
    if (second >= 0) return { magic: buf.toString('utf8', 0, first), header: buf.toString('utf8', first + 1, second), bodyStart: second + 1 };
    if (length >= size || length >= 64 * 2 ** 20) return null;
    length = Math.min(size, length * 4);
  }
}

/** A segment's values as read: a number column's array itself, or a text segment's bytes still to decode. */
type RawSegment = { segment: Segment; numbers: Numbers } | { segment: Segment; text: Buffer };

/**
 * The snapshot's contents from its file, or a SnapshotFileRejected saying why not: no file, another database, another
 * version or sequence, or a file that is truncated or corrupt (its length or SHA-256 differs from the header's). The
 * body is read segment by segment, each number column straight into its typed array: no whole-file buffer (past
 * 2 GiB, as 10M links may reach, Node's readFile refuses one) and no copy of the numbers.
 */
export async function readSnapshotFile(dir: string, key: SnapshotKey): Promise<SnapshotParts> {
  const file = snapshotFilePath(dir, key.identity);
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    throw new SnapshotFileRejected(`no snapshot file ${file} yet`);
  }
  try {
    const size = (await handle.stat()).size;
    const head = await readHead(handle, size);
    if (!head || head.magic !== MAGIC) throw new SnapshotFileRejected(`${file} is not a snapshot file of this format`);
    let header: Header;
    try {
      header = JSON.parse(head.header) as Header;
    } catch {
      throw new SnapshotFileRejected(`${file} has an unreadable header`);
    }
    if (header.identity !== key.identity) throw new SnapshotFileRejected(`${file} was read from another database (${header.identity}, not ${key.identity})`);
    if (header.version !== key.version || header.sequence !== key.sequence) {
      throw new SnapshotFileRejected(`${file} holds version ${header.version} (sequence ${header.sequence}), the database has ${key.version} (sequence ${key.sequence})`);
    }
    const bodyBytes = size - head.bodyStart;
    if (bodyBytes !== header.bodyBytes) throw new SnapshotFileRejected(`${file} is truncated or padded (${bodyBytes} bytes of body, the header says ${header.bodyBytes})`);
    let raw: RawSegment[];
    const hash = createHash('sha256');
    try {
      raw = await readSegments(handle, head.bodyStart, header, hash);
    } catch (err) {
      throw new SnapshotFileRejected(`${file} could not be read: ${(err as Error).message}`);
    }
    // Checked before anything is decoded: a corrupt file is reported as corrupt, whatever its bytes would decode to.
    if (hash.digest('hex') !== header.sha256) throw new SnapshotFileRejected(`${file} is corrupt (its checksum does not match)`);
    try {
      return partsOf(columnsFrom(raw));
    } catch (err) {
      throw new SnapshotFileRejected(`${file} could not be decoded: ${(err as Error).message}`);
    }
  } finally {
    await handle.close();
  }
}

/** Each segment's bytes, hashed as they are read; the header's segments must cover the body exactly. */
async function readSegments(handle: FileHandle, bodyStart: number, header: Header, hash: Hash): Promise<RawSegment[]> {
  if (os.endianness() !== 'LE') throw new Error('the snapshot file is little-endian; this machine is not');
  const segments = Array.isArray(header.segments) ? header.segments : [];
  const covered = segments.reduce((sum, s) => sum + s.bytes, 0);
  if (covered !== header.bodyBytes) throw new Error(`the segments cover ${covered} of the body's ${header.bodyBytes} bytes`);
  const raw: RawSegment[] = [];
  let at = bodyStart;
  for (const segment of segments) {
    const { column, type, count, bytes } = segment;
    if (type === 'text') {
      if (!(count >= 0 && count * 4 <= bytes)) throw new Error(`the segment of ${column} does not fit its ${bytes} bytes`);
      const text = Buffer.allocUnsafe(bytes);
      await readFully(handle, text, at);
      hash.update(text);
      raw.push({ segment, text });
    } else {
      const Array_ = ARRAYS[type];
      if (!Array_) throw new Error(`the segment of ${column} has an unknown type ${type}`);
      if (!(count >= 0 && count * Array_.BYTES_PER_ELEMENT === bytes)) throw new Error(`the segment of ${column} does not fit its ${bytes} bytes`);
      const numbers = new Array_(count);
      const view = new Uint8Array(numbers.buffer);
      await readFully(handle, view, at);
      hash.update(view);
      raw.push({ segment, numbers });
    }
    at += bytes;
  }
  return raw;
}

/** The body's columns back from its segments (a text column's segments joined in order). */
function columnsFrom(raw: RawSegment[]): Map<string, Column> {
  const cols = new Map<string, Column>();
  for (const r of raw) {
    const { column, count } = r.segment;
    if ('numbers' in r) {
      if (cols.has(column)) throw new Error(`the column ${column} is written twice`);
      cols.set(column, r.numbers);
      continue;
    }
    // The lengths copied out, as the buffer need not be aligned for Int32.
    const lengths = new Int32Array(count);
    r.text.copy(Buffer.from(lengths.buffer), 0, 0, count * 4);
    const text = r.text.toString('utf8', count * 4);
    const existing = cols.get(column);
    if (existing !== undefined && !Array.isArray(existing)) throw new Error(`the column ${column} mixes numbers and text`);
    const list = existing ?? [];
    let pos = 0;
    for (let k = 0; k < count; k++) {
      const length = lengths[k];
      if (length < 0) list.push(null);
      else list.push(text.slice(pos, (pos += length)));
    }
    if (pos !== text.length) throw new Error(`the text of ${column} does not match its lengths`);
    cols.set(column, list);
  }
  return cols;
}

/** The columns back as the engine's nodes, links and sessions, shaped as records.ts decodes Neo4j's rows. */
function partsOf(cols: Map<string, Column>): SnapshotParts {
  const column = (name: string) => {
    const c = cols.get(name);
    if (!c) throw new Error(`the column ${name} is missing`);
    return c;
  };
  const col = <T extends string | null>(name: string) => {
    const c = column(name);
    if (!Array.isArray(c)) throw new Error(`the column ${name} holds numbers, not text`);
    return c as T[];
  };
  const ints = (name: string) => {
    const c = column(name);
    if (!(c instanceof Int32Array)) throw new Error(`the column ${name} holds text, not numbers`);
    return c;
  };
  const strings = col<string>('strings');
  const text = (c: number) => (c < 0 ? undefined : strings[c]);
  // Each distinct date and citation list is decoded once and shared, as the engine never changes them (by their
  // code in the string table: an array look-up per link, not a Map's).
  const whens: (ReturnType<typeof decodeWhen> | null)[] = new Array(strings.length).fill(null);
  const whenOf = (c: number) => {
    if (c < 0) return undefined;
    let when = whens[c];
    if (when === null) whens[c] = when = decodeWhen(strings[c]);
    return when;
  };
  const citationLists: (CitationRecord[] | null)[] = new Array(strings.length).fill(null);
  const citationsOf = (c: number) => {
    let list = citationLists[c];
    if (list === null) citationLists[c] = list = decodeJsonList<CitationRecord>(strings[c]);
    return list;
  };

  const ids = col<string>('node.id');
  const kinds = ints('node.kind');
  const names = col<string>('node.name');
  const sides = ints('node.side');
  const stored = col<string | null>('node.stored');
  const nodes = new Map<string, GraphNode>();
  for (let i = 0; i < ids.length; i++) {
    const node: ProjectedNode = { id: ids[i], kind: text(kinds[i]) as NodeKind, name: names[i], side: text(sides[i]) };
    if (stored[i] !== null) node.stored = JSON.parse(stored[i]!) as StoredNode;
    nodes.set(ids[i], node);
  }
  // Each distinct evidence is decoded once and shared (frozen: the API only reads it), as records.ts shares the empty one.
  const evidenceCol = ints('link.evidence');
  const evidences: (LinkEvidence | null)[] = new Array(strings.length).fill(null);
  const evidenceOf = (c: number) => {
    let e = evidences[c];
    if (e === null) evidences[c] = e = Object.freeze(JSON.parse(strings[c]) as LinkEvidence);
    return e;
  };

  const linkIds = col<string>('link.id');
  const [type, from, to, when, confidence, outcome, rank, title, place, about, citations, eidPrefix] = [
    'type', 'from', 'to', 'when', 'confidence', 'outcome', 'rank', 'title', 'place', 'about', 'citations', 'eidPrefix',
  ].map((c) => ints(`link.${c}`));
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
  const sessions: SessionRecord[] = col<string>('sessions').map((row) => {
    const [id, channelId, w, p, attendees, c] = JSON.parse(row) as [string, string, string | null, string | null, string[], string];
    return { id, channelId, when: decodeWhen(w), place: p ?? undefined, attendees, citations: decodeJsonList<CitationRecord>(c) };
  });
  // The graph's columns, when the file has them (all or none: a file with some is refused).
  let built: BuiltColumns | undefined;
  if (BUILT.some((name) => cols.has(`graph.${name}`))) {
    built = { linkFrom: ints('link.from'), linkTo: ints('link.to') } as BuiltColumns;
    // Their types and lengths are checked where they are taken back (engine/graph.ts graphFromColumns).
    for (const name of BUILT) (built as unknown as Record<string, Column>)[name] = column(`graph.${name}`);
  }
  return { nodes, links, elementIds, sessions, ...(built && { built }) };
}
