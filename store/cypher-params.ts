// The `// params:` header of a cypher/ file is a Cypher map literal, as cypher-shell's `:param {…}` and Neo4j
// Browser take it. This reads the literal forms those headers use: maps, lists, strings, numbers, booleans, null.

/** Parses a Cypher map or value literal; throws naming the offset of the first character it cannot read. */
export function parseCypherLiteral(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`Cypher literal: ${what} at offset ${i} of ${JSON.stringify(text.slice(0, 80))}`);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const expect = (ch: string) => {
    space();
    if (text[i] !== ch) fail(`expected '${ch}'`);
    i++;
  };
  const quoted = (q: string): string => {
    i++;
    let out = '';
    while (i < text.length && text[i] !== q) {
      if (text[i] === '\\') {
        const next = text[i + 1];
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '\\': '\\', "'": "'", '"': '"' };
        if (next === 'u') {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (!(next in escapes)) fail(`unknown escape \\${next}`);
        out += escapes[next];
        i += 2;
        continue;
      }
      out += text[i++];
    }
    if (text[i] !== q) fail('unterminated string');
    i++;
    return out;
  };
  const key = (): string => {
    space();
    if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) fail('unterminated `key`');
      const k = text.slice(i + 1, end);
      i = end + 1;
      return k;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) fail('expected a key');
    i += m![0].length;
    return m![0];
  };
  const value = (): unknown => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      const out: Record<string, unknown> = {};
      space();
      if (text[i] === '}') { i++; return out; }
      for (;;) {
        const k = key();
        expect(':');
        out[k] = value();
        space();
        if (text[i] === ',') { i++; continue; }
        expect('}');
        return out;
      }
    }
    if (ch === '[') {
      i++;
      const out: unknown[] = [];
      space();
      if (text[i] === ']') { i++; return out; }
      for (;;) {
        out.push(value());
        space();
        if (text[i] === ',') { i++; continue; }
        expect(']');
        return out;
      }
    }
    if (ch === "'" || ch === '"') return quoted(ch);
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)\b/i.exec(text.slice(i));
    if (!m) fail('expected a value');
    i += m![0].length;
    const word = m![0].toLowerCase();
    return word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(m![0]);
  };
  const result = value();
  space();
  if (i < text.length) fail('unexpected text after the value');
  return result;
}

/** Writes a value as a Cypher literal (keys bare when they can be, strings in single quotes). */
export function toCypherLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(toCypherLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `\`${k}\``}: ${toCypherLiteral(v)}`);
  return `{${entries.join(', ')}}`;
}
