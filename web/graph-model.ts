// Pure functions from what the API returned (nodes, links, paths) to canvas elements; no renderer, no I/O.
import type { Interval, Link, LinkFamily, LinkType, MeetingResult, NodeBrief, NodeKind, Path, PathResult } from './types.ts';

/** Okabe–Ito colours (safe for the common colour-vision deficiencies), one per side; grey for the rest. */
export const SIDE_COLOURS: Record<string, string> = {
  israeli: '#0072B2',
  palestinian: '#009E73',
  norwegian: '#D55E00',
  american: '#CC79A7',
  egyptian: '#E69F00',
  swedish: '#56B4E9',
  syrian: '#F0E442',
  jordanian: '#F0E442',
  lebanese: '#F0E442',
};
export const OTHER_SIDE_COLOUR = '#A0A0A0';

export function sideColour(side: string | null | undefined): string {
  return (side && SIDE_COLOURS[side]) || OTHER_SIDE_COLOUR;
}

export const KIND_LABELS: Record<NodeKind, string> = {
  PERSON: 'Person',
  INSTITUTION: 'Institution',
  GOVERNMENT: 'Government',
  CHANNEL: 'Channel',
  SESSION: 'Session',
  DOCUMENT: 'Document',
  SOURCE: 'Source',
};

/** Cytoscape node shapes per kind (also drawn by the legend and the SVG export). */
export const KIND_SHAPES: Record<NodeKind, string> = {
  PERSON: 'ellipse',
  INSTITUTION: 'round-rectangle',
  GOVERNMENT: 'hexagon',
  CHANNEL: 'diamond',
  SESSION: 'ellipse',
  DOCUMENT: 'rectangle',
  SOURCE: 'tag',
};

export const FAMILY_LABELS: Record<LinkFamily, string> = {
  PARTICIPATION: 'Participation (took part, attended)',
  ACCESS: 'Access (standing relation that could carry influence)',
  TRANSMISSION: 'Transmission (documented: reported, briefed, carried)',
  OFFICE: 'Office held',
  STRUCTURE: 'Structure (produced, led to, session of)',
};

export const LINK_TYPE_LABELS: Record<LinkType, string> = {
  PARTICIPATED_IN: 'took part in',
  MENTORED: 'mentored',
  INITIATED: 'initiated',
  SPONSORED: 'sponsored',
  FACILITATED: 'facilitated',
  HOSTED: 'hosted',
  REPORTED_TO: 'reported to',
  BRIEFED: 'briefed',
  CARRIED_DOCUMENT_TO: 'carried a document to',
  ADVISED: 'advised',
  HELD_OFFICE: 'held office',
  AFFILIATED_WITH: 'affiliated with',
  PART_OF: 'part of',
  PRODUCED: 'produced',
  LED_TO: 'led to',
  MET: 'met',
  ATTENDED: 'attended',
  SESSION_OF: 'session of',
};

export const LINK_FAMILY_OF: Record<LinkType, LinkFamily> = {
  PARTICIPATED_IN: 'PARTICIPATION',
  ATTENDED: 'PARTICIPATION',
  MENTORED: 'ACCESS',
  INITIATED: 'ACCESS',
  SPONSORED: 'ACCESS',
  FACILITATED: 'ACCESS',
  HOSTED: 'ACCESS',
  ADVISED: 'ACCESS',
  AFFILIATED_WITH: 'ACCESS',
  PART_OF: 'ACCESS',
  MET: 'ACCESS',
  REPORTED_TO: 'TRANSMISSION',
  BRIEFED: 'TRANSMISSION',
  CARRIED_DOCUMENT_TO: 'TRANSMISSION',
  HELD_OFFICE: 'OFFICE',
  PRODUCED: 'STRUCTURE',
  LED_TO: 'STRUCTURE',
  SESSION_OF: 'STRUCTURE',
};

const DECISION_RANKS = new Set(['head', 'leader']);
const BLOCKING = new Set(['REJECTED', 'DISOWNED', 'IGNORED']);

/** A link drawn lighter and dashed: low confidence or a date the sources hedge. */
export function isUncertain(link: Pick<Link, 'confidence' | 'when'>): boolean {
  return link.confidence === 'LOW' || Boolean(link.when?.approximate);
}

/** First and last day of a partial date: 1993 → 1993-01-01..1993-12-31, 1993-02 → 1993-02-01..1993-02-28. */
export function dayRange(partial: string): [string, string] {
  const [y, m, d] = partial.split('-');
  if (d) return [partial, partial];
  if (m) {
    const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return [`${y}-${m}-01`, `${y}-${m}-${String(last).padStart(2, '0')}`];
  }
  return [`${y}-01-01`, `${y}-12-31`];
}

