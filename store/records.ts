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

/** A projection-nodes row as the engine's node. */
export function graphNodeOf(r: Record<string, Plain>): GraphNode {
  return { id: r.id as string, kind: r.kind as NodeKind, name: r.name as string, side: (r.side as string | null) ?? undefined };
}

/** A projection-links row as the engine's link, or null when its type is not one the engine knows. */
export function graphLinkOf(r: Record<string, Plain>): GraphLink | null {
  const type = r.type as string;
  if (!isLinkType(type)) return null;
  return {
    id: r.id as string, type, from: r.from as string, to: r.to as string,
    when: decodeWhen(r.when), confidence: r.confidence as Confidence,
    outcome: (r.outcome as Outcome | null) ?? undefined, rank: (r.rank as OfficeRank | null) ?? undefined,
    title: (r.title as string | null) ?? undefined, place: (r.place as string | null) ?? undefined,
    about: (r.about as string | null) ?? undefined,
    citations: decodeJsonList<CitationRecord>(r.citationsJson),
  };
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
