// The dataset format's structure as one JSON Schema (draft 2020-12): which sections, which fields per kind, their
// types, allowed values, lengths and id forms. The validator (dataset.ts) checks every entry with it through ajv and
// turns ajv's findings into its own messages here; `npm run schema:dataset` publishes the same object as
// formats/dataset.schema.json for other tools (editors, yaml-language-server, pipelines). What the schema cannot say
// stays in dataset.ts: references between entries, the EDTF dates (core/dates.ts: a narrower subset than any JSON
// Schema format, proven by property tests), transmissions' bounded ranges, unsafe characters and URLs.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import {
  AIMS, APPROACHES, CHANNEL_KINDS, CONFIDENCES, DOCUMENT_KINDS, ID_PREFIX, INSTITUTION_KINDS, LEVELS, LINK_TYPE_NAMES,
  OFFICE_RANKS, OUTCOMES, SIDES, SOURCE_KINDS, TRACKS, type NodeKind,
} from './model.ts';

type Schema = Record<string, unknown>;

/**
 * The longest text a field may hold, in characters (the seed's longest: a description of 2,570, a note of 544).
 * A 10 MB name would otherwise be stored and sent with every search that matches it.
 */
export const FIELD_LIMITS: Readonly<Record<string, number>> = Object.freeze({
  name: 300, title: 300, aliases: 300, description: 10_000, note: 4_000, outcome: 2_000, value: 1_000,
  url: 2_000, locator: 500, id: 200, default: 500,
});

const limit = (field: string) => FIELD_LIMITS[field] ?? FIELD_LIMITS.default;
/** A text field: YAML may give a number or a yes/no for it, which the reader takes as its text; null is "not given". */
const text = (field: string, description: string, required = false): Schema => ({
  description, type: required ? ['string', 'number', 'boolean'] : ['string', 'number', 'boolean', 'null'], minLength: 1, maxLength: limit(field),
});
const oneOf = (values: readonly string[], description: string, required = false): Schema => ({
  description, enum: required ? [...values] : [...values, null],
});
const date = (description: string): Schema => ({ description, $ref: '#/$defs/Date' });
const list = (field: string, description: string, items: Schema = { type: ['string', 'number', 'boolean'] }): Schema => ({
  description, type: 'array', items: { ...items, maxLength: limit(field) },
});
const slug = '[a-z0-9]+(?:-[a-z0-9]+)*';
const nodeId = (kind: NodeKind): Schema => ({
  description: `The id: ${ID_PREFIX[kind]}/ and a readable slug of lower-case letters, digits and hyphens.`,
  type: 'string', minLength: 1, maxLength: limit('id'), pattern: `^${ID_PREFIX[kind]}/${slug}$`,
});

const common = (kind: NodeKind): Record<string, Schema> => ({
  id: nodeId(kind),
  name: text('name', kind === 'Source' ? 'Not used for sources (they have a title).' : 'The display name.', kind !== 'Source' && kind !== 'Session'),
  aliases: list('aliases', 'Other names and transliterations.'),
  description: text('description', 'A short description.'),
  citations: { $ref: kind === 'Source' ? '#/$defs/OptionalCitations' : '#/$defs/Citations' },
  disputes: { $ref: '#/$defs/Disputes' },
});

