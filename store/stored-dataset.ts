// Reads the live graph back from Neo4j and turns it into the dataset's own format (the YAML structure),
// the one shape that imports and edits are merged and validated in and that JSON and CSV exports write.
import type { QueryResult, RecordShape } from 'neo4j-driver';
import { loadQueries } from './cypher.ts';
import { decodeJsonList, toPlain } from './records.ts';
import { kindOfId, type LinkType, type NodeKind } from '../core/model.ts';
import type { RawEntry, Section } from '../core/dataset.ts';

/** Anything that runs Cypher: a transaction, a managed transaction or a session. */
export interface Runner {
  run(query: string, params?: Record<string, unknown>): Promise<QueryResult<RecordShape>>;
}

export type RawValue = Record<string, unknown>;
export type StoredProps = Record<string, unknown>;

export interface StoredLink { id: string; type: LinkType; from: string; to: string; props: StoredProps }

/** The live graph as stored: property maps by id, plus who attended each session. */
export interface StoredDataset {
  nodes: Map<string, StoredProps>;
  links: Map<string, StoredLink>;
  /** Session id → attendee ids, sorted (Neo4j keeps attendance as links, without an order). */
  attendees: Map<string, string[]>;
  /** Dataset meta: the version hash and sequence number of what was read (null for an empty database). */
  version: string | null;
  sequence: number | null;
}

export const NODE_SECTIONS: Record<NodeKind, Exclude<Section, 'links'>> = {
  Source: 'sources', Government: 'governments', Institution: 'institutions', Person: 'people',
  Channel: 'channels', Session: 'sessions', Document: 'documents',
};

/** ATTENDED and SESSION_OF links are derived from a session's attendees and channel, never written by hand. */
export const GENERATED_LINK_TYPES: readonly string[] = ['ATTENDED', 'SESSION_OF'];

/** The raw `kind` field of these node kinds is stored under a kind-specific property. */
const KIND_PROPERTY: Partial<Record<NodeKind, string>> = {
  Source: 'sourceKind', Institution: 'institutionKind', Channel: 'channelKind', Document: 'documentKind',
};

/** Dataset-format fields per node kind, in the order the seed files write them. */
const NODE_FIELD_ORDER: Record<NodeKind, string[]> = {
  Source: ['id', 'key', 'kind', 'title', 'author', 'outlet', 'date', 'url', 'reliability', 'file', 'aliases', 'description', 'citations', 'disputes'],
  Government: ['id', 'name', 'polity', 'side', 'aliases', 'description', 'citations', 'disputes'],
  Institution: ['id', 'name', 'aliases', 'kind', 'side', 'founded', 'description', 'citations', 'disputes'],
  Person: ['id', 'name', 'aliases', 'side', 'born', 'died', 'description', 'anonymous', 'citations', 'disputes'],
  Channel: ['id', 'name', 'aliases', 'when', 'tracks', 'kind', 'approach', 'level', 'aim', 'venues', 'outcome', 'description', 'citations', 'disputes'],
  Session: ['id', 'name', 'channel', 'when', 'place', 'attendees', 'description', 'confidence', 'aliases', 'citations', 'disputes'],
  Document: ['id', 'name', 'aliases', 'kind', 'when', 'description', 'citations', 'disputes'],
};
export const LINK_FIELD_ORDER = ['id', 'type', 'from', 'to', 'when', 'confidence', 'outcome', 'role', 'side', 'title', 'rank', 'place', 'document', 'about', 'note', 'citations', 'disputes'];


const present = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

/** One stored node (its Neo4j properties) in the dataset format. */
export function rawOfStoredNode(p: StoredProps, attendees: readonly string[] = []): RawValue {
  const kind = p.kind as NodeKind;
  const value: RawValue = {
    id: p.id,
    name: kind === 'Source' ? undefined : p.name,
    title: kind === 'Source' ? p.name : undefined,
    aliases: p.aliases,
    description: p.description,
    citations: decodeJsonList(p.citationsJson),
    disputes: decodeJsonList(p.disputesJson),
    kind: KIND_PROPERTY[kind] ? p[KIND_PROPERTY[kind]!] : undefined,
    tracks: decodeJsonList(p.tracksJson),
    attendees: kind === 'Session' ? [...attendees] : undefined,
    anonymous: p.anonymous === true ? true : undefined,
  };
  const out: RawValue = {};
  for (const field of NODE_FIELD_ORDER[kind]) {
    const v = field in value ? value[field] : p[field];
    if (present(v)) out[field] = v;
  }
  return out;
}

