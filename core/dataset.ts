// Reads and validates the curated dataset: every problem is reported at once, with file, entry and
// field; nothing is returned for loading unless everything is valid.
import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { parseWhen, type When } from './dates.ts';
import {
  LINK_TYPES, MAX_EVENT_RANGE_DAYS, isEventType, kindOfId,
  type Confidence, type LinkType, type NodeKind,
} from './model.ts';
import { levenshtein } from './search-text.ts';
import { checkStructure, refusedLinkType } from './dataset-schema.ts';

export { FIELD_LIMITS } from './dataset-schema.ts';

export interface Citation { source: string; locator?: string }
export interface Dispute { field: string; value: string; note?: string; citations: Citation[] }

export interface DatasetNode {
  id: string;
  kind: NodeKind;
  name: string;
  aliases: string[];
  description?: string;
  /** Kind-specific fields (side, when, place, track phases …), already validated. */
  props: Record<string, unknown>;
  citations: Citation[];
  disputes: Dispute[];
}

export interface DatasetLink {
  id: string;
  type: LinkType;
  from: string;
  to: string;
  when?: string;
  confidence: Confidence;
  citations: Citation[];
  disputes: Dispute[];
  note?: string;
  outcome?: string;
  role?: string;
  side?: string;
  title?: string;
  rank?: string;
  place?: string;
  document?: string;
  /** A transmission's channel: whose product it carried. */
  about?: string;
}

export interface Dataset {
  nodes: DatasetNode[];
  links: DatasetLink[];
  /** sha256 over the canonical content: the dataset version. */
  version: string;
}

export interface Problem { file: string; line?: number; entry: string; message: string }

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.entry}: ${p.message}`;
}

export interface SeedFile { file: string; text: string }

const CHARACTER_NAMES: Record<number, string> = {
  0x0000: 'NUL', 0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
};

/**
 * Why a text may not be stored, or undefined: NUL (cuts text short in C tools), bidirectional controls (make a
 * name display as something else, "Trojan Source") and lone surrogates (not Unicode; break every encoder).
 */
export function unsafeCharacter(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const at = `at character ${i + 1}`;
    if (c in CHARACTER_NAMES) {
      const what = c === 0 ? 'a NUL character (U+0000)' : `U+${c.toString(16).toUpperCase()} ${CHARACTER_NAMES[c]} (a bidirectional control)`;
      return `contains ${what} ${at}; remove it`;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
    }
    if (c >= 0xd800 && c <= 0xdfff) return `contains a lone surrogate (U+${c.toString(16).toUpperCase()}) ${at}, which is not a character; remove it`;
  }
  return undefined;
}

/** Why a source URL may not be stored, or undefined: only http and https, which a browser opens as a page. */
export function unsafeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not a web address; write it in full, e.g. https://example.org/page`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `'${url}' uses ${parsed.protocol.slice(0, -1)}:; a source URL must start with http:// or https://`;
  return undefined;
}

const SECTIONS = ['sources', 'governments', 'institutions', 'people', 'channels', 'sessions', 'documents', 'links'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_KIND: Record<Exclude<Section, 'links'>, NodeKind> = {
  sources: 'Source', governments: 'Government', institutions: 'Institution', people: 'Person',
  channels: 'Channel', sessions: 'Session', documents: 'Document',
};

/** One entry of a section (a node or a link) as written, before validation; `line` is where it starts. */
export interface RawEntry { file: string; section: Section; index: number; value: Record<string, unknown>; line?: number }
export type { Section };
export { SECTIONS };

/** Validates the files and returns the dataset, or every problem found. */
export function validateDataset(files: SeedFile[]): { dataset?: Dataset; problems: Problem[] } {
  const problems: Problem[] = [];
  const entries: RawEntry[] = [];

  for (const { file, text } of files) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        problems.push({ file, line: err.linePos?.[0]?.line, entry: '(file)', message: `YAML syntax: ${err.message.split('\n')[0]}` });
      }
      continue;
    }
    const root = doc.contents;
    if (root === null) continue;
    if (!isMap(root)) {
      problems.push({ file, entry: '(file)', message: `must be a map with keys among ${SECTIONS.join(', ')}` });
      continue;
    }
    for (const pair of root.items) {
      const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
      if (!(SECTIONS as readonly string[]).includes(key)) {
        problems.push({ file, entry: key, message: `unknown section '${key}'; allowed: ${SECTIONS.join(', ')}` });
        continue;
      }
      const seq = pair.value;
      if (!isSeq(seq)) {
        problems.push({ file, entry: key, message: 'must be a list' });
        continue;
      }
      seq.items.forEach((item, index) => {
        const line = (item as YamlNode)?.range ? lineCounter.linePos((item as YamlNode).range![0]).line : undefined;
        const value = (item as YamlNode & { toJSON(): unknown })?.toJSON?.() ?? item;
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          problems.push({ file, line, entry: `${key}[${index}]`, message: 'must be a map of fields' });
          return;
        }
        entries.push({ file, section: key as Section, index, value: value as Record<string, unknown>, line });
      });
    }
  }

  return validateEntries(entries, problems);
}

