// Plain shapes of what web/api.ts asks the GraphQL API for (api/schema.graphql), as the web uses them.

export type NodeKind = 'PERSON' | 'INSTITUTION' | 'GOVERNMENT' | 'CHANNEL' | 'SESSION' | 'DOCUMENT' | 'SOURCE';
export type LinkFamily = 'PARTICIPATION' | 'ACCESS' | 'TRANSMISSION' | 'OFFICE' | 'STRUCTURE';
export type Confidence = 'HIGH' | 'MEDIUM' | 'LOW';
export type Outcome = 'ACCEPTED' | 'REJECTED' | 'DISOWNED' | 'IGNORED' | 'UNKNOWN';
export type TimeMode = 'RESPECTING' | 'WITHIN_WINDOW' | 'IGNORE';
export type PathMode = 'POTENTIAL' | 'DOCUMENTED';
export type StopReason = 'NO_LINK_ONWARD' | 'OUT_OF_WINDOW' | 'HOP_LIMIT' | 'BLOCKED' | 'BUDGET';
export type MeetingKind = 'MET' | 'SESSION' | 'CHANNEL_OVERLAP';

export const LINK_TYPES = [
  'PARTICIPATED_IN', 'MENTORED', 'INITIATED', 'SPONSORED', 'FACILITATED', 'HOSTED', 'REPORTED_TO', 'BRIEFED',
  'CARRIED_DOCUMENT_TO', 'ADVISED', 'HELD_OFFICE', 'AFFILIATED_WITH', 'PART_OF', 'PRODUCED', 'LED_TO', 'MET',
  'ATTENDED', 'SESSION_OF',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export interface Interval {
  text: string;
  label: string;
  from: string | null;
  to: string | null;
  point: boolean;
  approximate: boolean;
}

export interface SourceRef {
  id: string;
  name: string;
  title: string;
  author: string | null;
  outlet: string | null;
  date: string | null;
  url: string | null;
}

export interface Citation {
  locator: string | null;
  source: SourceRef;
}

export interface Dispute {
  field: string;
  value: string;
  note: string | null;
  citations: Citation[];
}

/** An office as seen from its holder (rank and dates only). */
export interface OfficeBrief {
  id: string;
  rank: string | null;
  title: string | null;
  when: Interval | null;
  to: { id: string; name: string };
}

/** What every node on the canvas or in a list carries. */
export interface NodeBrief {
  __typename: string;
  id: string;
  kind: NodeKind;
  name: string;
  side?: string | null;
  anonymous?: boolean;
  offices?: OfficeBrief[];
  when?: Interval | null;
}

export interface Link {
  id: string;
  type: LinkType;
  family: LinkFamily;
  from: { id: string; name: string };
  to: { id: string; name: string };
  when: Interval | null;
  confidence: Confidence;
  outcome: Outcome | null;
  role: string | null;
  side: string | null;
  title: string | null;
  rank: string | null;
  place: string | null;
  note: string | null;
  sentence: string;
  citations: Citation[];
  disputes: Dispute[];
}

export interface SearchHit {
  score: number;
  matched: string;
  node: NodeBrief;
}

export interface Subgraph {
  truncated: boolean;
  nodes: NodeBrief[];
  links: Link[];
}

export interface Hop {
  against: boolean;
  instant: string | null;
  sentence: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  link: Link;
}

export interface Path {
  rank: number;
  hopCount: number;
  arrival: string | null;
  arrivalLabel: string | null;
  earliestArrival: string | null;
  latestArrival: string | null;
  /** "4 Dec 1992 – 31 Mar 1993": the range, not one optimistic date. */
  arrivalRangeLabel: string | null;
  certain: boolean;
  evidence: number;
  weakestHop: number;
  source: { id: string; name: string };
  decisionMaker: { id: string; name: string } | null;
  government: { id: string; name: string } | null;
  nodes: NodeBrief[];
  hops: Hop[];
}

export interface PathResult {
  static: boolean;
  stopReason: StopReason | null;
  explanation: string | null;
  datasetVersion: string;
  closest: { node: NodeBrief; hops: number | null; arrival: string | null; brokenLink: (Link & { from: NodeBrief; to: NodeBrief }) | null } | null;
  paths: Path[];
}

export interface PathQuery {
  from: string;
  to?: string | null;
  window?: { from?: string; to?: string } | null;
  time?: TimeMode;
  mode?: PathMode;
  linkTypes?: LinkType[] | null;
  exclude?: string[];
  maxHops?: number;
  k?: number;
}

export interface MeetingHop {
  kind: MeetingKind;
  from: { id: string; name: string };
  to: { id: string; name: string };
  when: Interval | null;
  place: string | null;
  session: { id: string; name: string } | null;
  channel: { id: string; name: string } | null;
  citations: Citation[];
}

export interface MeetingResult {
  explanation: string | null;
  chains: { people: NodeBrief[]; hops: MeetingHop[] }[];
}

/** The server's upper bounds on query arguments (Dataset.limits). */
export interface Limits {
  maxHops: number;
  k: number;
}

export interface Dataset {
  version: string;
  loadedAt: string | null;
  counts: Record<string, number>;
  limits: Limits;
}

/** The full record of one node for the details panel. */
export interface NodeDetails extends NodeBrief {
  aliases: string[];
  description: string | null;
  citations: Citation[];
  disputes: Dispute[];
  born?: Interval | null;
  died?: Interval | null;
  roles?: Link[];
  officeLinks?: Link[];
  tracks?: { track: string; when: Interval | null }[];
  venues?: string[];
  outcome?: string | null;
  channelKind?: string | null;
  approach?: string | null;
  aim?: string | null;
  level?: string | null;
  sessions?: { id: string; name: string; when: Interval | null; place: string | null }[];
  place?: string | null;
  confidence?: Confidence | null;
  channel?: { id: string; name: string } | null;
  attendees?: { id: string; name: string }[];
  /** A person's sessions attended, oldest first. */
  sessionsAttended?: { id: string; name: string; when: Interval | null; place: string | null; channel: { id: string; name: string } | null }[];
  institutionKind?: string | null;
  polity?: string | null;
  documentKind?: string | null;
  title?: string;
  author?: string | null;
  outlet?: string | null;
  date?: string | null;
  url?: string | null;
  links?: Link[];
}

export interface StorySummary {
  id: string;
  title: string;
  audience: string;
  summary: string | null;
  origin: 'SEED' | 'SAVED';
  stepCount: number;
  citationCount: number;
  savedBy: string | null;
}

export interface StoryStepData {
  number: number;
  heading: string;
  caption: string;
  when: Interval | null;
  nodeIds: string[];
  linkIds: string[];
  layout: { fit: 'focus' | 'all' | null; padding: number | null } | null;
  nodes: NodeBrief[];
  links: Link[];
  citations: Citation[];
}

export interface StoryData extends StorySummary {
  /** Saved stories count their saves; sent back as basedOn to overwrite (null for curated ones). */
  version?: number | null;
  layout: { name: string | null; direction: string | null } | null;
  bibliography: SourceRef[];
  steps: StoryStepData[];
}

export const EXPORT_FORMATS = ['GRAPHML', 'GEXF', 'GEXF12', 'CSV', 'CSV_SPREADSHEET', 'JSON', 'CYPHER', 'CSL_JSON', 'BIBTEX', 'RIS'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  name: string;
  mediaType: string;
  text: string;
}

/** Files of a dataset export, with the dataset version they were read from. */
export interface DatasetExport {
  format: ExportFormat;
  datasetVersion: string | null;
  sequence: number | null;
  files: ExportedFile[];
}

export interface DatasetVersion {
  sequence: number;
  version: string;
  at: string | null;
}

/** One item's net change; before and after are JSON in the dataset format (null when added or retired). */
export interface DatasetChange {
  target: 'NODE' | 'LINK';
  id: string;
  op: 'ADDED' | 'UPDATED' | 'RETIRED';
  before: string | null;
  after: string | null;
}

export interface DatasetDiff {
  from: DatasetVersion;
  to: DatasetVersion;
  changes: DatasetChange[];
  /** False when an entry in between kept counts only. */
  complete: boolean;
}

/** brokers: a person many participant-to-leader paths pass through, and what is lost without them (in words). */
export interface Broker {
  person: NodeBrief;
  pathsThrough: number;
  pairsThrough: number;
  targetsLost: number;
  extraHops: number;
  laterArrivalDays: number;
  /** Decision-makers no participant reaches without this person. */
  leadersLost: { id: string; name: string }[];
  sentence: string;
}

/** channelReach: what a channel reached on each side, and where it stopped. */
export interface ChannelReach {
  channel: { id: string; name: string; when: Interval | null };
  participants: NodeBrief[];
  sides: {
    side: string;
    governments: {
      government: NodeBrief;
      hops: number;
      arrival: string | null;
      bestPath: Path | null;
      leaders: { leader: NodeBrief; by: { id: string; name: string }; hops: number; arrival: string | null }[];
    }[];
  }[];
  unreached: { id: string; name: string }[];
  stopped: { side: string; government: NodeBrief; stopReason: StopReason | null; explanation: string; closest: PathResult['closest'] }[];
}
