// Stories through GraphQL: the curated stories are loaded into Neo4j with their steps resolved to nodes and links;
// saveStory needs an editor token, checks every id and refuses curated ids (on a database of its own); a bad story
// file fails the seed load with file and step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import { readConfig } from '../../store/config.ts';
import { createToken } from '../../api/auth.ts';
import { readSeed, SeedInvalidError } from '../../store/prepare.ts';
import { buildTestApp, gql } from '../support/app.ts';
import { startScratchNeo4j, type ScratchNeo4j } from '../support/scratch-neo4j.ts';

const SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seed');
const STORY = `id title origin stepCount citationCount bibliography { id }
  steps { number heading when { text label } nodeIds linkIds nodes { id name } links { id sentence } citations { source { id } } }`;
const SAVE = `mutation Save($story: StoryInput!, $basedOn: Int) { saveStory(story: $story, basedOn: $basedOn) { ${STORY} savedBy version } }`;
const LESSON = {
  id: 'story/test-lesson', title: 'A lesson', audience: 'Tests',
  steps: [{
    heading: 'Beilin briefed Peres', caption: 'Beilin brought the talks to Peres.', when: '1993-02?',
    focus: { nodes: ['person/yossi-beilin', 'person/shimon-peres'], links: ['REPORTED_TO:person/yossi-beilin>person/shimon-peres@1993-02?'] },
    citations: [{ source: 'source/w63-h-m-sachar-history' }],
  }],
};

describe('stories on the shared test database', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app?.close());

  it('lists the curated stories and resolves every Oslo step to live nodes and links', async () => {
    const list = await gql(app, '{ stories { id origin stepCount citationCount } }');
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data.stories).toEqual(expect.arrayContaining([
      { id: 'story/oslo', origin: 'SEED', stepCount: 13, citationCount: 43 },
      { id: 'story/beilin-abu-mazen', origin: 'SEED', stepCount: 6, citationCount: 20 },
    ]));
    const { body } = await gql(app, `query($id: ID!) { story(id: $id) { ${STORY} } }`, { id: 'story/oslo' });
    expect(body.errors).toBeUndefined();
    const oslo = body.data.story;
    for (const step of oslo.steps) {
      expect(step.nodes.map((n: { id: string }) => n.id)).toEqual(step.nodeIds);
      expect(step.links.map((l: { id: string }) => l.id)).toEqual(step.linkIds);
      expect(step.citations.length).toBeGreaterThan(0);
    }
    expect(oslo.steps[2]).toMatchObject({ number: 3, heading: 'London, 4 December 1992', when: { text: '1992-12-04', label: '4 Dec 1992' } });
    expect(oslo.bibliography.length).toBe(new Set(oslo.steps.flatMap((s: { citations: { source: { id: string } }[] }) => s.citations.map((c) => c.source.id))).size);
    expect((await gql(app, '{ story(id: "story/nothing") { id } }')).body.data.story).toBeNull();
  });
});

describe('a bad story file', () => {
  it('fails the seed load with file and step, before anything is written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-stories-'));
    try {
      cpSync(SEED, dir, { recursive: true, filter: (f) => !f.endsWith('.ts') });
      writeFileSync(path.join(dir, 'stories', 'broken.yaml'), JSON.stringify({ ...LESSON, id: 'story/broken', steps: [LESSON.steps[0], { ...LESSON.steps[0], focus: { nodes: ['person/yossi-beilin', 'person/abu-alla'] } }] }));
      const error = await readSeed(dir).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(SeedInvalidError);
      expect((error as Error).message).toContain("seed/stories/broken.yaml: steps[1].focus.nodes[1]: unknown id 'person/abu-alla' — did you mean 'person/ahmed-qurei'?");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('saveStory', () => {
  let db: ScratchNeo4j;
  let app: FastifyInstance;
  const tokens = { editor: '', viewer: '' };
  beforeAll(async () => {
    db = await startScratchNeo4j({ seed: true, name: 'stories' });
    app = await buildApp(readConfig({ NEO4J_URI: db.uri, NEO4J_PASSWORD: db.server.password, LOG_LEVEL: 'silent' }), { neo4jUri: db.uri, logger: false });
    for (const role of ['editor', 'viewer'] as const) tokens[role] = (await createToken((q, p) => app.db.write(q, p), `story ${role}`, role, 'test')).token;
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await db?.stop();
  });

  const save = async (story: unknown, token?: string, basedOn?: number) => {
    const res = await app.inject({ method: 'POST', url: '/graphql', headers: token ? { authorization: `Bearer ${token}` } : {}, payload: { query: SAVE, variables: { story, basedOn } } });
    return res.json() as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  };

  it('needs an editor token, saves a checked story, and reads it back', async () => {
    expect((await save(LESSON)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await save(LESSON, tokens.viewer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const saved = await save(LESSON, tokens.editor);
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveStory).toMatchObject({ id: 'story/test-lesson', origin: 'SAVED', stepCount: 1, citationCount: 1, savedBy: expect.stringMatching(/^story editor/) });
    expect(saved.data.saveStory.steps[0].links[0].sentence).toMatch(/Yossi Beilin reported to Shimon Peres/);
    const again = await save({ ...LESSON, title: 'A better lesson' }, tokens.editor, saved.data.saveStory.version);
    expect(again.data.saveStory).toMatchObject({ title: 'A better lesson', version: 2 });
    const list = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ stories { id origin } }' } });
    expect(list.json().data.stories).toEqual(expect.arrayContaining([{ id: 'story/test-lesson', origin: 'SAVED' }, { id: 'story/oslo', origin: 'SEED' }]));
  });

  it('refuses unknown ids with the step and a suggestion, and never overwrites a curated story', async () => {
    const bad = await save({ ...LESSON, steps: [{ ...LESSON.steps[0], focus: { nodes: ['person/abu-alla'] } }] }, tokens.editor);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toContain("steps[0].focus.nodes[0]: unknown id 'person/abu-alla' — did you mean 'person/ahmed-qurei'?");
    const curated = await save({ ...LESSON, id: 'story/oslo' }, tokens.editor);
    expect(curated.errors?.[0].message).toMatch(/curated story/);
    const oslo = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ story(id: "story/oslo") { title stepCount } }' } });
    expect(oslo.json().data.story).toEqual({ title: 'How Oslo reached the top', stepCount: 13 });
  });
});
