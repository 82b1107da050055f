// The story validator (core/stories.ts): the curated stories pass, and a story naming what the dataset lacks fails
// with file, step and a suggestion. Pure: no database.
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../../core/dataset.ts';
import { readDataset, readSeed } from '../../store/prepare.ts';
import {
  formatStoryProblem, storyCitationCount, storyIndex, storyToYaml, validateStories, validateStory, type StoryIndex,
} from '../../core/stories.ts';
import { readStoryFiles } from '../../store/stories.ts';
import { timelineMarks, moveStep, removeStep, decodeStoryHash, encodeStoryHash } from '../../web/story-model.ts';

const STORIES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seed/stories');
let dataset: Dataset;
let index: StoryIndex;

const STEP = {
  heading: 'London', caption: 'Hirschfeld met Qurei.', when: '1992-12-04',
  focus: { nodes: ['person/yair-hirschfeld', 'person/ahmed-qurei'], links: ['REPORTED_TO:person/yair-hirschfeld>person/yossi-beilin@1992-12'] },
  citations: [{ source: 'source/w08-wikipedia-yair-hirschfeld' }],
};
const story = (steps: unknown[]) => ({ id: 'story/test', title: 'Test', audience: 'Tests', steps });

beforeAll(async () => {
  dataset = await readDataset();
  index = storyIndex(dataset);
});

describe('the curated stories', () => {
  it('are valid, and the Oslo story and its contrast carry citations on every step', async () => {
    const { stories, problems } = validateStories(await readStoryFiles(STORIES), index);
    expect(problems.map(formatStoryProblem)).toEqual([]);
    const byId = new Map(stories.map((s) => [s.id, s]));
    const oslo = byId.get('story/oslo')!;
    const contrast = byId.get('story/beilin-abu-mazen')!;
    expect(oslo.steps).toHaveLength(13);
    expect(contrast.steps).toHaveLength(6);
    for (const s of [...oslo.steps, ...contrast.steps]) expect(s.citations.length).toBeGreaterThan(0);
    expect(storyCitationCount(oslo)).toBe(43);
    // 18, and the two sides of whether Rabin was to approve the understandings (IPCRI; Shavit in Haaretz).
    expect(storyCitationCount(contrast)).toBe(20);
    expect(oslo.steps.at(-1)!.when).toBe('1993-09-13');
    expect((await readSeed()).stories.map((s) => s.id).sort()).toEqual(['story/beilin-abu-mazen', 'story/oslo']);
  });

  it('survive a round trip through the YAML writer', () => {
    const { stories } = validateStories([{ file: 'seed/stories/oslo.yaml', text: '' }].slice(0, 0), index);
    expect(stories).toEqual([]);
    const { story: oslo } = validateStory('x', parse(storyToYaml(validateStory('x', story([STEP]), index).story!)), index);
    expect(oslo?.steps[0].focus.links).toEqual(STEP.focus.links);
  });
});

describe('a story that names what the dataset lacks', () => {
  it('fails with file, step and the nearest id', () => {
    const bad = { ...STEP, focus: { nodes: ['person/yair-hirschfeld', 'person/abu-alla'], links: [] } };
    const { story: s, problems } = validateStory('seed/stories/oslo.yaml', story([STEP, STEP, STEP, bad]), index);
    expect(s).toBeUndefined();
    expect(problems.map(formatStoryProblem)).toEqual([
      "seed/stories/oslo.yaml: steps[3].focus.nodes[1]: unknown id 'person/abu-alla' — did you mean 'person/ahmed-qurei'?",
    ]);
  });

  it('reports unknown links with the link of the same type and ends, unknown sources, bad dates and missing fields', () => {
    const bad = {
      heading: '', caption: 'x', when: '1993-13', extra: 1,
      focus: { nodes: ['source/w08-wikipedia-yair-hirschfeld'], links: ['REPORTED_TO:person/yair-hirschfeld>person/yossi-beilin@1993'] },
      citations: [{ source: 'source/w08-wikipedia-yair-hirschfel' }],
    };
    const messages = validateStory('f.yaml', { ...story([bad]), id: 'Story Oslo', layout: { name: 'spiral' } }, index).problems.map(formatStoryProblem);
    expect(messages).toEqual(expect.arrayContaining([
      "f.yaml: id: 'Story Oslo' must look like story/some-readable-slug (lower-case letters, digits and hyphens)",
      "f.yaml: layout.name: 'spiral' is not one of dagre, fcose, breadthfirst, circle, concentric",
      "f.yaml: steps[0].extra: unknown field 'extra'; allowed: heading, caption, when, focus, layout, citations",
      'f.yaml: steps[0].heading: is required',
      expect.stringMatching(/^f\.yaml: steps\[0\]\.when: bad date '1993-13'/),
      "f.yaml: steps[0].focus.nodes[0]: 'source/w08-wikipedia-yair-hirschfeld' is a source: cite it under citations",
      "f.yaml: steps[0].focus.links[0]: unknown link id 'REPORTED_TO:person/yair-hirschfeld>person/yossi-beilin@1993' — did you mean 'REPORTED_TO:person/yair-hirschfeld>person/yossi-beilin@1992-12'?",
      "f.yaml: steps[0].citations[0].source: unknown source id 'source/w08-wikipedia-yair-hirschfel' — did you mean 'source/w08-wikipedia-yair-hirschfeld'?",
    ]));
  });

  it('needs citations and a focus on every step, and unique story ids across files', () => {
    const messages = validateStory('f.yaml', story([{ heading: 'h', caption: 'c', focus: { nodes: [] }, citations: [] }]), index).problems.map(formatStoryProblem);
    expect(messages).toEqual([
      'f.yaml: steps[0].focus: names nothing: give at least one node or link id',
      'f.yaml: steps[0].citations: at least one citation is required: [{ source: source/…, locator: … }]',
    ]);
    const text = JSON.stringify(story([STEP]));
    const twice = validateStories([{ file: 'a.json', text }, { file: 'b.yaml', text }], index);
    expect(twice.problems.map(formatStoryProblem)).toEqual(["b.yaml: id: story id 'story/test' is used by a.json too"]);
    expect(validateStories([{ file: 'c.yaml', text: 'steps: [' }], index).problems[0].where).toBe('(file)');
  });
});

describe('story mode helpers in the web (pure)', () => {
  it('moves and removes steps, and reads and writes the permalink', () => {
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
    expect(removeStep(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(encodeStoryHash({ id: 'story/oslo', step: 4, handout: false })).toBe('story=story/oslo&step=4');
    expect(decodeStoryHash('#story=story/oslo&step=4')).toEqual({ id: 'story/oslo', step: 4, handout: false });
    expect(decodeStoryHash('#story=story/oslo&handout=1')).toEqual({ id: 'story/oslo', step: 1, handout: true });
    expect(decodeStoryHash('#story=../../etc&step=4')).toBeNull();
  });

  it('places steps on a broken time axis: 1979 and 1993 both stay readable', () => {
    const when = (from: string, to = from) => ({ text: from, label: from, from, to, point: from === to, approximate: false });
    const { marks, breaks } = timelineMarks([{ when: when('1979-01-01', '1992-11-27') }, { when: when('1992-12-04') }, { when: when('1993-09-13') }, { when: null }]);
    expect(marks.map((m) => m.index)).toEqual([0, 1, 2]);
    expect(marks[0].x1).toBe(0);
    expect(marks[2].x2).toBe(100);
    expect(breaks.length).toBe(2);
    expect(marks[2].x1 - marks[1].x1).toBeGreaterThan(20);
  });
});
