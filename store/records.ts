// The one mapping seam between Neo4j and the domain: neo4j-driver values (Integer, Node, Record, temporal types)
// become plain objects here, and the properties we store as JSON or EDTF text become domain values here.
import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { parseWhen, type When } from '../core/dates.ts';
import { isLinkType, type Confidence, type LinkType, type NodeKind, type OfficeRank, type Outcome } from '../core/model.ts';
import type { GraphLink, GraphNode } from '../engine/graph.ts';
import type { Citation, DatasetLink } from '../core/dataset.ts';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const v = value as { properties?: unknown; constructor?: { name?: string } };
    if (neo4j.isNode(value as never) || neo4j.isRelationship(value as never)) return toPlain(v.properties);
    if (typeof (value as { toString?: unknown }).toString === 'function' && isTemporal(value)) return String(value);
    const out: { [key: string]: Plain } = {};
    for (const [k, x] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(x);
    return out;
  }
  return value as Plain;
}

function isTemporal(value: unknown): boolean {
  return neo4j.isDate(value as never) || neo4j.isDateTime(value as never) || neo4j.isLocalDateTime(value as never)
    || neo4j.isTime(value as never) || neo4j.isLocalTime(value as never) || neo4j.isDuration(value as never);
}

export function recordToObject(record: Neo4jRecord): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const key of record.keys) out[String(key)] = toPlain(record.get(key));
  return out;
}

// ---- Domain values out of stored properties -------------------------------------------------------------------
// Neo4j keeps lists of maps (citations, disputes, channel phases, audit changes) as JSON strings, and dates as the
// EDTF text they were written in. These are the only decoders: a value that does not parse reads as absent.

/** A JSON list kept in a property (citationsJson, disputesJson, tracksJson, changesJson); [] when absent or unreadable. */
export function decodeJsonList<T>(text: unknown): T[] {
  if (typeof text !== 'string' || text === '') return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** A JSON object kept in a property (the dataset meta's counts, a story's layout); undefined when absent or unreadable. */
export function decodeJsonObject<T extends object>(text: unknown): T | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as T) : undefined;
  } catch {
    return undefined;
  }
}

/** A stored EDTF date as the engine's interval; undefined when absent or not a date this project writes. */
export function decodeWhen(text: unknown): When | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return parseWhen(text);
  } catch {
    return undefined;
  }
}

/** A citation as stored (decoded from citationsJson): the dataset's own Citation. */
export type CitationRecord = Citation;

/**
 * Stored properties that only the full-text index reads (store/load.ts nodeProperties): no GraphQL field shows them, so
 * the snapshot's copy of a node leaves them out.
 */
const SEARCH_ONLY = new Set(['aliasText', 'searchKey', 'folded', 'citationSources']);

/**
 * The engine's node with, when the projection row carried them (its `props` column), the node's stored properties:
 * the snapshot then answers the API's node reads for its own version without asking Neo4j (api/loaders.ts).
 */
export interface ProjectedNode extends GraphNode {
  stored?: StoredNode;
}

/** A projection-nodes row as the engine's node. */
export function graphNodeOf(r: Record<string, Plain>): ProjectedNode {
  const node: ProjectedNode = { id: r.id as string, kind: r.kind as NodeKind, name: r.name as string, side: (r.side as string | null) ?? undefined };
  const props = r.props;
  if (props !== null && typeof props === 'object' && !Array.isArray(props)) {
    const stored: Record<string, unknown> = {};
    for (const key of Object.keys(props)) if (!SEARCH_ONLY.has(key)) stored[key] = props[key];
    node.stored = stored as StoredNode;
  }
  return node;
}

/**
 * What a link's GraphQL fields read beyond what the engine keeps (projection-links' evidence columns). Most links
 * have none of them: those share one empty object, so the snapshot pays one slot per link.
 */
export interface LinkEvidence {
  note?: string;
  role?: string;
  side?: string;
  document?: string;
  /** Left out when it is the empty list's '[]' (nearly every link); null when the link has no such property. */
  disputesJson?: string | null;
}
const NO_EVIDENCE: LinkEvidence = Object.freeze({});
const EMPTY_LIST_JSON = '[]';

/**
 * The engine's link with its evidence, when the projection row carried the evidence columns and its date text is the
 * one the engine decoded (else the API reads the link from Neo4j, as for a link of another version).
 */
export interface ProjectedLink extends GraphLink {
  evidence?: LinkEvidence;
}

function evidenceOf(r: Record<string, Plain>, when: When | undefined): LinkEvidence | undefined {
  if (!('disputesJson' in r)) return undefined;
  if (r.when !== null && r.when !== undefined && when?.text !== r.when) return undefined;
  const out: LinkEvidence = {};
  for (const key of ['note', 'role', 'side', 'document'] as const) {
    const v = r[key];
    if (typeof v === 'string') out[key] = v;
    else if (v !== null && v !== undefined) return undefined;
  }
  if (r.disputesJson !== EMPTY_LIST_JSON) {
    if (r.disputesJson !== null && typeof r.disputesJson !== 'string') return undefined;
    out.disputesJson = r.disputesJson;
  }
  return Object.keys(out).length === 0 ? NO_EVIDENCE : out;
}

