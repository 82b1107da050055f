// The schema as clients see it over HTTP: introspection carries a description for every type, field and argument,
// dates travel as the Date scalar (the same strings out, checked on the way in with the dataset's date parser),
// and an input that takes one of several kinds is @oneOf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildClientSchema, getIntrospectionQuery, isInputObjectType, isInterfaceType, isObjectType, type IntrospectionQuery } from 'graphql';
import { buildTestApp, gql } from '../support/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app?.close());

const LINK = 'REPORTED_TO:person/yossi-beilin>person/shimon-peres@1993-02?';

describe('the schema over HTTP', () => {
  it('introspects with a description on every type, field and argument', async () => {
    const { body } = await gql(app, getIntrospectionQuery({ specifiedByUrl: true, inputValueDeprecation: true, oneOf: true }));
    expect(body.errors).toBeUndefined();
    const schema = buildClientSchema(body.data as IntrospectionQuery);
    const counts = { types: [0, 0], fields: [0, 0], arguments: [0, 0] };
    const count = (k: keyof typeof counts, d: string | null | undefined) => {
      counts[k][1]++;
      if (d && d.trim()) counts[k][0]++;
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      count('types', type.description);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const f of Object.values(type.getFields())) {
          count('fields', f.description);
          for (const a of 'args' in f ? f.args : []) count('arguments', a.description);
        }
      }
    }
    expect(counts.types[1]).toBeGreaterThan(70);
    expect(counts.fields[1]).toBeGreaterThan(400);
    expect(counts.arguments[1]).toBeGreaterThan(80);
    for (const [done, all] of Object.values(counts)) expect(done).toBe(all);
    const date = schema.getType('Date')!;
    expect(date.toString()).toBe('Date');
    expect((date as { specifiedByURL?: string }).specifiedByURL).toBe('https://www.loc.gov/standards/datetime/');
    expect((schema.getType('BibliographyOf') as { isOneOf?: boolean }).isOneOf).toBe(true);
  });

  it('writes dates as the dataset holds them', async () => {
    const { body } = await gql(app, 'query($id: ID!) { link(id: $id) { when { text label } } }', { id: LINK });
    expect(body.errors).toBeUndefined();
    expect(body.data.link.when.text).toBe('1993-02?');
  });

  it('refuses a date in another form with BAD_USER_INPUT and the accepted forms, as a variable or in the query', async () => {
    const save = 'mutation($s: StoryInput!) { saveStory(story: $s) { id } }';
    const story = (when: unknown) => ({ id: 'story/date-test', title: 'T', audience: 'A', steps: [{ heading: 'H', caption: 'C', when, focus: {}, citations: [] }] });
    const variable = await gql(app, save, { s: story('1993-13') });
    expect(variable.status).toBe(400);
    expect(variable.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.body.errors?.[0].message).toMatch(/month 13 is not between 01 and 12.*accepted forms: YYYY, YYYY-MM, YYYY-MM-DD/);
    const literal = await gql(app, 'mutation { saveStory(story: { id: "story/x", title: "T", audience: "A", steps: [{ heading: "H", caption: "C", when: "May 1993", focus: {}, citations: [] }] }) { id } }');
    expect(literal.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(literal.body.errors?.[0].message).toMatch(/"May 1993" is not a date.*accepted forms/);
    const number = await gql(app, save, { s: story(1993) });
    expect(number.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(number.body.errors?.[0].message).toMatch(/A Date is a string such as "1993-05"/);
  });
});
