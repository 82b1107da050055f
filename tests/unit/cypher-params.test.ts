// The `// params:` headers of cypher/ are Cypher map literals: read back exactly, and a broken one named.
import { describe, expect, it } from 'vitest';
import { parseCypherLiteral, toCypherLiteral } from '../../store/cypher-params.ts';

describe('Cypher parameter maps', () => {
  it('read the forms the headers use: bare and backticked keys, quoted strings with escapes, numbers, lists, null', () => {
    expect(parseCypherLiteral("{id: 'story/x', `odd key`: \"it's\", n: -2, f: 0.5, ok: true, none: null, list: ['a', 1], nested: {a: {}}}"))
      .toEqual({ id: 'story/x', 'odd key': "it's", n: -2, f: 0.5, ok: true, none: null, list: ['a', 1], nested: { a: {} } });
    expect(parseCypherLiteral("{s: 'line\\nnext \\'quoted\\' \\\\ back'}")).toEqual({ s: "line\nnext 'quoted' \\ back" });
  });

  it('write what they read, for awkward strings too', () => {
    const value = { title: "Beilin's \"reply\" \\ 2001\nnext", ids: ['person/a', 'person/b'], limit: 20, props: { 'with-dash': false } };
    expect(toCypherLiteral(value)).toBe("{title: 'Beilin\\'s \"reply\" \\\\ 2001\\nnext', ids: ['person/a', 'person/b'], limit: 20, props: {`with-dash`: false}}");
    expect(parseCypherLiteral(toCypherLiteral(value))).toEqual(value);
  });

  it('refuse JSON-style quoted keys, naming where', () => {
    expect(() => parseCypherLiteral('{"limit": 20}')).toThrow('Cypher literal: expected a key at offset 1');
  });
});