/** Whether an interval may hold at some day of a partial date or of a range of them (1992-12/1993-09); undated links
 *  are always shown. */
export function validAt(when: Pick<Interval, 'from' | 'to'> | null | undefined, date: string): boolean {
  if (!when) return true;
  const [first, last = first] = date.split('/');
  const start = dayRange(first)[0];
  const end = dayRange(last)[1];
  return (when.from === null || when.from <= end) && (when.to === null || when.to >= start);
}

/** Channels, sessions and documents whose own dates fall outside the timeline's range (their links go with them). */
export function nodesOffDate(nodes: Iterable<NodeBrief>, date: string): Set<string> {
  const off = new Set<string>();
  for (const node of nodes) {
    if (node.when && !validAt(node.when, date)) off.add(node.id);
  }
  return off;
}

/** People holding a head- or leader-rank office (at a date, when given). */
export function isLeader(node: NodeBrief, date: string | null): boolean {
  return (node.offices ?? []).some((o) => o.rank !== null && DECISION_RANKS.has(o.rank) && (date === null || validAt(o.when, date)));
}

/** A line drawn on the canvas: a stored link, possibly turned to read in the direction influence flows. */
export interface SceneEdge {
  id: string;
  source: string;
  target: string;
  link: Link;
}

export interface SceneInput {
  nodes: ReadonlyMap<string, NodeBrief>;
  edges: readonly SceneEdge[];
  hiddenTypes: ReadonlySet<LinkType>;
  /** Timeline date (partial) or range of them (1992-12/1993-09), or null for all time. */
  date: string | null;
  /** Element ids of the selected path (nodes and edges). */
  highlightA: ReadonlySet<string>;
  /** Element ids of the path compared with it. */
  highlightB: ReadonlySet<string>;
  focus: string | null;
  selected: string | null;
  /** People known to be decision-makers here even without their offices loaded (a path's target). */
  leaders: ReadonlySet<string>;
  excluded: ReadonlySet<string>;
  /** Element ids of paths that a what-if exclusion made disappear. */
  lost?: ReadonlySet<string>;
  /** Edge ids of hops that could not be taken (a no-path answer's broken hop). */
  broken?: ReadonlySet<string>;
  /** Node diameters by id (brokers drawn by score); others keep their kind's size. */
  sizes?: ReadonlyMap<string, number>;
}

export interface ElementJson {
  group: 'nodes' | 'edges';
  data: Record<string, unknown> & { id: string };
  classes: string;
}

