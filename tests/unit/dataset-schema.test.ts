// The dataset format's JSON Schema is published as formats/dataset.schema.json for other tools: it must be what the
// validator checks with (regenerate with npm run schema:dataset), and the curated seed must pass it under a JSON
// Schema validator of its own (@hyperjump/json-schema, draft 2020-12), not only under ours (ajv).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerSchema, validate } from '@hyperjump/json-schema/draft-2020-12';
import { DATASET_SCHEMA_FILE, datasetSchemaText } from '../../cli/dataset-schema.ts';
import { DATASET_SCHEMA } from '../../core/dataset-schema.ts';
import { formatProblem, validateEntries, type RawEntry } from '../../core/dataset.ts';
import { readSeedFiles } from '../../store/seed-files.ts';

const URI = 'https://backchannel.test/dataset.schema.json';
const published = JSON.parse(readFileSync(DATASET_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
registerSchema(published as Parameters<typeof registerSchema>[0], URI);

const valid = async (instance: unknown) => (await validate(URI, instance as never)).valid;

describe('formats/dataset.schema.json', () => {
  it('is what core/dataset-schema.ts gives (regenerate with npm run schema:dataset)', () => {
    expect(readFileSync(DATASET_SCHEMA_FILE, 'utf8')).toBe(datasetSchemaText());
    expect(published.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('would notice a changed vocabulary', () => {
    const changed = JSON.stringify({ ...DATASET_SCHEMA, title: 'another' }, null, 2);
    expect(`${changed}\n`).not.toBe(readFileSync(DATASET_SCHEMA_FILE, 'utf8'));
  });

  it('accepts every curated seed file, as an independent validator reads it', async () => {
    const files = await readSeedFiles('seed');
    expect(files.length).toBeGreaterThan(10);
    const refused: string[] = [];
    for (const { file, text } of files) if (!(await valid(parse(text)))) refused.push(file);
    expect(refused).toEqual([]);
  });

  it('refuses what the validator refuses for its structure: unknown fields, values, ids and missing citations', async () => {
    const person = { id: 'person/jane-doe', name: 'Jane Doe', side: 'israeli', born: 1950, citations: [{ source: 'source/a', locator: 'p. 3' }] };
    expect(await valid({ people: [person] })).toBe(true);
    expect(await valid({ people: [{ ...person, colour: 'red' }] })).toBe(false);
    expect(await valid({ people: [{ ...person, side: 'martian' }] })).toBe(false);
    expect(await valid({ people: [{ ...person, id: 'channel/jane-doe' }] })).toBe(false);
    expect(await valid({ people: [{ ...person, citations: [] }] })).toBe(false);
    expect(await valid({ people: [{ ...person, name: 'x'.repeat(301) }] })).toBe(false);
    expect(await valid({ persons: [person] })).toBe(false);
    const link = { type: 'HELD_OFFICE', from: 'person/jane-doe', to: 'government/israel', when: '1990/1992', confidence: 'high', rank: 'minister', citations: ['source/a'] };
    expect(await valid({ links: [link] })).toBe(true);
    const { rank: _, ...withoutRank } = link;
    expect(await valid({ links: [withoutRank] })).toBe(false);
    expect(await valid({ links: [{ ...link, type: 'ATTENDED' }] })).toBe(false);
  });
});

describe('the validator, checking structure with the schema', () => {
  const entry = (section: RawEntry['section'], value: Record<string, unknown>, line: number): RawEntry => ({ file: 'f.json', section, index: 0, value, line });
  const problems = (...extra: RawEntry[]) => validateEntries([
    entry('sources', { id: 'source/a', kind: 'web', title: 'A' }, 1),
    { ...entry('people', { id: 'person/p', name: 'P', citations: ['source/a'] }, 2), index: 1 },
    ...extra,
  ]).problems.map(formatProblem);

  it('says what to fix in the words it always used, at the field, in the order the fields are read', () => {
    expect(problems(
      entry('people', { id: 'person/Q', name: ['Q'], side: ' martian ', anonymous: 'yes', aliases: 'Q', citations: [{ source: 'source/a', page: 3 }, 7], colour: 'red' }, 3),
      entry('channels', { id: 'channel/c', name: 'C', citations: ['source/a'], tracks: [{ track: 'III' }, 'II'], venues: 'Oslo' }, 4),
      entry('links', { type: 'HELD_OFFICE', from: 'person/p', to: 'person/p', confidence: 'sure', citations: [], id: 'x' }, 5),
      { ...entry('links', { type: 'ATTENDED', from: 'person/p', to: 'person/p', confidence: 'high' }, 6), index: 1 },
    )).toEqual([
      "f.json:3: people[0] (person/Q).colour: unknown field 'colour'; allowed for Person: id, name, aliases, description, citations, disputes, side, born, died, anonymous",
      "f.json:3: people[0] (person/Q).id: 'person/Q' must look like person/some-readable-slug (lower-case letters, digits and hyphens)",
      'f.json:3: people[0] (person/Q).name: must be a non-empty text',
      'f.json:3: people[0] (person/Q).aliases: must be a list of names',
      "f.json:3: people[0] (person/Q).citations[0]: unknown field 'page' (allowed: source, locator)",
      'f.json:3: people[0] (person/Q).citations[1]: needs a source id',
      "f.json:3: people[0] (person/Q).side: 'martian' is not one of israeli, palestinian, syrian, egyptian, jordanian, lebanese, norwegian, swedish, american, austrian, swiss, french, british, russian, canadian, turkish, international, other",
      'f.json:3: people[0] (person/Q).anonymous: must be true or false',
      'f.json:4: channels[0] (channel/c).venues: must be a list of places',
      "f.json:4: channels[0] (channel/c).tracks[0].track: 'III' is not one of II, I.5, I",
      "f.json:4: channels[0] (channel/c).tracks[1].track: '' is not one of II, I.5, I",
      "f.json:5: links[0] (x).to: a HELD_OFFICE link goes Person → Government; 'person/p' is a Person",
      "f.json:5: links[0] (x).confidence: 'sure' is not one of high, medium, low",
      'f.json:5: links[0] (x).rank: is required',
      'f.json:5: links[0] (x).citations: must be a non-empty list of { source, locator }',
      "f.json:5: links[0] (x).id: 'x' must look like link/some-readable-slug",
      "f.json:6: links[1].type: ATTENDED links come from a session's attendees and channel; list them there",
    ]);
  });

  it('counts a text\'s length in characters, as JSON Schema does, and reports only the lengths when any is too long', () => {
    expect(problems(entry('people', { id: 'person/q', name: '\u{1F54A}'.repeat(300), citations: ['source/a'] }, 3))).toEqual([]);
    expect(problems(entry('people', { id: 'person/q', name: 'é'.repeat(301), description: 'd'.repeat(10_001), colour: 'c'.repeat(501), citations: [] }, 3))).toEqual([
      'f.json:3: people[0] (person/q).name: is 301 characters long; at most 300 are allowed (FIELD_LIMITS)',
      'f.json:3: people[0] (person/q).description: is 10001 characters long; at most 10000 are allowed (FIELD_LIMITS)',
      'f.json:3: people[0] (person/q).colour: is 501 characters long; at most 500 are allowed (FIELD_LIMITS)',
    ]);
  });
});
