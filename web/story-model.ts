// Pure functions of story mode: a lesson from a computed path, step editing, the story file, canvas elements per
// step, the step timeline and the story permalink. No renderer, no I/O.
import { KIND_SHAPES, LINK_TYPE_LABELS, isUncertain, sideColour, type ElementJson } from './graph-model.ts';
import type { Citation, Interval, Link, NodeBrief, NodeKind, Path, SourceRef } from './types.ts';

export interface StoryLayoutHint { name?: 'dagre' | 'fcose' | 'breadthfirst' | 'circle' | 'concentric'; direction?: 'LR' | 'TB' | 'RL' | 'BT' }
export interface StepLayoutHint { fit?: 'focus' | 'all'; padding?: number }

/** One step as the web holds it: the file fields plus what the server (or the path) told about the ids. */
export interface StepView {
  heading: string;
  caption: string;
  when: Interval | null;
  nodes: NodeBrief[];
  links: Link[];
  /** Ids as written in the story (some may be gone from the dataset since). */
  nodeIds: string[];
  linkIds: string[];
  layout: StepLayoutHint | null;
  citations: Citation[];
}

export interface StoryView {
  id: string;
  title: string;
  audience: string;
  summary: string | null;
  origin: 'SEED' | 'SAVED' | 'DRAFT';
  layout: StoryLayoutHint | null;
  steps: StepView[];
  bibliography: SourceRef[];
}

/** A story in the file format of seed/stories (what a download holds and saveStory takes). */
export interface StoryFile {
  id: string;
  title: string;
  audience: string;
  summary?: string;
  layout?: StoryLayoutHint;
  steps: {
    heading: string;
    caption: string;
    when?: string;
    focus: { nodes: string[]; links: string[] };
    layout?: StepLayoutHint;
    citations: { source: string; locator?: string }[];
  }[];
}

const KIND_BY_PREFIX: Record<string, NodeKind> = {
  person: 'PERSON', institution: 'INSTITUTION', government: 'GOVERNMENT', channel: 'CHANNEL', session: 'SESSION', document: 'DOCUMENT', source: 'SOURCE',
};

export function slugify(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'lesson';
}

/** Distinct sources over the steps, in order of first citation. */
export function storyBibliography(steps: Pick<StepView, 'citations'>[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const s of steps) for (const c of s.citations) if (!seen.has(c.source.id)) seen.set(c.source.id, c.source);
  return [...seen.values()];
}

/** A lesson from a computed path: one step per hop, with its date, its link in words and its sources. */
export function storyFromPath(path: Path): StoryView {
  const first = path.nodes[0]?.name ?? path.source.name;
  const last = path.nodes[path.nodes.length - 1]?.name ?? '';
  const byId = new Map(path.nodes.map((n) => [n.id, n]));
  const steps: StepView[] = path.hops.map((hop, i) => {
    const nodes = [hop.from.id, hop.to.id].map((id) => byId.get(id) ?? briefOf(id, id === hop.from.id ? hop.from.name : hop.to.name));
    return {
      heading: `Step ${i + 1}: ${hop.from.name} → ${hop.to.name}`,
      caption: hop.sentence,
      when: hop.link.when,
      nodes,
      links: [hop.link],
      nodeIds: nodes.map((n) => n.id),
      linkIds: [hop.link.id],
      layout: null,
      citations: hop.link.citations,
    };
  });
  const title = `From ${first} to ${last}`;
  return {
    id: `story/${slugify(`lesson ${first} to ${last}`)}`,
    title,
    audience: 'A class following one influence path hop by hop (generated from a computed path; edit before use).',
    summary: `${path.hopCount} hop${path.hopCount === 1 ? '' : 's'}${path.arrivalLabel ? `, arriving ${path.arrivalLabel}` : ''}; ${path.certain ? 'certain' : 'possible'} under the dates the sources give.`,
    origin: 'DRAFT',
    layout: { name: 'dagre', direction: 'LR' },
    steps,
    bibliography: storyBibliography(steps),
  };
}

function briefOf(id: string, name: string): NodeBrief {
  return { __typename: 'Node', id, kind: KIND_BY_PREFIX[id.split('/')[0]] ?? 'PERSON', name };
}