const KIND_PROPERTIES: Record<NodeKind, Record<string, Schema>> = {
  Source: {
    key: text('key', 'Key in the research inventory.'),
    kind: oneOf(SOURCE_KINDS, 'What kind of source.', true),
    title: text('title', 'The title.', true),
    author: text('author', 'Author(s) as the source names them.'),
    outlet: text('outlet', 'Publisher, newspaper, journal or site.'),
    date: date('Publication date.'),
    url: text('url', 'An http(s) URL.'),
    reliability: oneOf(['low', 'medium', 'high'], 'Only low is used, to flag a weak source.'),
    file: text('file', 'A local copy, relative to the repository.'),
  },
  Government: {
    polity: text('polity', 'The state or movement.'),
    side: oneOf(SIDES, 'The party.'),
  },
  Institution: {
    kind: oneOf(INSTITUTION_KINDS, 'What kind of institution.', true),
    side: oneOf(SIDES, 'The party.'),
    founded: date('When founded.'),
  },
  Person: {
    side: oneOf(SIDES, 'The party.'),
    born: date('Year of birth.'),
    died: date('Date of death.'),
    anonymous: { description: 'An unnamed interviewee (the name is then a neutral label).', type: 'boolean' },
  },
  Channel: {
    when: date('When the channel ran.'),
    tracks: { description: 'The phases by track.', type: 'array', items: { $ref: '#/$defs/Track' } },
    kind: oneOf(CHANNEL_KINDS, 'Hard (negotiating) or soft (exchanging views).'),
    approach: oneOf(APPROACHES, 'The approach.'),
    level: oneOf(LEVELS, 'Who took part.'),
    aim: oneOf(AIMS, 'Aimed at an agreement (outcome) or at the relationship itself.'),
    venues: list('venues', 'Where the talks took place.'),
    outcome: text('outcome', 'What came of them.'),
  },
  Session: {
    channel: text('channel', 'The channel it belongs to (channel/…).', true),
    when: date('When it took place.'),
    place: text('place', 'Where.'),
    attendees: list('attendees', 'The people who attended (person/…).'),
    confidence: oneOf(CONFIDENCES, 'How well documented.', true),
  },
  Document: {
    kind: oneOf(DOCUMENT_KINDS, 'What kind of document.', true),
    when: date('When written or signed.'),
  },
};

const SECTION_DEFS: Record<string, NodeKind> = {
  sources: 'Source', governments: 'Government', institutions: 'Institution', people: 'Person',
  channels: 'Channel', sessions: 'Session', documents: 'Document',
};

function nodeSchema(kind: NodeKind): Schema {
  const properties = { ...common(kind), ...KIND_PROPERTIES[kind] };
  const required = Object.entries(properties).filter(([, s]) => isRequired(s)).map(([k]) => k);
  return { description: `A ${kind.toLowerCase()}.`, type: 'object', properties, required: ['id', ...required.filter((k) => k !== 'id')], additionalProperties: false };
}

function isRequired(s: Schema): boolean {
  if (s.$ref === '#/$defs/Citations') return true;
  if (Array.isArray(s.type)) return !s.type.includes('null');
  if (Array.isArray(s.enum)) return !s.enum.includes(null);
  return false;
}

const SHOWN_LINK_TYPES = LINK_TYPE_NAMES.filter((t) => t !== 'ATTENDED' && t !== 'SESSION_OF');

const LINK: Schema = {
  description: 'A dated, cited link between two nodes (ATTENDED and SESSION_OF come from sessions instead).',
  type: 'object',
  properties: {
    id: { description: 'An explicit id, only when two links would otherwise share TYPE:from>to@when.', type: ['string', 'null'], minLength: 1, maxLength: limit('id'), pattern: `^link/${slug}$` },
    type: oneOf(SHOWN_LINK_TYPES, 'The link type.', true),
    from: text('from', 'The node it starts at.', true),
    to: text('to', 'The node it ends at.', true),
    when: date('When it held or happened; transmissions must be bounded on both sides.'),
    confidence: oneOf(CONFIDENCES, 'How well the citations document it.', true),
    citations: { $ref: '#/$defs/Citations' },
    disputes: { $ref: '#/$defs/Disputes' },
    note: text('note', "The curators' note."),
    outcome: oneOf(OUTCOMES, 'Transmissions: what the recipient did with it.'),
    role: text('role', 'Participation: the role.'),
    side: oneOf(SIDES, 'Participation: the side.'),
    title: text('title', 'Offices, advice, affiliations: the title.'),
    rank: oneOf(OFFICE_RANKS, 'Offices: the rank (required for HELD_OFFICE).'),
    place: text('place', 'Meetings: where.'),
    document: text('document', 'CARRIED_DOCUMENT_TO: the document carried (document/…).'),
    about: text('about', 'Transmissions: the channel whose product it carried (channel/…).'),
  },
  required: ['type', 'from', 'to', 'confidence', 'citations'],
  additionalProperties: false,
  if: { properties: { type: { const: 'HELD_OFFICE' } }, required: ['type'] },
  then: { required: ['rank'] },
};

