// Import, the pure part: CSV and JSON readers and the merge plan report every problem with file, row or
// line, and column or field; the templates are a valid dataset; a change is planned against what is stored.
import { describe, expect, it } from 'vitest';
import { collectImportFiles, readImportFiles, type ImportFile } from '../../api/import.ts';
import { planChange } from '../../store/apply.ts';
import { rewriteCsvProblem, decodeCell, encodeCell } from '../../formats/csv-in.ts';
import type { StoredDataset } from '../../store/stored-dataset.ts';
import { formatProblem, validateEntries, type Problem } from '../../core/dataset.ts';

const EMPTY: StoredDataset = { nodes: new Map(), links: new Map(), attendees: new Map(), version: null, sequence: null };

const SOURCES = 'id,kind,title\nsource/s1,book,A book\n';

/** Reads and plans files against an empty database; every problem as "file:line: entry: message". */
function problemsOf(files: ImportFile[], stored: StoredDataset = EMPTY): string[] {
  const read = readImportFiles(files);
  let problems: Problem[] = read.problems;
  if (problems.length === 0) problems = planChange(stored, { entries: read.entries }).problems;
  const csv = new Set(files.filter((f) => f.file.endsWith('.csv')).map((f) => f.file));
  return problems.map((p) => formatProblem(csv.has(p.file) ? rewriteCsvProblem(p) : p));
}

describe('the CSV templates in seed/templates', () => {
  it('are a valid dataset on their own, with Arabic and Hebrew names intact', async () => {
    const files = await collectImportFiles('seed/templates');
    expect(files.map((f) => f.file.split('/').pop()).sort()).toEqual(['links.csv', 'nodes.csv', 'sources.csv']);
    const { entries, problems } = readImportFiles(files);
    expect(problems).toEqual([]);
    const { dataset, problems: invalid } = validateEntries(entries);
    expect(invalid).toEqual([]);
    expect(dataset!.nodes.map((n) => n.id)).toContain('person/example-participant-b');
    const b = dataset!.nodes.find((n) => n.id === 'person/example-participant-b')!;
    expect(b.aliases).toEqual(['משתתף ב']);
    const a = dataset!.nodes.find((n) => n.id === 'person/example-participant-a')!;
    expect(a.aliases).toEqual(['مشارك أ', 'Participant A']);
    const session = dataset!.nodes.find((n) => n.id === 'session/example-channel-london')!;
    expect(session.props.attendees).toEqual(['person/example-participant-a', 'person/example-participant-b']);
    const produced = dataset!.links.find((l) => l.type === 'PRODUCED')!;
    expect(produced.disputes).toEqual([{ field: 'when', value: '1993-06', note: 'The archive dates the paper to June.', citations: [{ source: 'source/example-archive' }] }]);
  });
});

describe('CSV cells', () => {
  it('read lists, citations with locators and tracks, and write them back the same', () => {
    expect(decodeCell('citations', 'source/a: p. 12 | source/b')).toEqual([{ source: 'source/a', locator: 'p. 12' }, { source: 'source/b' }]);
    expect(decodeCell('tracks', 'II: 1992/1993-05 | I: 1993-05/1993-09')).toEqual([{ track: 'II', when: '1992/1993-05' }, { track: 'I', when: '1993-05/1993-09' }]);
    expect(decodeCell('aliases', '["a | b", "c"]')).toEqual(['a | b', 'c']);
    for (const [column, value] of [
      ['citations', [{ source: 'source/a', locator: 'p. 3: note' }, { source: 'source/b' }]],
      ['aliases', ['x | y', 'z']],
      ['venues', ['London', 'Oslo, Norway']],
      ['tracks', [{ track: 'I.5', when: '1990/..' }]],
      ['disputes', [{ field: 'when', value: '1990', citations: [{ source: 'source/a' }] }]],
    ] as const) {
      expect(decodeCell(column, encodeCell(column, value))).toEqual(value);
    }
  });
});

