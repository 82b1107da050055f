// The token check that runs before Mercurius parses: sources that passed are remembered, and that must never let
// through a source the limit in force refuses.
import { describe, expect, it } from 'vitest';
import { checkSource, overBudget } from '../../api/graphql-limits.ts';

const fields = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `f${i}`).join(' ')} }`;

describe('checkSource', () => {
  it('passes a source under the limit every time it is sent', () => {
    const source = fields(10);
    for (let i = 0; i < 3; i++) expect(() => checkSource(source, 100)).not.toThrow();
  });

  it('refuses a source over the limit every time, also after sources under it passed', () => {
    const long = fields(300);
    for (let i = 0; i < 3; i++) {
      expect(() => checkSource(fields(5), 200)).not.toThrow();
      expect(() => checkSource(long, 200)).toThrow(/Token limit of 200 exceeded/);
    }
  });

  it('judges a remembered source again under a lower limit', () => {
    const source = fields(150);
    expect(() => checkSource(source, 1_000)).not.toThrow();
    expect(() => checkSource(source, 100)).toThrow(/Token limit of 100 exceeded/);
    expect(() => checkSource(source, 1_000)).not.toThrow();
  });

  it('refuses a source that does not parse every time', () => {
    for (let i = 0; i < 2; i++) expect(() => checkSource('{ a b', 100)).toThrow(/Syntax Error/);
  });
});

describe('the answer-size budget (RESPONSE_MAX_BYTES)', () => {
  const answer = (text: string) => JSON.stringify({ data: { node: { description: text } } });

  it('counts UTF-8 bytes, not characters: an answer of few characters but more bytes than the budget is refused', () => {
    const max = 10_000;
    const ascii = answer('a'.repeat(9_000));
    expect(overBudget(ascii, max)).toBeNull();
    // 4,000 characters of "é" are 8,000 bytes; with the rest of the answer under the budget in characters, over it in bytes.
    const accented = answer('é'.repeat(4_000) + 'a'.repeat(1_990));
    expect(accented.length).toBeLessThan(max);
    expect(Buffer.byteLength(accented)).toBeGreaterThan(max);
    const refused = JSON.parse(overBudget(accented, max)!);
    expect(refused.data).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0].extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'responseBytes', max, bytes: Buffer.byteLength(accented) });
    expect(refused.errors[0].message).toMatch(/^The answer would be \d+ bytes, more than this server sends \(10000 bytes, RESPONSE_MAX_BYTES\)\. Ask for less/);
  });

  it('lets an answer of exactly the budget through', () => {
    const exact = answer('é'.repeat(10));
    expect(overBudget(exact, Buffer.byteLength(exact))).toBeNull();
    expect(overBudget(exact, Buffer.byteLength(exact) - 1)).not.toBeNull();
  });
});