const CITATION: Schema = {
  description: 'A source id, or { source, locator }.',
  type: ['string', 'object'],
  maxLength: limit('source'),
  properties: {
    source: { description: 'The source id (source/…).', type: 'string', maxLength: limit('source') },
    locator: { description: 'Page, section or paragraph.', type: ['string', 'number', 'null'], maxLength: limit('locator') },
  },
  required: ['source'],
  additionalProperties: false,
};

/** The dataset format: one file's sections, each a list of entries. */
export const DATASET_SCHEMA: Schema = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Backchannel dataset',
  description: 'One file of the dataset format (seed/README.md), as YAML or as JSON. Dates are the EDTF subset that seed/README.md describes; ids must name entries defined in the same dataset.',
  type: 'object',
  properties: {
    ...Object.fromEntries(Object.keys(SECTION_DEFS).map((s) => [s, { type: 'array', items: { $ref: `#/$defs/${SECTION_DEFS[s]}` } }])),
    links: { type: 'array', items: { $ref: '#/$defs/Link' } },
    meta: { description: 'Written by exports (the dataset version); ignored on import.', type: 'object' },
    stories: { description: 'Written by whole-graph exports; checked against the dataset on import.', type: 'array' },
  },
  additionalProperties: false,
  $defs: {
    ...Object.fromEntries(Object.values(SECTION_DEFS).map((k) => [k, nodeSchema(k)])),
    Link: LINK,
    Date: {
      description: 'A date in the EDTF subset: YYYY, YYYY-MM, YYYY-MM-DD, with ? ~ %, A/B intervals, .. open ends and [..X] before X.',
      type: ['string', 'integer', 'null'], maxLength: FIELD_LIMITS.default,
    },
    Citation: CITATION,
    Citations: { description: 'At least one citation.', type: 'array', minItems: 1, items: { $ref: '#/$defs/Citation' } },
    OptionalCitations: { description: 'Citations, where there are any.', type: ['array', 'null'], items: { $ref: '#/$defs/Citation' } },
    Dispute: {
      description: 'Another reading of a field, with its sources.',
      type: 'object',
      properties: {
        field: { type: 'string', maxLength: limit('field') },
        value: { type: ['string', 'number', 'boolean', 'null'], maxLength: limit('value') },
        note: { type: ['string', 'number', 'boolean', 'null'], maxLength: limit('note') },
        citations: { $ref: '#/$defs/Citations' },
      },
      required: ['field', 'value', 'citations'],
    },
    Disputes: { description: 'Other readings where sources disagree.', type: ['array', 'null'], items: { $ref: '#/$defs/Dispute' } },
    Track: {
      description: 'A phase of a channel on one track.',
      type: 'object',
      properties: { track: { enum: [...TRACKS], maxLength: limit('track') }, when: date('When, on this track.') },
      required: ['track'],
    },
  },
});

/** What the schema found in one entry, placed where the validator reports it (field paths as `citations[0].source`). */
export interface Structure {
  /** Texts longer than their field allows: [where, length in characters (code points, as JSON Schema counts), limit], in the entry's order. */
  overlong: [string, number, number][];
  /** Fields the entry's kind does not have, as [field, message], in the entry's order. */
  unknown: [string, string][];
  /** The first message for a field path (a missing, mistyped or disallowed value). */
  at(path: string): string | undefined;
  /** Every unknown-field message inside a citation, e.g. `citations[0]`. */
  unknownIn(path: string): string[];
}

let validators: Map<string, ValidateFunction> | undefined;

/** One compiled validator per section (compiled on first use: ajv generates code for each). */
function validatorOf(section: string): ValidateFunction {
  if (!validators) {
    // Strict but for keywords without a type (text fields take numbers too) and the conditional rank of HELD_OFFICE.
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true });
    ajv.addSchema(DATASET_SCHEMA, 'dataset');
    validators = new Map();
    for (const [s, kind] of [...Object.entries(SECTION_DEFS), ['links', 'Link']]) validators.set(s, ajv.getSchema(`dataset#/$defs/${kind}`)!);
  }
  return validators.get(section)!;
}

/** The fields an entry of this section may have, in the order the messages list them. */
export function fieldsOf(section: string): string[] {
  const defs = DATASET_SCHEMA.$defs as Record<string, Schema>;
  return Object.keys(defs[section === 'links' ? 'Link' : SECTION_DEFS[section]].properties as Schema);
}