/** One stored link in the dataset format; the id is kept only when it is an explicit link/… id. */
export function rawOfStoredLink(l: { id: string; type: string; from: string; to: string; props: StoredProps }): RawValue {
  const value: RawValue = {
    id: l.id.startsWith('link/') ? l.id : undefined,
    type: l.type, from: l.from, to: l.to,
    citations: decodeJsonList(l.props.citationsJson),
    disputes: decodeJsonList(l.props.disputesJson),
  };
  const out: RawValue = {};
  for (const field of LINK_FIELD_ORDER) {
    const v = field in value ? value[field] : l.props[field];
    if (present(v)) out[field] = v;
  }
  return out;
}

const trimmed = (v: unknown) => (v === undefined || v === null ? 'undated' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** The id a dataset-format link gets: its explicit link/… id, or TYPE:from>to@when (as the validator names it). */
export function linkIdOf(v: RawValue): string {
  if (typeof v.id === 'string' && v.id.trim() !== '') return v.id.trim();
  return `${trimmed(v.type)}:${trimmed(v.from)}>${trimmed(v.to)}@${trimmed(v.when)}`;
}

/** Attendance is a set: sorted, so that the same sessions always give the same content hash. */
export function normalizeRaw(section: Section, v: RawValue): RawValue {
  if (section === 'sessions' && Array.isArray(v.attendees)) return { ...v, attendees: [...v.attendees].map(String).sort() };
  return v;
}

/** Reads every live node and link (retired ones are not live) and the dataset meta. */
export async function readStoredDataset(runner: Runner): Promise<StoredDataset> {
  const queries = loadQueries();
  const meta = (await runner.run(queries['dataset-meta'])).records[0];
  const nodes = new Map<string, StoredProps>();
  for (const r of (await runner.run(queries['dataset-nodes'])).records) {
    const p = toPlain(r.get('node')) as StoredProps;
    nodes.set(p.id as string, p);
  }
  const links = new Map<string, StoredLink>();
  const attendees = new Map<string, string[]>();
  for (const r of (await runner.run(queries['dataset-links'])).records) {
    const l: StoredLink = { id: r.get('id'), type: r.get('type'), from: r.get('from'), to: r.get('to'), props: toPlain(r.get('link')) as StoredProps };
    links.set(l.id, l);
    if (l.type === 'ATTENDED') {
      const list = attendees.get(l.to) ?? [];
      list.push(l.from);
      attendees.set(l.to, list);
    }
  }
  for (const list of attendees.values()) list.sort();
  const sequence = meta?.get('sequence');
  return {
    nodes, links, attendees,
    version: (meta?.get('version') as string | null | undefined) ?? null,
    sequence: sequence === null || sequence === undefined ? null : Number(toPlain(sequence)),
  };
}

/** The stored dataset as validator entries (file "(database)"), leaving out the given node and link ids. */
export function storedEntries(stored: StoredDataset, skipNodes: ReadonlySet<string> = new Set(), skipLinks: ReadonlySet<string> = new Set()): RawEntry[] {
  const out: RawEntry[] = [];
  const index: Partial<Record<Section, number>> = {};
  const push = (section: Section, value: RawValue) => {
    const i = index[section] ?? 0;
    index[section] = i + 1;
    out.push({ file: '(database)', section, index: i, value });
  };
  for (const [id, p] of stored.nodes) {
    if (skipNodes.has(id)) continue;
    const kind = (p.kind as NodeKind | undefined) ?? kindOfId(id);
    if (!kind) continue;
    push(NODE_SECTIONS[kind], rawOfStoredNode(p, stored.attendees.get(id)));
  }
  for (const [id, l] of stored.links) {
    if (skipLinks.has(id) || GENERATED_LINK_TYPES.includes(l.type)) continue;
    push('links', rawOfStoredLink(l));
  }
  return out;
}

/** The stored dataset as a dataset-format document: { sources: […], people: […], …, links: […] }. */
export function rawSections(stored: StoredDataset): Record<Section, RawValue[]> {
  const out = { sources: [], governments: [], institutions: [], people: [], channels: [], sessions: [], documents: [], links: [] } as Record<Section, RawValue[]>;
  for (const e of storedEntries(stored)) out[e.section].push(e.value);
  return out;
}