/** Moves a step by `by` places (clamped); a new array. */
export function moveStep<T>(steps: readonly T[], index: number, by: number): T[] {
  const to = Math.max(0, Math.min(steps.length - 1, index + by));
  const out = [...steps];
  const [step] = out.splice(index, 1);
  out.splice(to, 0, step);
  return out;
}

export function removeStep<T>(steps: readonly T[], index: number): T[] {
  return steps.filter((_, i) => i !== index);
}

const STEP_PREFIX = /^Step \d+(?=:|\s|$)/;

/** Headings that start with their step number ("Step 2: Beilin → Peres") say their new place after a reorder; headings
 *  written without one are left as they are. */
export function renumberHeadings<T extends { heading: string }>(steps: readonly T[]): T[] {
  return steps.map((s, i) => (STEP_PREFIX.test(s.heading) ? { ...s, heading: s.heading.replace(STEP_PREFIX, `Step ${i + 1}`) } : s));
}

/** The story in the file format of seed/stories. */
export function toStoryFile(story: StoryView): StoryFile {
  return {
    id: story.id,
    title: story.title.trim(),
    audience: story.audience.trim(),
    ...(story.summary?.trim() ? { summary: story.summary.trim() } : {}),
    ...(story.layout ? { layout: story.layout } : {}),
    steps: story.steps.map((s) => ({
      heading: s.heading.trim(),
      caption: s.caption.trim(),
      ...(s.when ? { when: s.when.text } : {}),
      focus: { nodes: s.nodeIds, links: s.linkIds },
      ...(s.layout ? { layout: s.layout } : {}),
      citations: s.citations.map((c) => (c.locator ? { source: c.source.id, locator: c.locator } : { source: c.source.id })),
    })),
  };
}

/** Problems that would make the server (or core/stories.ts) refuse the story, in words. */
export function draftProblems(story: StoryView): string[] {
  const problems: string[] = [];
  if (!/^story\/[a-z0-9]+(?:-[a-z0-9]+)*$/.test(story.id)) problems.push('The id must look like story/some-readable-slug.');
  if (!story.title.trim()) problems.push('Give the story a title.');
  if (!story.audience.trim()) problems.push('Say who the story is for (audience).');
  if (!story.steps.length) problems.push('Keep at least one step.');
  story.steps.forEach((s, i) => {
    if (!s.heading.trim()) problems.push(`Step ${i + 1} needs a heading.`);
    if (!s.caption.trim()) problems.push(`Step ${i + 1} needs a caption.`);
    if (s.caption.trim().length > 600) problems.push(`Step ${i + 1}: keep the caption within 600 characters.`);
  });
  return problems;
}

/** Node and link ids a step focuses: what it names, plus the ends of the links it names. */
export function stepFocus(step: Pick<StepView, 'nodeIds' | 'links' | 'linkIds'>): { nodes: string[]; links: string[] } {
  const nodes = new Set(step.nodeIds);
  for (const l of step.links) { nodes.add(l.from.id); nodes.add(l.to.id); }
  return { nodes: [...nodes], links: [...step.linkIds] };
}

/** Every node and link the story names, ends included (the story's graph, laid out once). */
export function storyGraph(story: Pick<StoryView, 'steps'>): { nodes: Map<string, NodeBrief>; links: Map<string, Link> } {
  const nodes = new Map<string, NodeBrief>();
  const links = new Map<string, Link>();
  for (const s of story.steps) {
    for (const n of s.nodes) if (!nodes.has(n.id) || nodes.get(n.id)!.__typename === 'Node') nodes.set(n.id, n);
    for (const l of s.links) {
      links.set(l.id, l);
      for (const end of [l.from, l.to]) if (!nodes.has(end.id)) nodes.set(end.id, briefOf(end.id, end.name));
    }
  }
  return { nodes, links };
}

/**
 * Canvas elements for one step: the step's focus drawn strong, everything else faded; with `hide` (predict the next
 * hop) those nodes show as "?" until revealed. Same ids for every step, so the layout stays put.
 */