/** A projection-links row as the engine's link, or null when its type is not one the engine knows. */
export function graphLinkOf(r: Record<string, Plain>): ProjectedLink | null {
  const type = r.type as string;
  if (!isLinkType(type)) return null;
  const when = decodeWhen(r.when);
  const link: ProjectedLink = {
    id: r.id as string, type, from: r.from as string, to: r.to as string,
    when, confidence: r.confidence as Confidence,
    outcome: (r.outcome as Outcome | null) ?? undefined, rank: (r.rank as OfficeRank | null) ?? undefined,
    title: (r.title as string | null) ?? undefined, place: (r.place as string | null) ?? undefined,
    about: (r.about as string | null) ?? undefined,
    citations: decodeJsonList<CitationRecord>(r.citationsJson),
  };
  const evidence = evidenceOf(r, when);
  if (evidence) link.evidence = evidence;
  return link;
}

export interface SessionRecord {
  id: string;
  channelId: string;
  when?: When;
  place?: string;
  attendees: string[];
  citations: CitationRecord[];
}

/** A projection-sessions row as a session with its attendees. */
export function sessionRecordOf(r: Record<string, Plain>): SessionRecord {
  return {
    id: r.id as string, channelId: r.channelId as string, when: decodeWhen(r.when), place: (r.place as string | null) ?? undefined,
    attendees: (r.attendees as string[]) ?? [], citations: decodeJsonList<CitationRecord>(r.citationsJson),
  };
}

// ---- Nodes and links as the API reads them (their stored properties) --------------------------------------------

/** A node's stored properties, as the API's loaders read them. */
export interface StoredNode {
  id: string;
  kind: string;
  name: string;
  aliases?: string[];
  description?: string;
  citationsJson?: string;
  disputesJson?: string;
  [key: string]: unknown;
}

/**
 * A link's stored properties with its type and ends, as the API's loaders read them: the dataset's link, with its
 * citations and disputes kept as JSON (decodeJsonList) and its date's bounds as day numbers for ordering.
 */
export interface StoredLink extends Omit<DatasetLink, 'citations' | 'disputes'> {
  citationsJson?: string;
  disputesJson?: string;
  fromDay?: number;
  toDay?: number;
}

/** A row from links-of-nodes / links-by-ids / neighbourhood into a StoredLink. */
export function linkFromRow(row: Record<string, Plain>): StoredLink {
  const props = row.link as Record<string, unknown>;
  return { ...(props as object), type: row.type as LinkType, from: row.from as string, to: row.to as string } as StoredLink;
}

// ---- Nodes and links of the snapshot as the API reads them -----------------------------------------------------

/** A snapshot node's stored properties, when its projection row carried them. */
export function storedNodeOf(node: GraphNode | undefined): StoredNode | undefined {
  return (node as ProjectedNode | undefined)?.stored;
}

/** Made once per snapshot link: the resolvers keep what they parse per object (citations, disputes) across requests. */
const storedLinks = new WeakMap<GraphLink, StoredLink>();

/**
 * A snapshot link as the API's loaders would read it from Neo4j (linkFromRow over store/load.ts linkProperties),
 * or undefined when the snapshot does not hold its evidence. citationsJson is written again from the decoded list:
 * every writer stores JSON.stringify of it, and parsing then writing such text gives the same text.
 */
export function storedLinkOf(link: GraphLink | undefined): StoredLink | undefined {
  const evidence = (link as ProjectedLink | undefined)?.evidence;
  if (!link || !evidence) return undefined;
  let stored = storedLinks.get(link);
  if (stored) return stored;
  stored = { id: link.id, type: link.type, from: link.from, to: link.to, confidence: link.confidence, citationsJson: JSON.stringify(link.citations) } as StoredLink;
  if (link.when) {
    stored.when = link.when.text;
    if (Number.isFinite(link.when.startMin)) stored.fromDay = link.when.startMin;
    if (Number.isFinite(link.when.endMax)) stored.toDay = link.when.endMax;
  }
  if (link.outcome !== undefined) stored.outcome = link.outcome;
  if (link.rank !== undefined) stored.rank = link.rank;
  if (link.title !== undefined) stored.title = link.title;
  if (link.place !== undefined) stored.place = link.place;
  if (link.about !== undefined) stored.about = link.about;
  if (evidence.note !== undefined) stored.note = evidence.note;
  if (evidence.role !== undefined) stored.role = evidence.role;
  if (evidence.side !== undefined) stored.side = evidence.side;
  if (evidence.document !== undefined) stored.document = evidence.document;
  const disputes = evidence.disputesJson === undefined ? EMPTY_LIST_JSON : evidence.disputesJson;
  if (disputes !== null) stored.disputesJson = disputes;
  storedLinks.set(link, stored);
  return stored;
}
