// The validator reports every problem with file, entry and field, and returns nothing to load when any exist.
import { describe, expect, it } from 'vitest';
import { formatProblem, validateDataset, type SeedFile } from '../../core/dataset.ts';

const sources = `sources:
  - { id: source/a, kind: web, title: "A" }
`;
const people = `people:
  - id: person/ahmed-qurei
    name: Ahmed Qurei
    aliases: [Abu Ala]
    side: palestinian
    citations: [{ source: source/a }]
  - { id: person/yair-hirschfeld, name: Yair Hirschfeld, side: israeli, citations: [{ source: source/a }] }
channels:
  - { id: channel/oslo-1992, name: Oslo, when: "1992-12-04/1993-09-13", citations: [{ source: source/a }] }
`;

function validate(extra: string, file = 'seed/channels/oslo-1992.yaml') {
  const files: SeedFile[] = [
    { file: 'seed/sources.yaml', text: sources },
    { file: 'seed/people/x.yaml', text: people },
    { file, text: extra },
  ];
  const result = validateDataset(files);
  return { ...result, messages: result.problems.map(formatProblem) };
}

describe('seed validation', () => {
  it('accepts a valid dataset and gives it a content-hash version', () => {
    const { dataset, problems } = validate(`links:
  - { type: PARTICIPATED_IN, from: person/yair-hirschfeld, to: channel/oslo-1992, when: "1992-12-04/1993-09", confidence: high, citations: [{ source: source/a, locator: p. 3 }] }
`);
    expect(problems).toEqual([]);
    expect(dataset!.links).toHaveLength(1);
    expect(dataset!.version).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a dangling id with file, line, entry and a did-you-mean', () => {
    const { dataset, messages } = validate(`links:
  - { type: PARTICIPATED_IN, from: person/abu-alla, to: channel/oslo-1992, confidence: high, citations: [{ source: source/a }] }
`);
    expect(dataset).toBeUndefined();
    expect(messages).toEqual([
      "seed/channels/oslo-1992.yaml:2: links[0].from: unknown person id 'person/abu-alla' — did you mean 'person/ahmed-qurei'?",
    ]);
  });

  it('reports bad dates with the accepted forms', () => {
    const { messages } = validate(`links:
  - { type: MET, from: person/ahmed-qurei, to: person/yair-hirschfeld, when: "1993-02-30", confidence: high, citations: [{ source: source/a }] }
  - { type: MET, from: person/yair-hirschfeld, to: person/ahmed-qurei, when: "Dec 1992", confidence: high, citations: [{ source: source/a }] }
`);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^seed\/channels\/oslo-1992\.yaml:2: links\[0\]\.when: bad date '1993-02-30'/);
    expect(messages[1]).toMatch(/^seed\/channels\/oslo-1992\.yaml:3: links\[1\]\.when: bad date 'Dec 1992'/);
  });

  it('refuses a briefing with an open or undated range, since it could then be placed decades early', () => {
    const { dataset, messages } = validate(`links:
  - { type: BRIEFED, from: person/yair-hirschfeld, to: person/ahmed-qurei, when: "[..1993-05]", confidence: high, citations: [{ source: source/a }] }
  - { type: REPORTED_TO, from: person/ahmed-qurei, to: person/yair-hirschfeld, when: "1992/..", confidence: high, citations: [{ source: source/a }] }
  - { type: CARRIED_DOCUMENT_TO, from: person/ahmed-qurei, to: person/yair-hirschfeld, confidence: high, note: "some time", citations: [{ source: source/a }] }
`);
    expect(dataset).toBeUndefined();
    expect(messages.map((m) => m.split(': a transmission')[0])).toEqual([
      "seed/channels/oslo-1992.yaml:2: links[0].when: '[..1993-05]' is open-ended",
      "seed/channels/oslo-1992.yaml:3: links[1].when: '1992/..' is open-ended",
      'seed/channels/oslo-1992.yaml:4: links[2].when: is required',
    ]);
  });

  it('refuses a report dated across more than 3 years unless its note says why', () => {
    const { messages } = validate(`links:
  - { type: REPORTED_TO, from: person/ahmed-qurei, to: person/yair-hirschfeld, when: "1989/1992-12-04", confidence: high, citations: [{ source: source/a }] }
  - { type: BRIEFED, from: person/yair-hirschfeld, to: person/ahmed-qurei, when: "1989/1992-12-04", confidence: high, note: "The source says only that they spoke before London.", citations: [{ source: source/a }] }
  - { type: BRIEFED, from: person/ahmed-qurei, to: person/yair-hirschfeld, when: "1992-12-04/1993-05", confidence: high, citations: [{ source: source/a }] }
`);
    expect(messages).toEqual([
      "seed/channels/oslo-1992.yaml:2: links[0].when: '1989/1992-12-04' spans more than 3 years: narrow it, or add a note saying why the source allows no better",
    ]);
  });

  it('keeps the channel a report was about, and refuses about on a non-transmission or naming no channel', () => {
    const { messages } = validate(`links:
  - { type: REPORTED_TO, about: channel/oslo-1992, from: person/yair-hirschfeld, to: person/ahmed-qurei, when: "1992-12", confidence: high, citations: [{ source: source/a }] }
  - { type: MET, about: channel/oslo-1992, from: person/yair-hirschfeld, to: person/ahmed-qurei, when: "1992-12", confidence: high, citations: [{ source: source/a }] }
  - { type: BRIEFED, about: channel/oslo-1993, from: person/yair-hirschfeld, to: person/ahmed-qurei, when: "1993-01", confidence: high, citations: [{ source: source/a }] }
`);
    expect(messages).toEqual([
      'seed/channels/oslo-1992.yaml:3: links[1].about: only transmissions (REPORTED_TO, BRIEFED, CARRIED_DOCUMENT_TO) say which channel they were about',
      "seed/channels/oslo-1992.yaml:4: links[2].about: unknown channel id 'channel/oslo-1993' — did you mean 'channel/oslo-1992'?",
    ]);
    const valid = validate(`links:
  - { type: REPORTED_TO, about: channel/oslo-1992, from: person/yair-hirschfeld, to: person/ahmed-qurei, when: "1992-12", confidence: high, citations: [{ source: source/a }] }
`);
    expect(valid.dataset!.links[0].about).toBe('channel/oslo-1992');
  });

  it('requires at least one citation on every link and node', () => {
    const { messages } = validate(`links:
  - { type: MET, from: person/ahmed-qurei, to: person/yair-hirschfeld, when: "1992-12-04", confidence: high }
  - { type: MET, from: person/yair-hirschfeld, to: person/ahmed-qurei, when: "1992-12-05", confidence: high, citations: [] }
institutions:
  - { id: institution/fafo, name: Fafo, kind: think-tank }
`);
    expect(messages).toEqual([
      'seed/channels/oslo-1992.yaml:2: links[0].citations: at least one citation is required: [{ source: source/…, locator: … }]',
      'seed/channels/oslo-1992.yaml:3: links[1].citations: must be a non-empty list of { source, locator }',
      'seed/channels/oslo-1992.yaml:5: institutions[0] (institution/fafo).citations: at least one citation is required: [{ source: source/…, locator: … }]',
    ]);
  });

  it('reports duplicate ids across files, naming the first definition', () => {
    const { messages } = validate(`people:
  - { id: person/ahmed-qurei, name: Ahmed Qurei again, citations: [{ source: source/a }] }
`, 'seed/people/y.yaml');
    expect(messages).toEqual(["seed/people/y.yaml:2: people[0]: duplicate id 'person/ahmed-qurei', first defined in seed/people/x.yaml:2"]);
  });

  it('reports an unknown source, a wrong link direction, an unknown field and a bad enum at once', () => {
    const { messages } = validate(`links:
  - { type: MENTORED, from: channel/oslo-1992, to: person/yair-hirschfeld, confidence: sure, citations: [{ source: source/nope }], colour: red }
`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringContaining("links[0].colour: unknown field 'colour'"),
      expect.stringContaining("links[0].from: a MENTORED link goes Person → Channel; 'channel/oslo-1992' is a Channel"),
      expect.stringContaining("links[0].to: a MENTORED link goes Person → Channel; 'person/yair-hirschfeld' is a Person"),
      expect.stringContaining("links[0].confidence: 'sure' is not one of high, medium, low"),
      expect.stringContaining("links[0].citations[0].source: unknown source id 'source/nope'"),
    ]));
    expect(messages).toHaveLength(5);
  });

  it('turns session attendees into dated, cited attendance links', () => {
    const { dataset, problems } = validate(`sessions:
  - { id: session/oslo-1992-london, channel: channel/oslo-1992, when: "1992-12-04", place: London, attendees: [person/yair-hirschfeld, person/ahmed-qurei], confidence: high, citations: [{ source: source/a }] }
`);
    expect(problems).toEqual([]);
    const attended = dataset!.links.filter((l) => l.type === 'ATTENDED');
    expect(attended.map((l) => l.from).sort()).toEqual(['person/ahmed-qurei', 'person/yair-hirschfeld']);
    expect(attended.every((l) => l.when === '1992-12-04' && l.place === 'London' && l.citations[0].source === 'source/a')).toBe(true);
    expect(dataset!.nodes.find((n) => n.id === 'session/oslo-1992-london')!.name).toBe('London, 1992-12-04');
  });

  it('reports a YAML syntax error with its line', () => {
    const { messages } = validate('links:\n  - { type: MET, from: [unclosed\n');
    expect(messages[0]).toMatch(/^seed\/channels\/oslo-1992\.yaml:\d+: \(file\): YAML syntax:/);
  });

  it('gives the same version for the same content, whatever the file order', () => {
    const a = validateDataset([{ file: 'a.yaml', text: sources }, { file: 'b.yaml', text: people }]);
    const b = validateDataset([{ file: 'b.yaml', text: people }, { file: 'a.yaml', text: sources }]);
    expect(a.dataset!.version).toBe(b.dataset!.version);
  });
});
