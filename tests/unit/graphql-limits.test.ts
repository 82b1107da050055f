// The token check that runs before Mercurius parses: sources that passed are remembered, and that must never let
// through a source the limit in force refuses.
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../api/graphql-limits.ts';

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
