// Guided stories (story mode): checks every story file against the dataset (no I/O; store/stories.ts reads and loads them).
// Every problem is reported at once, as "file: steps[3].focus.nodes[1]: unknown id … — did you mean …".
import { parse, stringify } from 'yaml';
import { parseWhen } from './dates.ts';
import type { Dataset } from './dataset.ts';
import { levenshtein } from './search-text.ts';

export interface StoryCitation { source: string; locator?: string }
/** Story-wide layout hint: the layout the presenter runs once over every node the story names. */
export interface StoryLayout { name?: StoryLayoutName; direction?: StoryDirection }
/** Step layout hint: what the camera fits when the step opens, and with how much margin (px). */
export interface StepLayout { fit?: 'focus' | 'all'; padding?: number }
export interface StoryStep {
  heading: string;
  caption: string;
  /** EDTF like the dataset: 1992-12-04, 1993-02~, 1993-08-17/1993-08-18, [..1993-05]. */
  when?: string;
  focus: { nodes: string[]; links: string[] };
  layout?: StepLayout;
  citations: StoryCitation[];
}
export interface Story {
  id: string;
  title: string;
  /** Who the story is for and what it assumes (shown before the first step and on the handout). */
  audience: string;
  summary?: string;
  layout?: StoryLayout;
  steps: StoryStep[];
}

export const STORY_LAYOUTS = ['dagre', 'fcose', 'breadthfirst', 'circle', 'concentric'] as const;
export type StoryLayoutName = (typeof STORY_LAYOUTS)[number];
export const STORY_DIRECTIONS = ['LR', 'TB', 'RL', 'BT'] as const;
export type StoryDirection = (typeof STORY_DIRECTIONS)[number];
export const STORY_ID = /^story\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const STORY_LIMITS = Object.freeze({ steps: 60, heading: 120, caption: 600, title: 160, audience: 600, summary: 1200, focus: 40, citations: 20 });

const STORY_FIELDS = ['id', 'title', 'audience', 'summary', 'layout', 'steps'];
const STEP_FIELDS = ['heading', 'caption', 'when', 'focus', 'layout', 'citations'];

export interface StoryProblem { file: string; where: string; message: string }

export function formatStoryProblem(p: StoryProblem): string {
  return `${p.file}: ${p.where}: ${p.message}`;
}

/** What a story may name: live node ids (with names for suggestions), link ids and source ids. */
export interface StoryIndex {
  nodes: ReadonlyMap<string, { kind: string; name: string; aliases: readonly string[] }>;
  links: ReadonlySet<string>;
}

export function storyIndex(dataset: Pick<Dataset, 'nodes' | 'links'>): StoryIndex {
  return {
    nodes: new Map(dataset.nodes.map((n) => [n.id, { kind: n.kind, name: n.name, aliases: n.aliases }])),
    links: new Set(dataset.links.map((l) => l.id)),
  };
}

const slugOf = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The closest node id by slug, name or alias (" — did you mean 'person/ahmed-qurei'?"), or ''. */
function suggestNode(index: StoryIndex, id: string, sourcesOnly: boolean): string {
  const prefix = id.includes('/') ? id.split('/')[0] : '';
  const want = id.split('/').pop() ?? id;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [candidate, n] of index.nodes) {
    if (sourcesOnly !== (n.kind === 'Source')) continue;
    const candidatePrefix = candidate.split('/')[0];
    let score = levenshtein(want, candidate.split('/').pop() ?? candidate) + (prefix && prefix !== candidatePrefix ? 2 : 0);
    for (const name of [n.name, ...n.aliases].map(slugOf).filter((s) => s.length >= 3)) {
      score = Math.min(score, name === want || name.includes(want) || want.includes(name) ? 1 : levenshtein(want, name));
    }
    if (score < bestScore) { bestScore = score; best = candidate; }
  }
  return best && bestScore <= Math.max(3, Math.floor(want.length / 3)) ? ` — did you mean '${best}'?` : '';
}

