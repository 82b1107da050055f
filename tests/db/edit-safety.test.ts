// The attacks of issue 14 on a database of its own, items 2, 3, 4 and 7: answers that grow without bound, overlong
// fields, audit values shown to anyone, edits that silently undo one another, lessons overwritten by any editor,
// retired people still named in the audit trail, and a revert that looks things up before checking the token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import { readConfig } from '../../store/config.ts';
import { createToken } from '../../api/auth.ts';
import { startScratchNeo4j, type ScratchNeo4j } from '../support/scratch-neo4j.ts';

let db: ScratchNeo4j;
let app: FastifyInstance;
const tokens: Record<'admin' | 'editor' | 'other' | 'viewer', string> = { admin: '', editor: '', other: '', viewer: '' };
// Small enough that a whole-dataset export of the seed goes over it, large enough for every other answer here.
const RESPONSE_MAX_BYTES = 200_000;

beforeAll(async () => {
  db = await startScratchNeo4j({ seed: true, name: 'edit-safety' });
  app = await buildApp(readConfig({
    NEO4J_URI: db.uri, NEO4J_PASSWORD: db.server.password, LOG_LEVEL: 'silent', RESPONSE_MAX_BYTES: String(RESPONSE_MAX_BYTES),
  }), { neo4jUri: db.uri, logger: false });
  for (const role of ['admin', 'editor', 'viewer'] as const) {
    tokens[role] = (await createToken((q, p) => app.db.write(q, p), `safety ${role}`, role, 'test')).token;
  }
  tokens.other = (await createToken((q, p) => app.db.write(q, p), 'safety other editor', 'editor', 'test')).token;
}, 300_000);

afterAll(async () => {
  await app?.close();
  await db?.stop();
});