/**
 * Validates entries already read (by the YAML reader above or by an importer that parsed CSV or JSON
 * itself, which is much faster than YAML on large files); problems found while reading come in `problems`.
 */
export function validateEntries(entries: RawEntry[], problems: Problem[] = []): { dataset?: Dataset; problems: Problem[] } {
  // First pass: collect ids so references can be checked in any order.
  const defined = new Map<string, RawEntry>();
  for (const e of entries) {
    if (e.section === 'links') continue;
    const id = e.value.id;
    if (typeof id !== 'string') continue;
    const prior = defined.get(id);
    if (prior) {
      problems.push({ file: e.file, line: e.line, entry: `${e.section}[${e.index}]`, message: `duplicate id '${id}', first defined in ${prior.file}${prior.line ? `:${prior.line}` : ''}` });
    } else {
      defined.set(id, e);
    }
  }
  const kindOf = (id: string): NodeKind | undefined => {
    const e = defined.get(id);
    return e && e.section !== 'links' ? SECTION_KIND[e.section] : undefined;
  };
  const didYouMean = (id: string, kinds?: readonly NodeKind[]): string => {
    let best: string | undefined;
    let bestScore = Infinity;
    const want = id.split('/').pop() ?? id;
    for (const [candidate, e] of defined) {
      if (e.section === 'links') continue;
      if (kinds && !kinds.includes(SECTION_KIND[e.section])) continue;
      const slug = candidate.split('/').pop() ?? candidate;
      let score = levenshtein(want, slug);
      const aliases = Array.isArray(e.value.aliases) ? e.value.aliases.map(String) : [];
      const names = [String(e.value.name ?? e.value.title ?? ''), ...aliases].map((n) => n.toLowerCase().replace(/[^a-z0-9]+/g, '-')).filter((n) => n.length >= 3);
      for (const n of names) score = Math.min(score, n.includes(want) || want.includes(n) ? 1 : levenshtein(want, n));
      if (score < bestScore) { bestScore = score; best = candidate; }
    }
    return best && bestScore <= Math.max(3, Math.floor(want.length / 3)) ? ` — did you mean '${best}'?` : '';
  };

  const nodes: DatasetNode[] = [];
  const links: DatasetLink[] = [];

  for (const e of entries) {
    const where = (field?: string) => `${e.section}[${e.index}]${typeof e.value.id === 'string' ? ` (${e.value.id})` : ''}${field ? `.${field}` : ''}`;
    const report = (field: string | undefined, message: string) => problems.push({ file: e.file, line: e.line, entry: where(field), message });
    const v = e.value;
    const unsafeIn = (x: unknown, field: string | undefined): void => {
      if (typeof x === 'string') {
        const why = unsafeCharacter(x);
        if (why) report(field, why);
      } else if (Array.isArray(x)) x.forEach((item, i) => unsafeIn(item, `${field ?? ''}[${i}]`));
      else if (x && typeof x === 'object') for (const [k, item] of Object.entries(x)) unsafeIn(item, field ? `${field}.${k}` : k);
    };
    unsafeIn(v, undefined);
    // The structure (fields, types, allowed values, lengths, id forms) is the schema's (dataset-schema.ts);
    // each problem it found is reported where the value is read below, so the messages keep the fields' order.
    const structure = checkStructure(e.section, v);
    for (const [field, length, max] of structure.overlong) report(field, `is ${length} characters long; at most ${max} are allowed (FIELD_LIMITS)`);
    if (structure.overlong.length > 0) continue;
    const refused = (field: string): boolean => {
      const why = structure.at(field);
      if (why) report(field, why);
      return why !== undefined;
    };

    /** The field's text (a number or yes/no as its text); a value refused only for its form is still read. */
    const text = (field: string): string | undefined => {
      refused(field);
      const x = v[field];
      if (typeof x === 'number' || typeof x === 'boolean') return String(x);
      return typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined;
    };
    const date = (field: string, value: unknown = v[field]): string | undefined => {
      if (value === undefined || value === null) return undefined;
      const s = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
      try {
        parseWhen(s);
        return s;
      } catch (err) {
        report(field, `bad date '${s}': ${(err as Error).message}`);
        return undefined;
      }
    };
    const citationList = (field: string, value: unknown): Citation[] => {
      if (refused(field) || !Array.isArray(value)) return [];
      const out: Citation[] = [];
      value.forEach((c, i) => {
        if (refused(`${field}[${i}]`)) return;
        const source = typeof c === 'string' ? c : (c as { source: string }).source;
        const locator = typeof c === 'object' && c ? (c as { locator?: unknown }).locator : undefined;
        if (kindOf(source) !== 'Source') {
          report(`${field}[${i}].source`, `unknown source id '${source}'${didYouMean(source, ['Source'])}`);
          return;
        }
        for (const why of structure.unknownIn(`${field}[${i}]`)) report(`${field}[${i}]`, why);
        if (refused(`${field}[${i}].locator`)) return;
        out.push(locator === undefined || locator === null ? { source } : { source, locator: String(locator) });
      });
      return out;
    };
    const disputes = (): Dispute[] => {
      const x = v.disputes;
      if (refused('disputes') || !Array.isArray(x)) return [];
      return x.flatMap((d, i) => {
        const obj = d as Record<string, unknown>;
        if (refused(`disputes[${i}]`)) return [];
        const value = obj.value instanceof Date ? obj.value.toISOString().slice(0, 10) : String(obj.value);
        return [{ field: obj.field as string, value, note: obj.note === undefined ? undefined : String(obj.note), citations: citationList(`disputes[${i}].citations`, obj.citations) }];
      });
    };

    if (e.section === 'links') {
      for (const [field, why] of structure.unknown) report(field, why);
      if (refusedLinkType(structure.at('type'))) {
        refused('type');
        continue;
      }
      const type = text('type');
      const spec = type ? LINK_TYPES[type as LinkType] : undefined;
      const ends: Record<'from' | 'to', string | undefined> = { from: text('from'), to: text('to') };
      for (const end of ['from', 'to'] as const) {
        const id = ends[end];
        if (!id || !spec) continue;
        const k = kindOf(id);
        const allowed = spec[end] as readonly NodeKind[];
        if (!k) report(end, `unknown ${kindOfId(id)?.toLowerCase() ?? ''} id '${id}'${didYouMean(id, allowed)}`.replace('unknown  id', 'unknown id'));
        else if (!allowed.includes(k)) report(end, `a ${type} link goes ${spec.from.join('/')} → ${spec.to.join('/')}; '${id}' is a ${k}`);
      }
      const when = date('when');
      if (type && isEventType(type as LinkType)) {
        const problem = eventRangeProblem(when === undefined ? undefined : parseWhen(when), text('note') !== undefined);
        if (problem) report('when', problem);
      }
      const confidence = text('confidence') as Confidence | undefined;
      const outcome = text('outcome');
      if (outcome && spec && spec.family !== 'transmission') report('outcome', `only transmissions (REPORTED_TO, BRIEFED, CARRIED_DOCUMENT_TO) have an outcome`);
      const rank = text('rank');
      if (rank && type !== 'HELD_OFFICE') report('rank', 'only HELD_OFFICE links have a rank');
      const side = text('side');
      const document = text('document');
      if (document && kindOf(document) !== 'Document') report('document', `unknown document id '${document}'${didYouMean(document, ['Document'])}`);
      const about = text('about');
      if (about && kindOf(about) !== 'Channel') report('about', `unknown channel id '${about}'${didYouMean(about, ['Channel'])}`);
      else if (about && spec && spec.family !== 'transmission') report('about', 'only transmissions (REPORTED_TO, BRIEFED, CARRIED_DOCUMENT_TO) say which channel they were about');
      const citations = citationList('citations', v.citations);
      const explicitId = text('id');
      if (!type || !ends.from || !ends.to || !confidence) continue;
      links.push(clean({
        id: explicitId ?? `${type}:${ends.from}>${ends.to}@${when ?? 'undated'}`,
        type: type as LinkType, from: ends.from, to: ends.to, when, confidence, citations, disputes: disputes(),
        note: text('note'), outcome, role: text('role'), side, title: text('title'), rank, place: text('place'), document, about,
        _where: { file: e.file, line: e.line, entry: where() },
      }));
      continue;
    }

    const kind = SECTION_KIND[e.section];
    for (const [field, why] of structure.unknown) report(field, why);
    const id = text('id');
    const name = kind === 'Source' ? text('title') : text('name') ?? (kind === 'Session' ? sessionName(v) : undefined);
    const aliases = !refused('aliases') && Array.isArray(v.aliases) ? v.aliases.map(String) : [];
    const citations = citationList('citations', v.citations);
    const props: Record<string, unknown> = {};
    switch (kind) {
      case 'Source':
        props.key = text('key');
        props.sourceKind = text('kind');
        for (const f of ['author', 'outlet', 'url', 'file']) props[f] = text(f);
        if (typeof props.url === 'string') {
          const why = unsafeUrl(props.url);
          if (why) report('url', why);
        }
        props.date = date('date');
        props.reliability = text('reliability');
        break;
      case 'Government':
        props.polity = text('polity');
        props.side = text('side');
        break;
      case 'Institution':
        props.institutionKind = text('kind');
        props.side = text('side');
        props.founded = date('founded');
        break;
      case 'Person':
        props.side = text('side');
        props.born = date('born');
        props.died = date('died');
        refused('anonymous');
        props.anonymous = v.anonymous === true;
        break;
      case 'Channel': {
        props.when = date('when');
        props.channelKind = text('kind');
        props.approach = text('approach');
        props.level = text('level');
        props.aim = text('aim');
        props.outcome = text('outcome');
        props.venues = !refused('venues') && Array.isArray(v.venues) ? v.venues.map(String) : [];
        const tracks = refused('tracks') || !Array.isArray(v.tracks) ? [] : v.tracks;
        props.tracks = tracks.flatMap((t, i) => {
          if (refused(`tracks[${i}].track`)) return [];
          const tr = String((t as { track: string }).track);
          return [{ track: tr, when: date(`tracks[${i}].when`, (t as { when?: unknown }).when) }];
        });
        break;
      }
      case 'Session': {
        const channel = text('channel');
        if (channel && kindOf(channel) !== 'Channel') report('channel', `unknown channel id '${channel}'${didYouMean(channel, ['Channel'])}`);
        props.channel = channel;
        props.when = date('when');
        props.place = text('place');
        props.confidence = text('confidence');
        const attendees = !refused('attendees') && Array.isArray(v.attendees) ? v.attendees.map(String) : [];
        attendees.forEach((a, i) => {
          if (kindOf(a) !== 'Person') report(`attendees[${i}]`, `unknown person id '${a}'${didYouMean(a, ['Person'])}`);
        });
        // Sorted: Neo4j keeps attendance as links, without an order, so the version must not depend on one.
        props.attendees = [...attendees].sort();
        if (id && channel && kindOf(channel) === 'Channel' && props.confidence) {
          const base = { when: props.when as string | undefined, confidence: props.confidence as Confidence, citations, disputes: [] };
          const _where = { file: e.file, line: e.line, entry: where() };
          links.push(clean({ id: `SESSION_OF:${id}>${channel}`, type: 'SESSION_OF' as LinkType, from: id, to: channel, ...base, _where }));
          for (const a of attendees) {
            if (kindOf(a) === 'Person') links.push(clean({ id: `ATTENDED:${a}>${id}`, type: 'ATTENDED' as LinkType, from: a, to: id, place: props.place as string | undefined, ...base, _where }));
          }
        }
        break;
      }
      case 'Document':
        props.documentKind = text('kind');
        props.when = date('when');
        break;
    }
    if (!id || !name) continue;
    nodes.push({ id, kind, name, aliases, description: text('description'), props: stripUndefined(props), citations, disputes: disputes() });
  }

  const seenLinks = new Map<string, DatasetLink & { _where?: Problem }>();
  for (const link of links as (DatasetLink & { _where?: Omit<Problem, 'message'> })[]) {
    const prior = seenLinks.get(link.id);
    if (prior && link._where) {
      problems.push({ ...link._where, message: `duplicate link '${link.id}' (first in ${prior._where?.file}${prior._where?.line ? `:${prior._where.line}` : ''}); merge them or give each an explicit id: link/…` });
    } else {
      seenLinks.set(link.id, link as DatasetLink & { _where?: Problem });
    }
  }

  if (problems.length > 0) return { problems };
  const finalLinks = [...seenLinks.values()].map(({ _where, ...rest }) => rest as DatasetLink);
  nodes.sort((a, b) => (a.id < b.id ? -1 : 1));
  finalLinks.sort((a, b) => (a.id < b.id ? -1 : 1));
  const version = createHash('sha256').update(JSON.stringify({ nodes, links: finalLinks })).digest('hex');
  return { dataset: { nodes, links: finalLinks, version }, problems };
}

