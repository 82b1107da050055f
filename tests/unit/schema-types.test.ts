// The resolvers' argument types are generated from the SDL (cli/schema-types.ts): this fails when a schema change
// was not followed by `npm run schema:types`, so typed arguments cannot drift from what graphql-js hands over.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES, schemaTypes, TYPES_FILE } from '../../cli/schema-types.ts';

const sdl = SCHEMA_FILES.map((f) => readFileSync(f, 'utf8'));

describe('api/schema-types.ts', () => {
  it('is what the SDL gives (regenerate with npm run schema:types)', () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(schemaTypes(sdl));
  });

  it('types a defaulted argument as present, a nullable one without default as optional, and enums as their values', () => {
    const text = schemaTypes(sdl);
    const block = /export interface QueryInfluencePathsArgs \{([^}]*)\}/.exec(text)![1];
    expect(block).toContain('  from: string;');
    expect(block).toContain('  to?: string | null;');
    expect(block).toContain('  maxHops: number | null;');
    expect(block).toContain('  rankBy: PathRanking | null;');
    expect(text).toMatch(/export type PathRanking = 'EARLIEST_ARRIVAL' \| 'FEWEST_HOPS' \| 'STRONGEST_EVIDENCE';/);
  });

  it('would notice a new argument', () => {
    const changed = sdl.map((s, i) => (i === 0 ? s.replace('whoMetWhom(', 'whoMetWhom(strict: Boolean, ') : s));
    expect(changed[0]).not.toBe(sdl[0]);
    expect(schemaTypes(changed)).not.toBe(schemaTypes(sdl));
    expect(schemaTypes(changed)).toContain('  strict?: boolean | null;');
  });
});