/** The closest link id: same type and ends first, else the nearest spelling. */
function suggestLink(index: StoryIndex, id: string): string {
  const m = /^([A-Z_]+):([^>]+)>([^@]+)@/.exec(id);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of index.links) {
    const score = m && candidate.startsWith(`${m[1]}:${m[2]}>${m[3]}@`) ? 0 : levenshtein(id, candidate);
    if (score < bestScore) { bestScore = score; best = candidate; }
  }
  return best && bestScore <= Math.max(4, Math.floor(id.length / 4)) ? ` — did you mean '${best}'?` : '';
}

/** Parses a story file's text (YAML, or JSON, which is YAML too); syntax errors become problems. */
export function parseStoryText(file: string, text: string): { value?: unknown; problems: StoryProblem[] } {
  try {
    return { value: parse(text, { prettyErrors: true }) as unknown, problems: [] };
  } catch (err) {
    return { problems: [{ file, where: '(file)', message: `not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}` }] };
  }
}

/** Checks one story; returns it (cleaned: trimmed text, no empty optional fields) only when it has no problem. */
export function validateStory(file: string, value: unknown, index: StoryIndex): { story?: Story; problems: StoryProblem[] } {
  const problems: StoryProblem[] = [];
  const report = (where: string, message: string) => problems.push({ file, where, message });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    report('(file)', 'a story is a map with id, title, audience and steps');
    return { problems };
  }
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (!STORY_FIELDS.includes(k)) report(k, `unknown field '${k}'; allowed: ${STORY_FIELDS.join(', ')}`);

  const text = (obj: Record<string, unknown>, field: string, where: string, max: number, required: boolean): string | undefined => {
    const x = obj[field];
    if (x === undefined || x === null || (typeof x === 'string' && x.trim() === '')) {
      if (required) report(where, 'is required');
      return undefined;
    }
    if (typeof x !== 'string' || x.trim() === '') {
      report(where, 'must be a non-empty text');
      return undefined;
    }
    const t = x.trim();
    if (t.length > max) report(where, `is ${t.length} characters long; keep it within ${max}`);
    return t;
  };

  const id = text(v, 'id', 'id', 100, true);
  if (id && !STORY_ID.test(id)) report('id', `'${id}' must look like story/some-readable-slug (lower-case letters, digits and hyphens)`);
  const title = text(v, 'title', 'title', STORY_LIMITS.title, true);
  const audience = text(v, 'audience', 'audience', STORY_LIMITS.audience, true);
  const summary = text(v, 'summary', 'summary', STORY_LIMITS.summary, false);

  let layout: StoryLayout | undefined;
  if (v.layout !== undefined && v.layout !== null) {
    const l = v.layout as Record<string, unknown>;
    if (typeof l !== 'object' || Array.isArray(l)) report('layout', 'must be a map: { name: dagre, direction: LR }');
    else {
      for (const k of Object.keys(l)) if (k !== 'name' && k !== 'direction') report(`layout.${k}`, `unknown field '${k}'; allowed: name, direction`);
      if (l.name !== undefined && !(STORY_LAYOUTS as readonly unknown[]).includes(l.name)) report('layout.name', `'${String(l.name)}' is not one of ${STORY_LAYOUTS.join(', ')}`);
      if (l.direction !== undefined && !(STORY_DIRECTIONS as readonly unknown[]).includes(l.direction)) report('layout.direction', `'${String(l.direction)}' is not one of ${STORY_DIRECTIONS.join(', ')}`);
      layout = { ...(l.name !== undefined ? { name: l.name as StoryLayoutName } : {}), ...(l.direction !== undefined ? { direction: l.direction as StoryDirection } : {}) };
    }
  }

  const steps: StoryStep[] = [];
  if (!Array.isArray(v.steps) || v.steps.length === 0) {
    report('steps', 'must be a non-empty list of steps (heading, caption, when, focus, citations)');
  } else {
    if (v.steps.length > STORY_LIMITS.steps) report('steps', `has ${v.steps.length} steps; at most ${STORY_LIMITS.steps}`);
    v.steps.forEach((raw, i) => {
      const at = `steps[${i}]`;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        report(at, 'must be a map with heading, caption, when, focus and citations');
        return;
      }
      const s = raw as Record<string, unknown>;
      for (const k of Object.keys(s)) if (!STEP_FIELDS.includes(k)) report(`${at}.${k}`, `unknown field '${k}'; allowed: ${STEP_FIELDS.join(', ')}`);
      const heading = text(s, 'heading', `${at}.heading`, STORY_LIMITS.heading, true);
      const caption = text(s, 'caption', `${at}.caption`, STORY_LIMITS.caption, true);
      let when: string | undefined;
      if (s.when !== undefined && s.when !== null && s.when !== '') {
        when = s.when instanceof Date ? s.when.toISOString().slice(0, 10) : String(s.when).trim();
        try {
          parseWhen(when);
        } catch (err) {
          report(`${at}.when`, `bad date '${when}': ${(err as Error).message} (EDTF as in the dataset: 1992-12-04, 1993-02~, 1993-08-17/1993-08-18)`);
        }
      }
      const focus = { nodes: [] as string[], links: [] as string[] };
      const f = s.focus as Record<string, unknown> | undefined;
      if (!f || typeof f !== 'object' || Array.isArray(f)) {
        report(`${at}.focus`, 'is required: { nodes: [person/…], links: [TYPE:from>to@when] }');
      } else {
        for (const k of Object.keys(f)) if (k !== 'nodes' && k !== 'links') report(`${at}.focus.${k}`, `unknown field '${k}'; allowed: nodes, links`);
        for (const key of ['nodes', 'links'] as const) {
          const list = f[key];
          if (list === undefined || list === null) continue;
          if (!Array.isArray(list)) {
            report(`${at}.focus.${key}`, `must be a list of ${key === 'nodes' ? 'node' : 'link'} ids`);
            continue;
          }
          list.forEach((x, j) => {
            const where = `${at}.focus.${key}[${j}]`;
            if (typeof x !== 'string' || x.trim() === '') return report(where, 'must be an id');
            const ref = x.trim();
            if (focus[key].includes(ref)) return report(where, `'${ref}' is named twice`);
            if (key === 'nodes') {
              const node = index.nodes.get(ref);
              if (!node) report(where, `unknown id '${ref}'${suggestNode(index, ref, false)}`);
              else if (node.kind === 'Source') report(where, `'${ref}' is a source: cite it under citations`);
            } else if (!index.links.has(ref)) {
              report(where, `unknown link id '${ref}'${suggestLink(index, ref)}`);
            }
            focus[key].push(ref);
          });
        }
        if (focus.nodes.length + focus.links.length === 0) report(`${at}.focus`, 'names nothing: give at least one node or link id');
        if (focus.nodes.length + focus.links.length > STORY_LIMITS.focus) report(`${at}.focus`, `names ${focus.nodes.length + focus.links.length} ids; at most ${STORY_LIMITS.focus}`);
      }
      let stepLayout: StepLayout | undefined;
      if (s.layout !== undefined && s.layout !== null) {
        const l = s.layout as Record<string, unknown>;
        if (typeof l !== 'object' || Array.isArray(l)) report(`${at}.layout`, 'must be a map: { fit: focus, padding: 60 }');
        else {
          for (const k of Object.keys(l)) if (k !== 'fit' && k !== 'padding') report(`${at}.layout.${k}`, `unknown field '${k}'; allowed: fit, padding (name and direction belong to the story's layout)`);
          if (l.fit !== undefined && l.fit !== 'focus' && l.fit !== 'all') report(`${at}.layout.fit`, `'${String(l.fit)}' is not one of focus, all`);
          if (l.padding !== undefined && (typeof l.padding !== 'number' || l.padding < 0 || l.padding > 400)) report(`${at}.layout.padding`, 'must be a number of pixels from 0 to 400');
          stepLayout = { ...(l.fit !== undefined ? { fit: l.fit as 'focus' | 'all' } : {}), ...(l.padding !== undefined ? { padding: l.padding as number } : {}) };
        }
      }
      const citations: StoryCitation[] = [];
      if (!Array.isArray(s.citations) || s.citations.length === 0) {
        report(`${at}.citations`, 'at least one citation is required: [{ source: source/…, locator: … }]');
      } else {
        if (s.citations.length > STORY_LIMITS.citations) report(`${at}.citations`, `has ${s.citations.length} citations; at most ${STORY_LIMITS.citations}`);
        s.citations.forEach((c, j) => {
          const where = `${at}.citations[${j}]`;
          const source = typeof c === 'string' ? c : (c as { source?: unknown } | null)?.source;
          if (typeof source !== 'string') return report(where, 'needs a source id: { source: source/…, locator: … }');
          if (c && typeof c === 'object') {
            for (const k of Object.keys(c)) if (k !== 'source' && k !== 'locator') report(where, `unknown field '${k}' (allowed: source, locator)`);
          }
          if (index.nodes.get(source)?.kind !== 'Source') report(`${where}.source`, `unknown source id '${source}'${suggestNode(index, source, true)}`);
          const locator = c && typeof c === 'object' ? (c as { locator?: unknown }).locator : undefined;
          citations.push(locator === undefined || locator === null || locator === '' ? { source } : { source, locator: String(locator) });
        });
      }
      steps.push({
        heading: heading ?? '', caption: caption ?? '', ...(when ? { when } : {}), focus,
        ...(stepLayout && Object.keys(stepLayout).length ? { layout: stepLayout } : {}), citations,
      });
    });
  }
  if (problems.length) return { problems };
  return {
    story: { id: id!, title: title!, audience: audience!, ...(summary ? { summary } : {}), ...(layout && Object.keys(layout).length ? { layout } : {}), steps },
    problems,
  };
}