describe('every import problem names its file, row and column', () => {
  it('an unknown column, in the header row', () => {
    expect(problemsOf([{ file: 'people.csv', text: 'id,name,nickname\nperson/a,A,Al\n' }])).toEqual([
      "people.csv:1: header, column 3: unknown column 'nickname'; a nodes file has: id, name, aliases, kind, side, when, born, died, anonymous, polity, founded, channel, place, attendees, confidence, tracks, approach, level, aim, venues, outcome, description, citations, disputes",
    ]);
  });

  it('a row with too many cells, a cell that is not JSON, an id without a kind', () => {
    const text = 'id,name,citations,disputes\nperson/a,A,source/s1,\nperson/b,B,source/s1,x,extra\nperson/c,C,source/s1,[oops\nnobody,D,source/s1,\n';
    expect(problemsOf([{ file: 'sources.csv', text: SOURCES }, { file: 'people.csv', text }])).toEqual([
      'people.csv:3: row 3: has 5 cells; the header has 4 (quote cells that contain commas)',
      expect.stringMatching(/^people\.csv:4: row 4, column disputes: is not valid JSON/),
      "people.csv:5: row 5, column id: 'nobody' must start with a kind: person/, institution/, government/, channel/, session/, document/ or source/",
    ]);
  });

  it('a wrong value, a bad date, a missing citation and an unknown reference, each at its row and column', () => {
    const people = 'id,name,side,born,citations\nperson/amos-oz,Amos Oz,israeli,1939,source/s1\nperson/a,A,martian,1939,source/s1\nperson/b,B,israeli,1993-13,source/s1\nperson/c,C,israeli,,\n';
    const links = 'type,from,to,when,confidence,citations\nMET,person/amos-oz,person/amos-ozz,1990,high,source/s1\nMET,person/amos-oz,person/a,1990,certain,source/s2\n';
    expect(problemsOf([{ file: 'sources.csv', text: SOURCES }, { file: 'people.csv', text: people }, { file: 'links.csv', text: links }])).toEqual([
      "people.csv:3: row 3 (person/a), column side: 'martian' is not one of israeli, palestinian, syrian, egyptian, jordanian, lebanese, norwegian, swedish, american, austrian, swiss, french, british, russian, canadian, turkish, international, other",
      expect.stringMatching(/^people\.csv:4: row 4 \(person\/b\), column born: bad date '1993-13'/),
      'people.csv:5: row 5 (person/c), column citations: at least one citation is required: [{ source: source/…, locator: … }]',
      "links.csv:2: row 2, column to: unknown person id 'person/amos-ozz' — did you mean 'person/amos-oz'?",
      "links.csv:3: row 3, column confidence: 'certain' is not one of high, medium, low",
      "links.csv:3: row 3, column citations[0].source: unknown source id 'source/s2' — did you mean 'source/s1'?",
    ]);
  });

  it('an id given twice, pointing at the first', () => {
    const people = 'id,name,citations\nperson/a,A,source/s1\nperson/a,A again,source/s1\n';
    expect(problemsOf([{ file: 'sources.csv', text: SOURCES }, { file: 'people.csv', text: people }])).toEqual([
      "people.csv:3: row 3: duplicate id 'person/a', first defined in people.csv:2",
    ]);
  });

  it('JSON: a syntax error at its line, an unknown section, a field error at the entry line', () => {
    expect(problemsOf([{ file: 'broken.json', text: '{\n  "people": [\n    {"id": "person/a",}\n  ]\n}' }])).toEqual([
      expect.stringMatching(/^broken\.json:3: \(file\): JSON syntax: /),
    ]);
    const text = JSON.stringify({ sources: [{ id: 'source/s1', kind: 'book', title: 'B' }], persons: [] }, null, 2);
    expect(problemsOf([{ file: 'x.json', text }])).toEqual(["x.json: persons: unknown section 'persons'; allowed: sources, governments, institutions, people, channels, sessions, documents, links"]);
    const entries = '{"sources": [\n{"id": "source/s1", "kind": "book", "title": "B"}\n],\n"people": [\n{"id": "person/a", "name": "A", "citations": ["source/s1"]},\n{"id": "person/b", "name": "B", "side": "nowhere", "citations": ["source/s1"]}\n]}';
    expect(problemsOf([{ file: 'y.json', text: entries }])).toEqual([
      "y.json:6: people[1] (person/b).side: 'nowhere' is not one of israeli, palestinian, syrian, egyptian, jordanian, lebanese, norwegian, swedish, american, austrian, swiss, french, british, russian, canadian, turkish, international, other",
    ]);
  });

  it('a file of another kind', () => {
    expect(problemsOf([{ file: 'people.xlsx', text: '' }])).toEqual(['people.xlsx: (file): cannot import a .xlsx file: give .csv (seed/templates/) or .json (the dataset format)']);
  });
});

