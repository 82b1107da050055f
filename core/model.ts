// The domain vocabulary shared by the seed validator, the path engine, the API and the web UI.
// Every relationship type that Cypher may name comes from LINK_TYPES (the allow-list).

export const NODE_KINDS = ['Person', 'Institution', 'Government', 'Channel', 'Session', 'Document', 'Source'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Id prefix per node kind: `person/yossi-beilin`, `channel/oslo-1992`. */
export const ID_PREFIX: Record<NodeKind, string> = {
  Person: 'person',
  Institution: 'institution',
  Government: 'government',
  Channel: 'channel',
  Session: 'session',
  Document: 'document',
  Source: 'source',
};

export const ID_PATTERN = /^(person|institution|government|channel|session|document|source)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function kindOfId(id: string): NodeKind | undefined {
  const prefix = id.split('/')[0];
  return NODE_KINDS.find((k) => ID_PREFIX[k] === prefix);
}

/** How a link may carry influence: standing access, a documented transmission, or neither. */
export type LinkFamily = 'participation' | 'access' | 'transmission' | 'office' | 'structure';

/** How influence flows relative to the stored direction (from → to). */
export type Flow = 'forward' | 'reverse' | 'both' | 'none';

export interface LinkTypeSpec {
  family: LinkFamily;
  flow: Flow;
  from: readonly NodeKind[];
  to: readonly NodeKind[];
  /** A plain-words verb for the stored direction: "Beilin briefed Peres". */
  verb: string;
}

export const LINK_TYPES = {
  PARTICIPATED_IN: { family: 'participation', flow: 'forward', from: ['Person'], to: ['Channel'], verb: 'took part in' },
  MENTORED: { family: 'access', flow: 'reverse', from: ['Person'], to: ['Channel'], verb: 'mentored' },
  INITIATED: { family: 'access', flow: 'reverse', from: ['Person', 'Institution', 'Government'], to: ['Channel'], verb: 'initiated' },
  SPONSORED: { family: 'access', flow: 'reverse', from: ['Person', 'Institution', 'Government'], to: ['Channel'], verb: 'sponsored' },
  FACILITATED: { family: 'access', flow: 'reverse', from: ['Person', 'Institution', 'Government'], to: ['Channel'], verb: 'facilitated' },
  HOSTED: { family: 'access', flow: 'reverse', from: ['Person', 'Institution', 'Government'], to: ['Channel'], verb: 'hosted' },
  REPORTED_TO: { family: 'transmission', flow: 'forward', from: ['Person'], to: ['Person'], verb: 'reported to' },
  BRIEFED: { family: 'transmission', flow: 'forward', from: ['Person'], to: ['Person'], verb: 'briefed' },
  CARRIED_DOCUMENT_TO: { family: 'transmission', flow: 'forward', from: ['Person'], to: ['Person'], verb: 'carried a document to' },
  ADVISED: { family: 'access', flow: 'forward', from: ['Person'], to: ['Person'], verb: 'advised' },
  HELD_OFFICE: { family: 'office', flow: 'forward', from: ['Person'], to: ['Government'], verb: 'held office in' },
  AFFILIATED_WITH: { family: 'access', flow: 'both', from: ['Person'], to: ['Institution'], verb: 'was affiliated with' },
  PART_OF: { family: 'access', flow: 'forward', from: ['Institution'], to: ['Government', 'Institution'], verb: 'was part of' },
  PRODUCED: { family: 'structure', flow: 'forward', from: ['Channel'], to: ['Document'], verb: 'produced' },
  LED_TO: { family: 'structure', flow: 'forward', from: ['Channel'], to: ['Channel'], verb: 'led to' },
  // Documented contact: a dated, cited meeting, and attendance at a session, count in both directions (README, the rules).
  MET: { family: 'access', flow: 'both', from: ['Person'], to: ['Person'], verb: 'met' },
  ATTENDED: { family: 'participation', flow: 'both', from: ['Person'], to: ['Session'], verb: 'attended' },
  // A channel reaches the attendees of its own sessions (channel → session → attendee), at the session's dates.
  SESSION_OF: { family: 'structure', flow: 'reverse', from: ['Session'], to: ['Channel'], verb: 'was a session of' },
} as const satisfies Record<string, LinkTypeSpec>;

export type LinkType = keyof typeof LINK_TYPES;

/** Transmissions happened at one unknown instant inside their dates; every other dated link holds throughout its span. */
export function isEventType(type: LinkType): boolean {
  return LINK_TYPES[type].family === 'transmission';
}

/** Widest range (days) a transmission may have without a note saying why the source allows no better: 3 years. */
export const MAX_EVENT_RANGE_DAYS = 3 * 365 + 1;
export const LINK_TYPE_NAMES = Object.keys(LINK_TYPES) as LinkType[];

export function isLinkType(value: string): value is LinkType {
  return Object.prototype.hasOwnProperty.call(LINK_TYPES, value);
}

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
/** Evidence weight of one hop; a path's evidence is the product over its hops. */
export const CONFIDENCE_WEIGHT: Record<Confidence, number> = { high: 1, medium: 0.7, low: 0.4 };

export const OFFICE_RANKS = ['head', 'leader', 'minister', 'senior-official', 'official'] as const;
export type OfficeRank = (typeof OFFICE_RANKS)[number];
/** A decision-maker holds an office of one of these ranks at the time a path arrives. */
export const DECISION_RANKS: readonly OfficeRank[] = ['head', 'leader'];

export const OUTCOMES = ['accepted', 'rejected', 'disowned', 'ignored', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Transmissions with these outcomes did not carry influence onward. */
export const BLOCKING_OUTCOMES: readonly Outcome[] = ['rejected', 'disowned', 'ignored'];

export const SIDES = [
  'israeli', 'palestinian', 'syrian', 'egyptian', 'jordanian', 'lebanese', 'norwegian', 'swedish',
  'american', 'austrian', 'swiss', 'french', 'british', 'russian', 'canadian', 'turkish', 'international', 'other',
] as const;
export type Side = (typeof SIDES)[number];

export const TRACKS = ['II', 'I.5', 'I'] as const;
export type Track = (typeof TRACKS)[number];

export const CHANNEL_KINDS = ['hard', 'soft'] as const;
export const APPROACHES = ['psychological', 'constructivist', 'capacity-building', 'realistic-interest'] as const;
export const LEVELS = ['elite', 'grassroots', 'mixed'] as const;
/** The inventory of 79 projects' second distinction: aimed at an agreement (outcome) or at the relationship itself. */
export const AIMS = ['outcome', 'relationship'] as const;
export const INSTITUTION_KINDS = [
  'university', 'think-tank', 'ngo', 'foundation', 'ministry', 'party', 'newspaper',
  'international-organisation', 'government-agency', 'other',
] as const;
export const DOCUMENT_KINDS = ['agreement', 'paper', 'monograph', 'letter', 'statement', 'report', 'other'] as const;
export const SOURCE_KINDS = ['book', 'chapter', 'article', 'web', 'archive', 'interview', 'paper', 'reference'] as const;