const DATE_FIELDS = new Set(['when', 'born', 'died', 'founded', 'date']);

/** The entry as the validator reads it: top-level texts trimmed (dates are read as written), YAML dates as text. */
function trimmed(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) out[k] = typeof x === 'string' && !DATE_FIELDS.has(k) ? x.trim() : asText(x);
  if (Array.isArray(out.disputes)) {
    out.disputes = out.disputes.map((d) => (d && typeof d === 'object' && 'value' in d ? { ...d, value: asText(d.value) } : d));
  }
  return out;
}

const asText = (x: unknown) => (x instanceof Date ? x.toISOString().slice(0, 10) : x);

const isText = (x: unknown) => typeof x === 'number' || typeof x === 'boolean' || (typeof x === 'string' && x !== '');
const pathOf = (segs: readonly string[]) => segs.reduce((p, s) => (/^\d+$/.test(s) ? `${p}[${s}]` : p ? `${p}.${s}` : s), '');
const CITATIONS_REQUIRED = 'at least one citation is required: [{ source: source/…, locator: … }]';
const LIST_MESSAGES: Record<string, string> = {
  aliases: 'must be a list of names', venues: 'must be a list of places', attendees: 'must be a list of person ids',
  tracks: 'must be a list of { track, when }', disputes: 'must be a list of { field, value, note, citations }',
  anonymous: 'must be true or false',
};

type Issue = { path: string; message: string; unknownField?: boolean } | undefined;

/** One ajv finding in the validator's words, at the path the validator reports it; undefined when another says it. */
function issueOf(section: string, err: ErrorObject): Issue {
  const segs = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const data = err.data;
  const missing = err.keyword === 'required' ? String((err.params as { missingProperty: string }).missingProperty) : undefined;
  if (err.keyword === 'if') return undefined;
  // Inside a list of citations (the entry's own or a dispute's).
  const c = segs.lastIndexOf('citations');
  if (c >= 0 && c < segs.length - 1) {
    const at = pathOf(segs.slice(0, c + 2));
    if (err.keyword === 'additionalProperties') {
      const k = (err.params as { additionalProperty: string }).additionalProperty;
      return { path: at, message: `unknown field '${k}' (allowed: source, locator)`, unknownField: true };
    }
    if (segs[c + 2] === 'locator') return { path: `${at}.locator`, message: 'must be a text: a page, section or paragraph' };
    return { path: at, message: 'needs a source id' };
  }
  if (segs[0] === 'disputes' && segs.length >= 2) {
    if (missing === 'citations') return { path: `${pathOf(segs)}.citations`, message: CITATIONS_REQUIRED };
    if (segs.length === 3 && segs[2] === 'citations') return { path: pathOf(segs), message: data === null ? CITATIONS_REQUIRED : 'must be a non-empty list of { source, locator }' };
    return { path: pathOf(segs.slice(0, 2)), message: 'needs field and value' };
  }
  if (segs[0] === 'tracks' && segs.length >= 2) {
    if (segs[2] === 'when') return undefined; // a date: the date parser says what is wrong with it
    const track = segs.length === 3 && data !== null && data !== undefined ? String(data) : '';
    return { path: `${pathOf(segs.slice(0, 2))}.track`, message: `'${track}' is not one of ${TRACKS.join(', ')}` };
  }
  const field = missing ?? segs[0];
  if (segs.length === 0 && err.keyword === 'additionalProperties') {
    const k = (err.params as { additionalProperty: string }).additionalProperty;
    const allowed = fieldsOf(section).join(', ');
    return { path: k, unknownField: true, message: section === 'links' ? `unknown field '${k}'; allowed: ${allowed}` : `unknown field '${k}'; allowed for ${SECTION_DEFS[section]}: ${allowed}` };
  }
  if (field === 'citations') {
    if (missing || data === null) return { path: field, message: CITATIONS_REQUIRED };
    return { path: field, message: 'must be a non-empty list of { source, locator }' };
  }
  if (field in LIST_MESSAGES) return { path: field, message: LIST_MESSAGES[field] };
  if (DATE_FIELDS.has(field)) return undefined; // the date parser says what is wrong with it
  if (missing || data === null) return { path: field, message: 'is required' };
  if (!isText(data) || (err.keyword === 'minLength')) return { path: field, message: 'must be a non-empty text' };
  if (err.keyword === 'enum') {
    const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.filter((v) => v !== null);
    if (field === 'type') return { path: field, message: linkTypeProblem(String(data)) };
    return { path: field, message: `'${String(data)}' is not one of ${allowed.join(', ')}` };
  }
  if (field === 'id') {
    const kind = SECTION_DEFS[section];
    return { path: field, message: kind ? `'${String(data)}' must look like ${kind.toLowerCase()}/some-readable-slug (lower-case letters, digits and hyphens)` : `'${String(data)}' must look like link/some-readable-slug` };
  }
  return { path: field, message: 'must be a non-empty text' };
}

