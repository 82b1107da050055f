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