type Body = { data?: any; errors?: { message: string; extensions?: { code?: string; limit?: string; max?: number; problems?: { entry: string; message: string }[] } }[] };

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ status: number; body: Body; bytes: number }> {
  const res = await app.inject({
    method: 'POST', url: '/graphql', payload: { query, variables },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.statusCode, body: res.json() as Body, bytes: res.rawPayload.length };
}

const SEQUENCE = '{ dataset { sequence } }';
const sequenceNow = async () => (await gql(SEQUENCE)).body.data.dataset.sequence as number;
const CITATION = [{ source: 'source/f001-chapter-track-ii-talks', locator: 'p. 3' }];
const CREATE = 'mutation($id: ID!, $fields: NodeFields!) { createNode(id: $id, fields: $fields) { entry { sequence } } }';
const UPDATE = 'mutation($id: ID!, $fields: NodeFields!, $basedOn: Int!) { updateNode(id: $id, fields: $fields, basedOn: $basedOn) { changed entry { sequence } } }';
const REVERT = 'mutation($s: Int!) { revertChange(sequence: $s) { changed entry { sequence } } }';

describe('bounded answers', () => {
  it('shows anonymous callers that a change happened, but its before and after values only to editors', async () => {
    const made = await gql(CREATE, { id: 'person/safety-audit-person', fields: { name: 'Safety Audit Person', side: 'israeli', citations: CITATION } }, tokens.editor);
    expect(made.body.errors).toBeUndefined();
    const query = '{ auditTrail(limit: 200) { sequence changeCount changes { id op before after } } }';
    const anonymous = (await gql(query)).body.data.auditTrail[0];
    expect(anonymous).toEqual({ sequence: made.body.data.createNode.entry.sequence, changeCount: 1, changes: [{ id: 'person/safety-audit-person', op: 'ADDED', before: null, after: null }] });
    const viewer = (await gql(query, {}, tokens.viewer)).body.data.auditTrail[0];
    expect(viewer.changes[0].after).toBeNull();
    const editor = (await gql(query, {}, tokens.editor)).body.data.auditTrail[0];
    expect(JSON.parse(editor.changes[0].after).name).toBe('Safety Audit Person');
  });

  it('pages the changes of an audit entry and refuses a page larger than the server allows', async () => {
    const res = await gql('{ auditTrail(limit: 1) { changes(limit: 100000) { id } } }');
    expect(res.body.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(res.body.errors?.[0].message).toBe('limit may be at most 500 (asked for 100000)');
  });

  it('refuses an answer larger than the response budget, saying how to ask for less', async () => {
    const res = await gql('{ datasetExport(format: JSON) { files { name text } } }');
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'responseBytes', max: RESPONSE_MAX_BYTES });
    expect(res.body.errors?.[0].message).toMatch(/more than this server sends \(200000 bytes, RESPONSE_MAX_BYTES\)\. Ask for less: a smaller limit, fewer fields/);
    expect(res.bytes).toBeLessThan(2_000);
    const small = await gql('{ datasetExport(format: JSON, nodeIds: ["person/yossi-beilin"]) { files { name } } }');
    expect(small.body.errors).toBeUndefined();
  });

  it('refuses a name longer than 300 characters, from an edit and from an import, naming the field and the limit', async () => {
    const long = 'N'.repeat(20_000);
    const edit = await gql(CREATE, { id: 'person/safety-long-name', fields: { name: long, side: 'israeli', citations: CITATION } }, tokens.editor);
    expect(edit.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(edit.body.errors?.[0].extensions?.problems).toEqual([{ file: '(request)', line: null, entry: 'people[0] (person/safety-long-name).name', message: 'is 20000 characters long; at most 300 are allowed (FIELD_LIMITS)' }]);
    const file = { name: 'people.json', text: JSON.stringify({ people: [{ id: 'person/safety-long-import', name: 'Short', aliases: ['A'.repeat(301)], side: 'israeli', citations: CITATION }] }) };
    const imported = await gql('mutation($files: [ImportFileInput!]!) { importDataset(files: $files) { ok written problems { entry message } } }', { files: [file] }, tokens.editor);
    expect(imported.body.data.importDataset).toEqual({
      ok: false, written: false,
      problems: [{ entry: 'people[0] (person/safety-long-import).aliases[0]', message: 'is 301 characters long; at most 300 are allowed (FIELD_LIMITS)' }],
    });
    expect((await gql('{ node(id: "person/safety-long-name") { id } }')).body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('edits that cannot lose work', () => {
  it('refuses an update written from a stale read, naming the newer change', async () => {
    const made = await gql(CREATE, { id: 'person/safety-stale', fields: { name: 'Safety Stale', side: 'israeli', citations: CITATION } }, tokens.editor);
    const read = made.body.data.createNode.entry.sequence as number;
    const a = await gql(UPDATE, { id: 'person/safety-stale', fields: { description: 'A wrote this.' }, basedOn: read }, tokens.editor);
    expect(a.body.errors).toBeUndefined();
    const newer = a.body.data.updateNode.entry.sequence as number;
    const b = await gql(UPDATE, { id: 'person/safety-stale', fields: { description: 'B wrote this from the old read.' }, basedOn: read }, tokens.other);
    expect(b.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(b.body.errors?.[0].message).toMatch(new RegExp(`^person/safety-stale was changed by audit entry ${newer} \\(update, by safety editor \\(token [0-9a-f]{8}\\)\\) after the version you read \\(${read}\\); nothing was written\\. Read it again and redo your edit with basedOn: ${newer} or later\\.$`));
    expect((await gql('{ node(id: "person/safety-stale") { description } }')).body.data.node.description).toBe('A wrote this.');
    const fresh = await gql(UPDATE, { id: 'person/safety-stale', fields: { description: 'B wrote this from a fresh read.' }, basedOn: await sequenceNow() }, tokens.other);
    expect(fresh.body.errors).toBeUndefined();
  });

  it('refuses to revert a change when a later edit changed the same item, and explains which', async () => {
    const made = await gql(CREATE, { id: 'person/safety-revert', fields: { name: 'Safety Revert', side: 'israeli', citations: CITATION } }, tokens.editor);
    const a = await gql(UPDATE, { id: 'person/safety-revert', fields: { description: 'A.' }, basedOn: made.body.data.createNode.entry.sequence }, tokens.editor);
    const first = a.body.data.updateNode.entry.sequence as number;
    const b = await gql(UPDATE, { id: 'person/safety-revert', fields: { description: 'B.' }, basedOn: first }, tokens.other);
    const second = b.body.data.updateNode.entry.sequence as number;
    const res = await gql(REVERT, { s: first }, tokens.editor);
    expect(res.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(res.body.errors?.[0].message).toMatch(new RegExp(`^Audit entry ${first} cannot be reverted: a later change touched the same items, and reverting would undo it too: entry ${second} \\(update, by safety other editor \\(token [0-9a-f]{8}\\): person/safety-revert\\)\\. Revert ${second} first, or edit the item by hand; nothing was written\\.$`));
    expect((await gql('{ node(id: "person/safety-revert") { description } }')).body.data.node.description).toBe('B.');
  });

  it('checks the token before it looks up the audit entry to revert', async () => {
    const res = await gql(REVERT, { s: 999_999 });
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const viewer = await gql(REVERT, { s: 999_999 }, tokens.viewer);
    expect(viewer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('saved lessons have an author, a version and a history', () => {
  const SAVE = 'mutation($story: StoryInput!, $basedOn: Int) { saveStory(story: $story, basedOn: $basedOn) { id title author version savedBy revisions { version actor } } }';
  const lesson = (title: string) => ({
    id: 'story/safety-lesson', title, audience: 'Tests',
    steps: [{ heading: 'Beilin', caption: 'Yossi Beilin.', focus: { nodes: ['person/yossi-beilin'] }, citations: [{ source: 'source/w63-h-m-sachar-history' }] }],
  });

  it('keeps the author: another editor may not overwrite the lesson, an admin may', async () => {
    const first = await gql(SAVE, { story: lesson('First') }, tokens.editor);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.saveStory).toMatchObject({ title: 'First', version: 1, revisions: [{ version: 1 }] });
    expect(first.body.data.saveStory.author).toMatch(/^safety editor \(token /);
    const other = await gql(SAVE, { story: lesson('Taken over'), basedOn: 1 }, tokens.other);
    expect(other.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(other.body.errors?.[0].message).toMatch(/^story\/safety-lesson was written by safety editor \(token [0-9a-f]+\); only its author or an admin may overwrite it\. Save your version under another id\.$/);
    const admin = await gql(SAVE, { story: lesson('Corrected by an admin'), basedOn: 1 }, tokens.admin);
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data.saveStory).toMatchObject({ title: 'Corrected by an admin', version: 2, author: first.body.data.saveStory.author });
    expect(admin.body.data.saveStory.revisions.map((r: { version: number }) => r.version)).toEqual([2, 1]);
  });

  it('refuses a save from a stale read of the lesson, or one that does not say which version it read', async () => {
    const stale = await gql(SAVE, { story: lesson('From version 1'), basedOn: 1 }, tokens.editor);
    expect(stale.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(stale.body.errors?.[0].message).toMatch(/^story\/safety-lesson is at version 2 \(saved by safety admin \(token [0-9a-f]+\) at .+\), not the version 1 you read; nothing was saved\. Load it again and save with basedOn: 2\.$/);
    const blind = await gql(SAVE, { story: lesson('Blind') }, tokens.editor);
    expect(blind.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const current = await gql('{ story(id: "story/safety-lesson") { title version } }');
    expect(current.body.data.story).toEqual({ title: 'Corrected by an admin', version: 2 });
  });
});

describe('retired data can be purged', () => {
  it('lets an admin purge a retired interviewee\'s personal fields from the audit trail, recorded as a purge', async () => {
    const name = 'Interviewee Safety Purge';
    const made = await gql(CREATE, { id: 'person/safety-interviewee', fields: { name, aliases: ['The Source'], side: 'israeli', description: 'Spoke on condition of anonymity.', citations: CITATION } }, tokens.editor);
    expect(made.body.errors).toBeUndefined();
    const retired = await gql('mutation { retireNode(id: "person/safety-interviewee", reason: "should have stayed anonymous") { entry { sequence } } }', {}, tokens.editor);
    expect(retired.body.errors).toBeUndefined();
    const PURGE = 'mutation($id: ID!) { purgeRetired(id: $id) { entry { sequence action actor summary } entriesPurged } }';
    expect((await gql(PURGE, { id: 'person/safety-interviewee' }, tokens.editor)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(PURGE, { id: 'person/yossi-beilin' }, tokens.admin)).body.errors?.[0]).toMatchObject({
      message: 'person/yossi-beilin is live: retire it first (retireNode), then purge it.', extensions: { code: 'BAD_USER_INPUT' },
    });
    const purged = await gql(PURGE, { id: 'person/safety-interviewee' }, tokens.admin);
    expect(purged.body.errors).toBeUndefined();
    expect(purged.body.data.purgeRetired).toMatchObject({ entriesPurged: 2, entry: { action: 'purge', summary: 'purged the personal fields of person/safety-interviewee from 2 audit entries' } });
    const trail = await gql('{ auditTrail(limit: 200) { action changes { before after } } }', {}, tokens.admin);
    expect(JSON.stringify(trail.body.data.auditTrail)).not.toContain(name);
    expect(JSON.stringify(trail.body.data.auditTrail)).not.toContain('The Source');
    const diff = await gql('{ datasetChanges(from: "1") { changes { before after } } }');
    expect(JSON.stringify(diff.body.data.datasetChanges)).not.toContain(name);
  });
});