export interface StoryFile { file: string; text: string }

/** Validates every story file; a story id used twice is a problem too. */
export function validateStories(files: StoryFile[], index: StoryIndex): { stories: (Story & { file: string })[]; problems: StoryProblem[] } {
  const problems: StoryProblem[] = [];
  const stories: (Story & { file: string })[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const parsed = parseStoryText(f.file, f.text);
    problems.push(...parsed.problems);
    if (parsed.problems.length) continue;
    const { story, problems: found } = validateStory(f.file, parsed.value, index);
    problems.push(...found);
    if (!story) continue;
    const prior = seen.get(story.id);
    if (prior) problems.push({ file: f.file, where: 'id', message: `story id '${story.id}' is used by ${prior} too` });
    seen.set(story.id, f.file);
    stories.push({ ...story, file: f.file });
  }
  return { stories: problems.length ? [] : stories, problems };
}

/** Citations over all steps (each step's list counted in full). */
export function storyCitationCount(story: Pick<Story, 'steps'>): number {
  return story.steps.reduce((n, s) => n + s.citations.length, 0);
}

/** Distinct sources a story cites, in order of first citation: the handout's bibliography. */
export function storySources(story: Pick<Story, 'steps'>): string[] {
  return [...new Set(story.steps.flatMap((s) => s.citations.map((c) => c.source)))];
}

/** The story as a file in the story format (YAML), as written in seed/stories/. */
export function storyToYaml(story: Story): string {
  return stringify(story, { lineWidth: 100, flowCollectionPadding: false });
}

/** The stored form of a story: scalar fields plus the steps as JSON (shared with the API's saveStory). */
export function storyProperties(story: Story): Record<string, unknown> {
  const props: Record<string, unknown> = {
    id: story.id,
    title: story.title,
    audience: story.audience,
    summary: story.summary ?? null,
    layoutJson: story.layout ? JSON.stringify(story.layout) : null,
    stepsJson: JSON.stringify(story.steps),
    stepCount: story.steps.length,
    citationCount: storyCitationCount(story),
  };
  for (const k of Object.keys(props)) if (props[k] === null) delete props[k];
  return props;
}