/** A session without a name is called by its place and date: "London, 1992-12-04". */
/** Why a transmission's dates cannot place its one instant, or undefined when they can (see README, "the rules"). */
export function eventRangeProblem(when: When | undefined, hasNote: boolean): string | undefined {
  const bounded = 'a transmission happened once, inside a bounded range: write A/B from what the source allows (e.g. from the channel\'s start to the date it is first mentioned) and say why in the note';
  if (when === undefined) return `is required: ${bounded}`;
  if (!Number.isFinite(when.startMin) || !Number.isFinite(when.endMax)) return `'${when.text}' is open-ended: ${bounded}`;
  if (!hasNote && when.endMax - when.startMin + 1 > MAX_EVENT_RANGE_DAYS) {
    return `'${when.text}' spans more than 3 years: narrow it, or add a note saying why the source allows no better`;
  }
  return undefined;
}

function sessionName(v: Record<string, unknown>): string | undefined {
  const parts = [v.place, v.when].filter((x) => x !== undefined && x !== null).map(String);
  return parts.length ? parts.join(', ') : typeof v.id === 'string' ? v.id : undefined;
}

function stripUndefined<T extends Record<string, unknown>>(obj: T): T {
  for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
  return obj;
}

function clean<T extends Record<string, unknown>>(obj: T): T {
  return stripUndefined(obj);
}

export interface DatasetStats {
  people: number; institutions: number; governments: number; channels: number; sessions: number;
  documents: number; sources: number; links: number; citedShare: number; datedShare: number;
}

/** Counts as users quote them: links exclude the generated ATTENDED/SESSION_OF structure. */
export function datasetStats(d: Dataset): DatasetStats {
  const count = (k: NodeKind) => d.nodes.filter((n) => n.kind === k).length;
  const links = d.links.filter((l) => l.type !== 'ATTENDED' && l.type !== 'SESSION_OF');
  return {
    people: count('Person'), institutions: count('Institution'), governments: count('Government'),
    channels: count('Channel'), sessions: count('Session'), documents: count('Document'), sources: count('Source'),
    links: links.length,
    citedShare: links.length ? links.filter((l) => l.citations.length > 0).length / links.length : 1,
    datedShare: links.length ? links.filter((l) => l.when).length / links.length : 1,
  };
}