export function storyElements(story: Pick<StoryView, 'steps'>, index: number, hide: ReadonlySet<string> = new Set()): ElementJson[] {
  const { nodes, links } = storyGraph(story);
  const step = story.steps[index];
  const focus = step ? stepFocus(step) : { nodes: [], links: [] };
  const focusNodes = new Set(focus.nodes);
  const focusLinks = new Set(focus.links);
  const out: ElementJson[] = [];
  for (const n of nodes.values()) {
    const classes = [`kind-${n.kind.toLowerCase()}`, focusNodes.has(n.id) ? 'story-focus' : 'faded'];
    if (hide.has(n.id)) classes.push('predict-hidden');
    out.push({ group: 'nodes', data: { id: n.id, kind: n.kind, label: hide.has(n.id) ? '?' : n.name, colour: sideColour(n.side), shape: KIND_SHAPES[n.kind] ?? 'ellipse' }, classes: classes.join(' ') });
  }
  for (const l of links.values()) {
    const classes = [`fam-${l.family.toLowerCase()}`, focusLinks.has(l.id) ? 'story-focus' : 'faded'];
    if (isUncertain(l)) classes.push('uncertain');
    if (hide.has(l.from.id) || hide.has(l.to.id)) classes.push('predict-hidden');
    out.push({
      group: 'edges',
      data: { id: l.id, source: l.from.id, target: l.to.id, linkId: l.id, type: l.type, family: l.family, label: LINK_TYPE_LABELS[l.type] ?? l.type, when: l.when?.label ?? '', confidence: l.confidence },
      classes: classes.join(' '),
    });
  }
  return out;
}

/** Nodes a step brings in that the step before did not focus (for "predict the next hop": hidden until revealed). */
export function newNodesAt(story: Pick<StoryView, 'steps'>, index: number): Set<string> {
  const step = story.steps[index];
  if (!step || index === 0) return new Set();
  const before = new Set(stepFocus(story.steps[index - 1]).nodes);
  return new Set(stepFocus(step).nodes.filter((id) => !before.has(id)));
}

const DAY = 86_400_000;
const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

export interface TimelineMark { index: number; x1: number; x2: number; label: string }

/**
 * Where each dated step sits on a time axis from 0 to 100. Gaps longer than `maxGap` days are shortened to it (a broken
 * axis), so that 1979 and the nine months of 1993 both stay readable; `breaks` marks where the axis was cut.
 */
export function timelineMarks(steps: Pick<StepView, 'when'>[], maxGap = 150): { marks: TimelineMark[]; breaks: number[]; start: string | null; end: string | null } {
  const dated = steps.map((s, index) => ({ index, when: s.when })).filter((s) => s.when && (s.when.from || s.when.to));
  if (!dated.length) return { marks: [], breaks: [], start: null, end: null };
  const spans = dated.map((s) => {
    const from = days((s.when!.from ?? s.when!.to)!);
    const to = days((s.when!.to ?? s.when!.from)!);
    return { index: s.index, from, to, label: s.when!.label };
  });
  const points = [...new Set(spans.flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b);
  const pos = new Map<number, number>();
  const breaks: number[] = [];
  let x = 0;
  points.forEach((p, i) => {
    if (i > 0) {
      const gap = p - points[i - 1];
      if (gap > maxGap) breaks.push(x + maxGap / 2);
      x += Math.min(gap, maxGap);
    }
    pos.set(p, x);
  });
  const total = x || 1;
  const scale = (d: number) => (points.length === 1 ? 50 : (pos.get(d)! / total) * 100);
  const iso = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
  return {
    marks: spans.map((s) => ({ index: s.index, x1: scale(s.from), x2: scale(s.to), label: s.label })),
    breaks: breaks.map((b) => (b / total) * 100),
    start: iso(points[0]),
    end: iso(points[points.length - 1]),
  };
}

export interface StoryLocation { id: string; step: number; handout: boolean }

/** Reads `#story=story/oslo&step=4` (steps count from 1) or `#story=story/oslo&handout=1`; null when it names no story. */
export function decodeStoryHash(hash: string): StoryLocation | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const id = p.get('story');
  if (!id || !/^story\/[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return null;
  const step = Number(p.get('step'));
  return { id, step: Number.isInteger(step) && step >= 1 ? step : 1, handout: p.get('handout') === '1' };
}

export function encodeStoryHash(location: StoryLocation): string {
  const p = new URLSearchParams({ story: location.id });
  if (location.handout) p.set('handout', '1');
  else p.set('step', String(location.step));
  return p.toString().replace(/%2F/g, '/');
}
