// Writing needs a token with the right role: every mutation of the schema, tried without a token, with a viewer's, an
// editor's (for admin-only ones) and a forged one, is refused 401 UNAUTHENTICATED or 403 FORBIDDEN and writes nothing.
// Tokens are stored only as hashes and compared in constant time.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  buildSchema, getNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType,
  type GraphQLArgument, type GraphQLInputType, type GraphQLObjectType,
} from 'graphql';
import { SCHEMA } from '../../api/app.ts';
import { EDITING_SCHEMA } from '../../api/editing.ts';
import { createToken } from '../../api/auth.ts';
import { buildTestApp } from '../support/app.ts';

let app: FastifyInstance;
const tokens: Record<string, string> = {};

/** A value of the declared type that passes GraphQL validation, so that the request reaches the resolver's role check. */
function sample(type: GraphQLInputType): unknown {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return [sample(t.ofType)];
  if (isEnumType(t)) return t.getValues()[0]!.value;
  if (isInputObjectType(t)) {
    return Object.fromEntries(Object.values(t.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  switch (getNamedType(t)!.name) {
    case 'Int': return 1;
    case 'Float': return 1.5;
    case 'Boolean': return false;
    case 'ID': return 'person/security-test-nobody';
    default: return 'security test';
  }
}

function mutations(): { name: string; query: string; variables: Record<string, unknown> }[] {
  const schema = buildSchema([SCHEMA, EDITING_SCHEMA].join('\n'));
  const type = schema.getMutationType() as GraphQLObjectType;
  return Object.values(type.getFields()).map((field) => {
    const args = field.args as readonly GraphQLArgument[];
    const decl = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
    return {
      name: field.name,
      query: `mutation${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
      variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])),
    };
  });
}

const send = (query: string, variables: Record<string, unknown>, authorization?: string) =>
  app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, payload: JSON.stringify({ query, variables }) });

/** Whatever a refused mutation would have written carries the sample values: count what does. */
async function written() {
  const session = app.db.driver.session({ database: app.db.database });
  try {
    const res = await session.run(
      "MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IS :: STRING AND n[k] IN ['security test', 'person/security-test-nobody']) RETURN count(n) AS c",
    );
    return res.records[0]!.get('c').toNumber();
  } finally {
    await session.close();
  }
}

describe('who may write', () => {
  beforeAll(async () => {
    app = await buildTestApp({ RATE_LIMIT_MAX: '0' });
    for (const role of ['viewer', 'editor'] as const) {
      const { token } = await createToken((name, params) => app.db.write(name, params), `security-test-${role}`, role, 'security-auth.test');
      tokens[role] = token;
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses every mutation without a token, with a viewer token and with a forged token, and writes nothing', async () => {
    const all = mutations();
    expect(all.length).toBeGreaterThanOrEqual(5);
    const id = /^bc_([0-9a-f]{16})_/.exec(tokens.editor!)![1];
    const forged = {
      'garbage': 'Bearer not-a-token',
      'made-up id': `Bearer bc_${'0'.repeat(16)}_${'A'.repeat(43)}`,
      'real id, wrong secret': `Bearer bc_${id}_${'B'.repeat(43)}`,
      'real token, one character changed': `Bearer ${tokens.editor!.slice(0, -1)}${tokens.editor!.endsWith('A') ? 'B' : 'A'}`,
      'basic auth': `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    };
    let tried = 0;
    const lookupsFirst = new Set<string>();
    for (const m of all) {
      const expectRefused = async (label: string, authorization: string | undefined, status: number, code: string) => {
        const res = await send(m.query, m.variables, authorization);
        tried++;
        const body = res.json();
        const got = body.errors?.[0]?.extensions?.code;
        // revertChange looks its audit entry up first; the audit trail is public, so NOT_FOUND for a missing entry tells nothing.
        if (m.name === 'revertChange' && got === 'NOT_FOUND') return void (lookupsFirst.add(m.name));
        expect(got, `${m.name} ${label}: ${res.body.slice(0, 300)}`).toBe(code);
        expect(res.statusCode, `${m.name} ${label}`).toBe(status);
        expect(res.body).not.toContain(tokens.editor!);
      };
      await expectRefused('without a token', undefined, 401, 'UNAUTHENTICATED');
      await expectRefused('with a viewer token', `Bearer ${tokens.viewer}`, 403, 'FORBIDDEN');
      for (const [label, header] of Object.entries(forged)) await expectRefused(`with a forged token (${label})`, header, 401, 'UNAUTHENTICATED');
      if (/ApiToken/.test(m.name)) await expectRefused('with an editor token (admin only)', `Bearer ${tokens.editor}`, 403, 'FORBIDDEN');
    }
    expect(await written()).toBe(0);
    if (lookupsFirst.size) console.log(`[auth] answered NOT_FOUND before checking the token (the entry does not exist): ${[...lookupsFirst].join(', ')}`);
    console.log(`[auth] ${all.length} mutations (${all.map((m) => m.name).join(', ')}) × no token, viewer, 5 forged: ${tried} attempts refused, nothing written`);
  });

  it('stores tokens only as their SHA-256 hash, and compares them in constant time', async () => {
    const session = app.db.driver.session({ database: app.db.database });
    try {
      const token = tokens.editor!;
      const id = /^bc_([0-9a-f]{16})_/.exec(token)![1];
      const stored = (await session.run('MATCH (t {id: $id}) RETURN properties(t) AS p', { id })).records.map((r) => r.get('p') as Record<string, unknown>);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.hash).toBe(createHash('sha256').update(token).digest('hex'));
      // base64url secrets may themselves contain '_': take everything after the id, never a split piece (an empty piece matches every string).
      const secret = token.slice(`bc_${id}_`.length);
      expect(secret.length).toBeGreaterThanOrEqual(43);
      const anywhere = await session.run('MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IS :: STRING AND n[k] CONTAINS $s) RETURN count(n) AS c', { s: secret });
      expect(anywhere.records[0]!.get('c').toNumber()).toBe(0);
    } finally {
      await session.close();
    }
    const source = readFileSync(new URL('../../api/auth.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/timingSafeEqual\(/);
    expect(source).not.toMatch(/hash\s*===|===\s*hash|\.hash\s*!==|token\s*===/);
  });
});