/** Why a link's type is refused: unknown, or one the validator makes from sessions. */
function linkTypeProblem(type: string): string {
  if (type === 'ATTENDED' || type === 'SESSION_OF') return `${type} links come from a session's attendees and channel; list them there`;
  return `unknown link type '${type}'; allowed: ${LINK_TYPE_NAMES.join(', ')}`;
}

/** Whether the link's type was refused as unknown or session-made: the validator then says nothing more about it. */
export function refusedLinkType(message: string | undefined): boolean {
  return message !== undefined && (message.startsWith('unknown link type') || message.includes("links come from a session's"));
}

/** Checks one entry of a section against the schema. */
export function checkStructure(section: string, value: Record<string, unknown>): Structure {
  const validate = validatorOf(section);
  const view = trimmed(value);
  const structure: Structure = { overlong: [], unknown: [], at: () => undefined, unknownIn: () => [] };
  if (validate(view)) return structure;
  const first = new Map<string, { message: string; rank: number }>();
  const unknownIn = new Map<string, string[]>();
  const long = new Map<string, [number, number]>();
  for (const err of validate.errors ?? []) {
    if (err.keyword === 'maxLength') {
      const segs = err.instancePath.split('/').slice(1);
      long.set(pathOf(segs), [String(err.data).length, (err.params as { limit: number }).limit]);
      continue;
    }
    const issue = issueOf(section, err);
    if (!issue) continue;
    if (issue.unknownField) {
      if (err.instancePath === '') structure.unknown.push([issue.path, issue.message]);
      else unknownIn.set(issue.path, [...(unknownIn.get(issue.path) ?? []), issue.message]);
      continue;
    }
    // A missing or mistyped value is what to fix first; its pattern or allowed values come after.
    const rank = err.keyword === 'required' || err.keyword === 'type' || err.keyword === 'minLength' ? 0 : 1;
    const prior = first.get(issue.path);
    if (!prior || rank < prior.rank) first.set(issue.path, { message: issue.message, rank });
  }
  // A field the schema does not know has no length of its own there: it gets the default, as every text does.
  for (const [field] of structure.unknown) longTexts(value[field], field, long);
  if (long.size > 0) structure.overlong = inEntryOrder(value, long);
  structure.at = (path) => first.get(path)?.message;
  structure.unknownIn = (path) => unknownIn.get(path) ?? [];
  return structure;
}

/** Every text below an unknown field longer than the limit of its own key (or the default). */
function longTexts(value: unknown, field: string, long: Map<string, [number, number]>): void {
  if (typeof value === 'string') {
    const max = limit(field.replace(/\[\d+\]$/, '').split('.').pop()!.replace(/\[\d+\]$/, ''));
    if ([...value].length > max) long.set(field, [[...value].length, max]);
  } else if (Array.isArray(value)) value.forEach((x, i) => longTexts(x, `${field}[${i}]`, long));
  else if (value && typeof value === 'object') for (const [k, x] of Object.entries(value)) longTexts(x, `${field}.${k}`, long);
}

/** The overlong texts in the order they appear in the entry (ajv reports them in the schema's order). */
function inEntryOrder(value: unknown, long: Map<string, [number, number]>, field = '', out: [string, number, number][] = []): [string, number, number][] {
  if (typeof value === 'string') {
    const found = long.get(field);
    if (found) out.push([field, [...value].length, found[1]]);
  } else if (Array.isArray(value)) value.forEach((x, i) => inEntryOrder(x, long, `${field}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, x] of Object.entries(value)) inEntryOrder(x, long, field ? `${field}.${k}` : k, out);
  return out;
}