/** The canvas content for a scene, as plain element JSON (cy.json({ elements }) consumes it). */
export function sceneElements(input: SceneInput): ElementJson[] {
  const anyHighlight = input.highlightA.size > 0 || input.highlightB.size > 0;
  const visibleEdges = new Set<string>();
  const degree = new Map<string, number>();
  const visibleDegree = new Map<string, number>();
  const edges: ElementJson[] = [];
  const offDateNodes = input.date === null ? new Set<string>() : nodesOffDate(input.nodes.values(), input.date);
  for (const edge of input.edges) {
    if (!input.nodes.has(edge.source) || !input.nodes.has(edge.target)) continue;
    const { link } = edge;
    // A hop of a shown path stays drawn (marked as outside the month) so that the path never looks broken.
    const onPath = input.highlightA.has(edge.id) || input.highlightB.has(edge.id);
    const offDate = input.date !== null && (!validAt(link.when, input.date) || offDateNodes.has(edge.source) || offDateNodes.has(edge.target));
    const hidden = input.hiddenTypes.has(link.type) || (offDate && !onPath);
    for (const end of [edge.source, edge.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
    if (!hidden) {
      visibleEdges.add(edge.id);
      for (const end of [edge.source, edge.target]) visibleDegree.set(end, (visibleDegree.get(end) ?? 0) + 1);
    }
    const classes = [`fam-${link.family.toLowerCase()}`];
    if (isUncertain(link)) classes.push('uncertain');
    if (link.outcome && BLOCKING.has(link.outcome)) classes.push('blocked');
    if (hidden) classes.push('hidden');
    else if (offDate) classes.push('off-date');
    if (input.highlightA.has(edge.id)) classes.push('hl-a');
    if (input.highlightB.has(edge.id)) classes.push('hl-b');
    if (anyHighlight && !input.highlightA.has(edge.id) && !input.highlightB.has(edge.id) && !input.broken?.has(edge.id)) classes.push('faded');
    if (input.excluded.has(link.id)) classes.push('excluded');
    if (input.lost?.has(edge.id)) classes.push('lost');
    if (input.broken?.has(edge.id)) classes.push('broken');
    if (input.selected === edge.id || input.selected === link.id) classes.push('selected');
    edges.push({
      group: 'edges',
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        linkId: link.id,
        type: link.type,
        family: link.family,
        label: LINK_TYPE_LABELS[link.type] ?? link.type,
        when: link.when?.label ?? '',
        confidence: link.confidence,
      },
      classes: classes.join(' '),
    });
  }
  const brokenEnds = new Set(input.edges.filter((e) => input.broken?.has(e.id)).flatMap((e) => [e.source, e.target]));
  const nodes: ElementJson[] = [];
  for (const node of input.nodes.values()) {
    const classes = [`kind-${node.kind.toLowerCase()}`];
    const keep = node.id === input.focus || input.highlightA.has(node.id) || input.highlightB.has(node.id);
    const linked = (visibleDegree.get(node.id) ?? 0) > 0;
    // Offices are a person's own dates: one held in the range shows the person without a link; none, and no link, hides.
    const officeThen = input.date !== null && node.offices?.length ? node.offices.some((o) => validAt(o.when, input.date!)) : null;
    const hiddenByLinks = officeThen === null ? (degree.get(node.id) ?? 0) > 0 && !linked : !officeThen && !linked;
    if (!keep && (offDateNodes.has(node.id) || hiddenByLinks)) classes.push('hidden');
    if (input.leaders.has(node.id) || isLeader(node, input.date)) classes.push('leader');
    if (node.id === input.focus) classes.push('focus');
    if (input.highlightA.has(node.id)) classes.push('hl-a');
    if (input.highlightB.has(node.id)) classes.push('hl-b');
    if (anyHighlight && !input.highlightA.has(node.id) && !input.highlightB.has(node.id) && !brokenEnds.has(node.id)) classes.push('faded');
    if (input.excluded.has(node.id)) classes.push('excluded');
    if (input.lost?.has(node.id)) classes.push('lost');
    if (input.selected === node.id) classes.push('selected');
    nodes.push({
      group: 'nodes',
      data: {
        id: node.id,
        kind: node.kind,
        label: node.name,
        colour: sideColour(node.side),
        shape: KIND_SHAPES[node.kind] ?? 'ellipse',
        ...(input.sizes?.has(node.id) ? { size: input.sizes.get(node.id) } : {}),
      },
      classes: classes.join(' '),
    });
  }
  return [...nodes, ...edges];
}

/** Edge id of a hop drawn in the direction influence flows. */
export function hopEdgeId(linkId: string, against: boolean): string {
  return against ? `${linkId}~r` : linkId;
}

/** Nodes and influence-direction edges of every path in a result (the "paths" scene). */
export function pathScene(result: PathResult | null): { nodes: Map<string, NodeBrief>; edges: SceneEdge[]; leaders: Set<string> } {
  const nodes = new Map<string, NodeBrief>();
  const edges = new Map<string, SceneEdge>();
  const leaders = new Set<string>();
  for (const path of result?.paths ?? []) {
    for (const node of path.nodes) nodes.set(node.id, node);
    for (const hop of path.hops) {
      const id = hopEdgeId(hop.link.id, hop.against);
      edges.set(id, { id, source: hop.from.id, target: hop.to.id, link: hop.link });
    }
    if (path.decisionMaker) leaders.add(path.decisionMaker.id);
  }
  return { nodes, edges: [...edges.values()], leaders };
}

/** The paths scene during a what-if: what is left, plus what disappeared (marked as lost). */
export function whatIfScene(before: PathResult | null, after: PathResult | null): ReturnType<typeof pathScene> & { lost: Set<string> } {
  const now = pathScene(after);
  const lost = new Set<string>();
  if (!before) return { ...now, lost };
  const then = pathScene(before);
  for (const [id, node] of then.nodes) if (!now.nodes.has(id)) { now.nodes.set(id, node); lost.add(id); }
  const edgeIds = new Set(now.edges.map((e) => e.id));
  for (const edge of then.edges) if (!edgeIds.has(edge.id)) { now.edges.push(edge); lost.add(edge.id); }
  return { ...now, lost };
}

/** Edge id of the hop a no-path answer could not take (drawn in red beside the partial route). */
export function brokenEdgeId(linkId: string): string {
  return `${linkId}~broken`;
}

/** A no-path answer drawn: the route as far as it goes (to the closest approach), and the hop that broke. */
export function partialScene(partial: Path | null, closest: PathResult['closest']): ReturnType<typeof pathScene> & { broken: Set<string> } {
  const scene = pathScene(partial ? { static: false, stopReason: null, explanation: null, datasetVersion: '', closest: null, paths: [partial] } : null);
  const broken = new Set<string>();
  if (closest) {
    if (!scene.nodes.has(closest.node.id)) scene.nodes.set(closest.node.id, closest.node);
    const link = closest.brokenLink;
    if (link) {
      for (const end of [link.from, link.to]) if (!scene.nodes.has(end.id)) scene.nodes.set(end.id, end);
      const id = brokenEdgeId(link.id);
      scene.edges.push({ id, source: link.from.id, target: link.to.id, link });
      broken.add(id);
    }
  }
  return { ...scene, broken };
}

const MEETING_SENTENCE: Record<string, string> = { MET: 'met', SESSION: 'attended the same session as', CHANNEL_OVERLAP: 'took part in the same channel as' };

/** Who-met-whom chains drawn: the people, and one line per documented co-presence (MET as access, the others as
 *  participation), each chain's ids kept for highlighting. */
export function meetingScene(result: MeetingResult | null): { nodes: Map<string, NodeBrief>; edges: SceneEdge[]; chains: Set<string>[] } {
  const nodes = new Map<string, NodeBrief>();
  const edges = new Map<string, SceneEdge>();
  const chains: Set<string>[] = [];
  for (const chain of result?.chains ?? []) {
    const ids = new Set<string>();
    for (const person of chain.people) {
      nodes.set(person.id, person);
      ids.add(person.id);
    }
    for (const hop of chain.hops) {
      const via = hop.session?.id ?? hop.channel?.id ?? '';
      const id = `meet:${hop.kind}:${hop.from.id}>${hop.to.id}@${via}${hop.when?.text ?? ''}`;
      ids.add(id);
      if (edges.has(id)) continue;
      const type: LinkType = hop.kind === 'MET' ? 'MET' : 'ATTENDED';
      const sentence = `${hop.from.name} ${MEETING_SENTENCE[hop.kind] ?? 'met'} ${hop.to.name}${hop.session ? ` (${hop.session.name})` : hop.channel ? ` (${hop.channel.name})` : ''}`;
      const link = {
        id, type, family: LINK_FAMILY_OF[type], sentence, confidence: 'HIGH', outcome: null, role: null, side: null, title: null, rank: null,
        place: hop.place, note: null, from: hop.from, to: hop.to, when: hop.when, citations: hop.citations, disputes: [],
      } as unknown as Link;
      edges.set(id, { id, source: hop.from.id, target: hop.to.id, link });
    }
    chains.push(ids);
  }
  return { nodes, edges: [...edges.values()], chains };
}

/** Element ids (nodes and hop edges) of one path, for highlighting. */
export function pathElementIds(path: Path | null | undefined): Set<string> {
  const ids = new Set<string>();
  if (!path) return ids;
  for (const node of path.nodes) ids.add(node.id);
  for (const hop of path.hops) ids.add(hopEdgeId(hop.link.id, hop.against));
  return ids;
}

/** A path's identity for comparing runs: its hops (link and direction), since two paths may pass the same people
 *  by different links (Hirschfeld → Beilin → Peres → Rabin twice, by a report and by a briefing). */
export function pathSignature(path: Path): string {
  return path.hops.map((h) => hopEdgeId(h.link.id, h.against)).join(' > ') || path.nodes.map((n) => n.id).join(' > ');
}

/** What changed between two runs of the same trace (the what-if view). */
export function pathDiff(before: PathResult | null, after: PathResult | null): { lost: Path[]; kept: Path[]; added: Path[] } {
  const beforeSigs = new Map((before?.paths ?? []).map((p) => [pathSignature(p), p]));
  const afterSigs = new Set((after?.paths ?? []).map(pathSignature));
  const lost = [...beforeSigs.entries()].filter(([sig]) => !afterSigs.has(sig)).map(([, p]) => p);
  const kept = (after?.paths ?? []).filter((p) => beforeSigs.has(pathSignature(p)));
  const added = (after?.paths ?? []).filter((p) => !beforeSigs.has(pathSignature(p)));
  return { lost, kept, added };
}

/** Explore-scene edges: every link in its stored direction. */
export function linkEdges(links: Iterable<Link>): SceneEdge[] {
  return [...links].map((link) => ({ id: link.id, source: link.from.id, target: link.to.id, link }));
}

export const CONFIDENCE_LABELS: Record<string, string> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low' };