describe('imports that hurt no one', () => {
  const PERSON_HEADER = 'id,name,aliases,citations\n';

  it('refuse a file that is not UTF-8, naming the encoding it looks like', () => {
    const latin1 = Buffer.from(`${SOURCES}source/s2,book,Caf\u00e9 1994\u201395\n`.replace('\u2013', '-'), 'latin1');
    expect(problemsOf([{ file: 'sources.csv', bytes: latin1 }])).toEqual([
      'sources.csv:3: (file): is not UTF-8: it looks like ISO-8859-1 (Latin-1) (byte 0xE9 at line 3, byte 19). Save it as UTF-8 (in a spreadsheet: "CSV UTF-8"; or iconv -f ISO-8859-1 -t UTF-8 in > out) and import it again.',
    ]);
    const cp1252 = Buffer.from([...Buffer.from('id,kind,title\nsource/s2,book,1994'), 0x96, ...Buffer.from('95\n')]);
    expect(problemsOf([{ file: 'sources.csv', bytes: cp1252 }])[0]).toMatch(/^sources\.csv:2: \(file\): is not UTF-8: it looks like Windows-1252 \(byte 0x96 at line 2, byte 20\)/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SOURCES, 'utf16le')]);
    expect(problemsOf([{ file: 'sources.csv', bytes: utf16 }])[0]).toMatch(/^sources\.csv:1: \(file\): is not UTF-8: it looks like UTF-16LE /);
    const utf8 = Buffer.from(`\uFEFF${SOURCES}source/s2,book,1994\u201395 in Jerusalem / \u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd\n`);
    expect(problemsOf([{ file: 'sources.csv', bytes: utf8 }])).toEqual([]);
  });

  it('refuse NUL, bidirectional controls and lone surrogates at their row and column', () => {
    const csv = `${PERSON_HEADER}person/a,A\u0000B,,source/s1\nperson/b,B,"Ok | evil\u202Egnp.exe",source/s1\nperson/c,C,,source/s1: p. \u2066x\u2069\n`;
    expect(problemsOf([{ file: 'sources.csv', text: SOURCES }, { file: 'people.csv', text: csv }])).toEqual([
      'people.csv:2: row 2 (person/a), column name: contains a NUL character (U+0000) at character 2; remove it',
      'people.csv:3: row 3 (person/b), column aliases[1]: contains U+202E RIGHT-TO-LEFT OVERRIDE (a bidirectional control) at character 5; remove it',
      'people.csv:4: row 4 (person/c), column citations[0].locator: contains U+2066 LEFT-TO-RIGHT ISOLATE (a bidirectional control) at character 4; remove it',
    ]);
    const json = '{"sources": [{"id": "source/s1", "kind": "book", "title": "B"}],\n"people": [\n{"id": "person/a", "name": "A \\ud800", "citations": ["source/s1"]}\n]}';
    expect(problemsOf([{ file: 'p.json', text: json }])).toEqual([
      'p.json:3: people[0] (person/a).name: contains a lone surrogate (U+D800) at character 3, which is not a character; remove it',
    ]);
    // A real pair (an emoji) and right-to-left text without controls are fine.
    expect(problemsOf([{ file: 'sources.csv', text: SOURCES }, { file: 'people.csv', text: `${PERSON_HEADER}person/d,D \u{1F54A}\uFE0F,\u0645\u0634\u0627\u0631\u0643,source/s1\n` }])).toEqual([]);
  });

  it('refuse a JSON key given twice in one object, at both lines', () => {
    const json = '{"sources": [{"id": "source/s1", "kind": "book", "title": "B"}],\n"people": [\n{"id": "person/a", "name": "A",\n "name": "B", "citations": ["source/s1"]}\n]}';
    expect(problemsOf([{ file: 'p.json', text: json }])).toEqual(['p.json:4: (file): the key "name" appears twice in one object (first on line 3); keep one']);
    const sections = '{"people": [],\n"sources": [],\n"people": []}';
    expect(problemsOf([{ file: 'q.json', text: sections }])).toEqual(['q.json:3: (file): the key "people" appears twice in one object (first on line 1); keep one']);
    // The same key in two objects, and a key-like text inside a value, are not duplicates.
    const fine = '{"sources": [{"id": "source/s1", "kind": "book", "title": "\\"id\\": {\\"id\\""}, {"id": "source/s2", "kind": "book", "title": "C"}]}';
    expect(problemsOf([{ file: 'r.json', text: fine }])).toEqual([]);
  });

  it('report an unbalanced quote at the row that opened it', () => {
    const csv = `${PERSON_HEADER}person/a,A,,source/s1\nperson/b,"B,,source/s1\nperson/c,C,,source/s1\nperson/d,D,,source/s1\n`;
    expect(problemsOf([{ file: 'people.csv', text: csv }])).toEqual([
      'people.csv:3: row 3: a quoted cell opened on line 3 is never closed; add the closing " (write "" for a quote inside a quoted cell)',
    ]);
  });

  it('accept only http and https source URLs', () => {
    const sources = 'id,kind,title,url\nsource/a,book,A,javascript:alert(1)\nsource/b,book,B,"data:text/html;base64,PHNjcmlwdD4="\nsource/c,book,C,www.example.org\nsource/d,book,D,https://example.org/d\n';
    expect(problemsOf([{ file: 'sources.csv', text: sources }])).toEqual([
      "sources.csv:2: row 2 (source/a), column url: 'javascript:alert(1)' uses javascript:; a source URL must start with http:// or https://",
      "sources.csv:3: row 3 (source/b), column url: 'data:text/html;base64,PHNjcmlwdD4=' uses data:; a source URL must start with http:// or https://",
      "sources.csv:4: row 4 (source/c), column url: 'www.example.org' is not a web address; write it in full, e.g. https://example.org/page",
    ]);
  });
});

