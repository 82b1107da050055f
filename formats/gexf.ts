// GEXF for Gephi: typed attributes, dates as spells, each link's type as the edge `kind` (Gephi's edge type) and its
// id. Gephi's timeline needs finite bounds, so an open or unknown end is written explicitly as the graph's own start
// or end (flagged openStart / openEnd). 1.3 by default; 1.2draft for readers that know no later one (NetworkX 2.8).
import { isoOf, parseWhen, type When } from '../core/dates.ts';
import type { ExportData } from './export-data.ts';
import { storedShapes } from './export-data.ts';
import { attributeTable, flatten, xml, type Attr } from './xml.ts';

interface Spell { start: number; end: number; openStart: boolean; openEnd: boolean }

function whenOf(text: unknown): When | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return parseWhen(text);
  } catch {
    return undefined;
  }
}

/** A node's or link's lifetime: its `when`, or for a person born … died. */
function spellOf(props: Record<string, unknown>): { start: number; end: number } | undefined {
  const w = whenOf(props.when);
  if (w) return { start: w.startMin, end: w.endMax };
  const born = whenOf(props.born);
  const died = whenOf(props.died);
  if (!born && !died) return undefined;
  return { start: born ? born.startMin : -Infinity, end: died ? died.endMax : Infinity };
}

export type GexfVersion = '1.3' | '1.2draft';

const HEADERS: Record<GexfVersion, { root: string; timerepresentation: string }> = {
  '1.3': {
    root: '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    timerepresentation: ' timerepresentation="interval"',
  },
  // 1.2draft has spells but no timerepresentation attribute (intervals are its only form).
  '1.2draft': {
    root: '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
    timerepresentation: '',
  },
};

export function toGexf(data: ExportData, version: GexfVersion = '1.3'): string {
  const { nodes, links } = storedShapes(data.dataset);
  const raw = [...nodes.map((n) => spellOf(n.props)), ...links.map((l) => spellOf(l.props))];
  const finite = raw.flatMap((s) => (s ? [s.start, s.end] : [])).filter(Number.isFinite);
  const today = Math.floor(Date.parse(data.meta.exportedAt) / 86_400_000);
  const graphStart = finite.reduce((a, b) => Math.min(a, b), today);
  const graphEnd = finite.reduce((a, b) => Math.max(a, b), today);
  const spells: (Spell | undefined)[] = raw.map((s) => s && {
    start: Number.isFinite(s.start) ? s.start : graphStart,
    end: Number.isFinite(s.end) ? s.end : graphEnd,
    openStart: !Number.isFinite(s.start),
    openEnd: !Number.isFinite(s.end),
  });
  const withOpen = (row: Record<string, string | boolean>, s: Spell | undefined) =>
    s ? { ...row, openStart: s.openStart, openEnd: s.openEnd } : row;
  const nodeRows = nodes.map((n, i) => withOpen(flatten(n.props), spells[i]));
  const linkRows = links.map((l, i) => withOpen({ type: l.type, ...flatten(l.props) }, spells[nodes.length + i]));
  const nodeAttrs = attributeTable(nodeRows, ['id', 'name']);
  const linkAttrs = attributeTable(linkRows, ['id']);
  const decl = (cls: string, attrs: Attr[]) => [
    `    <attributes class="${cls}" mode="static">`,
    ...attrs.map((a) => `      <attribute id="${xml(a.name)}" title="${xml(a.name)}" type="${a.type}"/>`),
    '    </attributes>',
  ];
  const values = (attrs: Attr[], row: Record<string, string | boolean>, indent: string) => {
    const present = attrs.filter((a) => row[a.name] !== undefined);
    if (present.length === 0) return [];
    return [`${indent}<attvalues>`, ...present.map((a) => `${indent}  <attvalue for="${xml(a.name)}" value="${xml(String(row[a.name]))}"/>`), `${indent}</attvalues>`];
  };
  const spell = (s: Spell | undefined, indent: string) =>
    s ? [`${indent}<spells>`, `${indent}  <spell start="${isoOf(s.start)}" end="${isoOf(s.end)}"/>`, `${indent}</spells>`] : [];
  const m = data.meta;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    HEADERS[version].root,
    `  <meta lastmodifieddate="${m.exportedAt.slice(0, 10)}">`,
    '    <creator>Backchannel</creator>',
    `    <description>${xml(`Backchannel dataset version ${m.datasetVersion ?? '(none)'} (sequence ${m.sequence ?? '–'}), content hash ${m.contentHash}${m.nodeIds ? `, view around ${m.nodeIds.join(', ')}` : ''}`)}</description>`,
    `    <keywords>${xml(`datasetVersion=${m.datasetVersion ?? ''} sequence=${m.sequence ?? ''} contentHash=${m.contentHash}`)}</keywords>`,
    '  </meta>',
    `  <graph mode="dynamic" defaultedgetype="directed" timeformat="date"${HEADERS[version].timerepresentation} start="${isoOf(graphStart)}" end="${isoOf(graphEnd)}">`,
    ...decl('node', nodeAttrs),
    ...decl('edge', linkAttrs),
    '    <nodes>',
  ];
  nodes.forEach((n, i) => {
    out.push(`      <node id="${xml(n.id)}" label="${xml(String(n.props.name ?? n.id))}">`, ...values(nodeAttrs, nodeRows[i], '        '), ...spell(spells[i], '        '), '      </node>');
  });
  out.push('    </nodes>', '    <edges>');
  links.forEach((l, i) => {
    out.push(`      <edge id="${xml(l.id)}" source="${xml(l.from)}" target="${xml(l.to)}" kind="${l.type}" label="${l.type}">`, ...values(linkAttrs, linkRows[i], '        '), ...spell(spells[nodes.length + i], '        '), '      </edge>');
  });
  out.push('    </edges>', '  </graph>', '</gexf>');
  return `${out.join('\n')}\n`;
}
