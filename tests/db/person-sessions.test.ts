// Person.sessionsAttended: the sessions a person is documented to have attended, oldest first, bounded by limit, and
// always the mirror of Session.attendees (the same ATTENDED links read from the other end).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, gql } from '../support/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

const ATTENDED = `query($id: ID!, $limit: Int) { node(id: $id) { ... on Person { sessionsAttended(limit: $limit) { id name place when { text from } channel { id } } } } }`;

interface Attended { id: string; name: string; place: string | null; when: { text: string; from: string | null } | null; channel: { id: string } | null }

async function attended(id: string, limit?: number): Promise<Attended[]> {
  const { body } = await gql(app, ATTENDED, { id, limit });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.node.sessionsAttended as Attended[];
}

/** Every session of every channel whose attendees include the person, read the other way (Channel.sessions, Session.attendees). */
async function sessionsListing(id: string): Promise<string[]> {
  const { body } = await gql(app, `{ channels { sessions { id when { from } attendees { id } } } }`);
  expect(body.errors).toBeUndefined();
  const sessions = (body.data.channels as { sessions: { id: string; when: { from: string | null } | null; attendees: { id: string }[] }[] }[]).flatMap((c) => c.sessions);
  return sessions.filter((s) => s.attendees.some((a) => a.id === id))
    .sort((a, b) => (a.when?.from ?? '9999').localeCompare(b.when?.from ?? '9999') || a.id.localeCompare(b.id)).map((s) => s.id);
}

describe('a person’s sessions attended', () => {
  it('lists the Oslo sessions Hirschfeld attended, oldest first, starting with London (4 Dec 1992)', async () => {
    const sessions = await attended('person/yair-hirschfeld');
    expect(sessions[0]).toMatchObject({ id: 'session/oslo-1992-london', place: expect.stringMatching(/London/), channel: { id: 'channel/oslo-1992' } });
    expect(sessions[0].when?.from).toBe('1992-12-04');
    expect(sessions.map((s) => s.id)).toEqual(await sessionsListing('person/yair-hirschfeld'));
    const days = sessions.map((s) => s.when?.from ?? '9999');
    expect(days).toEqual([...days].sort());
    expect(sessions.length).toBeGreaterThan(2);
  });

  it('agrees with Session.attendees for everyone who attended a session', async () => {
    for (const id of ['person/ahmed-qurei', 'person/terje-rod-larsen', 'person/yasser-arafat']) {
      expect((await attended(id)).map((s) => s.id), id).toEqual(await sessionsListing(id));
    }
  });

  it('is empty for someone who attended no session, and a channel is not a person', async () => {
    // Rabin attended only Oslo's last sessions, ending with the signing at the White House (13 Sep 1993).
    const rabin = (await attended('person/yitzhak-rabin')).map((s) => s.id);
    expect(rabin).toEqual(await sessionsListing('person/yitzhak-rabin'));
    expect(rabin.at(-1)).toBe('session/oslo-1993-washington-signing');
    expect(await attended('person/ehud-barak')).toEqual([]);
    const { body } = await gql(app, `{ node(id: "channel/oslo-1992") { ... on Person { sessionsAttended { id } } } }`);
    expect(body.data.node).toEqual({});
  });

  it('gives the oldest first up to limit, and refuses a limit outside 1–500 with the code and the bound', async () => {
    const all = await attended('person/yair-hirschfeld');
    expect(await attended('person/yair-hirschfeld', 2)).toEqual(all.slice(0, 2));
    const zero = await gql(app, ATTENDED, { id: 'person/yair-hirschfeld', limit: 0 });
    expect(zero.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/limit must be a whole number of at least 1/), extensions: { code: 'BAD_USER_INPUT' } });
    const many = await gql(app, ATTENDED, { id: 'person/yair-hirschfeld', limit: 501 });
    expect(many.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/limit may be at most 500/), extensions: { code: 'LIMIT_EXCEEDED' } });
  });
});