describe('CSV cells a spreadsheet would run', () => {
  it('are written with a leading apostrophe (OWASP) and read back as they were', () => {
    for (const value of ['=1+2', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx', "'=x", "''+y"]) {
      const cell = encodeCell('name', value);
      expect(cell).toBe(`'${value}`);
      expect(decodeCell('name', cell)).toBe(value);
    }
    expect(encodeCell('aliases', ['=A1', 'b'])).toBe("'=A1 | b");
    expect(encodeCell('name', "O'Brien")).toBe("O'Brien");
    expect(encodeCell('name', 'a=b')).toBe('a=b');
  });
});

describe('planning a change against the stored graph', () => {
  it('references what is stored, and counts added, updated and unchanged per kind', () => {
    const stored: StoredDataset = {
      ...EMPTY,
      nodes: new Map([
        ['source/s1', { id: 'source/s1', kind: 'Source', name: 'A book', sourceKind: 'book', aliases: [], aliasText: '', searchKey: '', folded: '', citationsJson: '[]', citationSources: [], disputesJson: '[]' }],
      ]),
    };
    const read = readImportFiles([{ file: 'p.csv', text: 'id,name,citations\nperson/a,A,source/s1\n' }, { file: 's.csv', text: SOURCES }]);
    const plan = planChange(stored, { entries: read.entries });
    expect(plan.problems).toEqual([]);
    expect(plan.counts.Person).toEqual({ added: 1, updated: 0, unchanged: 0, retired: 0 });
    expect(plan.counts.Source.added + plan.counts.Source.updated + plan.counts.Source.unchanged).toBe(1);
    expect(plan.changes.map((c) => [c.kind, c.id, c.op])).toContainEqual(['node', 'person/a', 'added']);
  });
});

describe('a file of a million-link dataset', () => {
  it('is read whole: entries are gathered one by one, not spread into one call (which overflows the stack past ~100k)', () => {
    const rows = 400_000;
    const text = ['id,name', ...Array.from({ length: rows }, (_, i) => `person/p${i},P ${i}`)].join('\n');
    const { entries, problems } = readImportFiles([{ file: 'people.csv', text }]);
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(rows);
    expect(entries[rows - 1]).toMatchObject({ file: 'people.csv', value: { id: `person/p${rows - 1}` } });
  });
});
