// GraphML (yEd, Gephi, NetworkX, graphology): typed keys, one <data> per property, the version on the graph.
import type { ExportData } from './export-data.ts';
import { storedShapes } from './export-data.ts';
import { attributeTable, flatten, xml, type Attr } from './xml.ts';

export function toGraphml(data: ExportData): string {
  const { nodes, links } = storedShapes(data.dataset);
  const nodeRows = nodes.map((n) => ({ label: String(n.props.name ?? n.id), ...flatten(n.props) }));
  const linkRows = links.map((l) => ({ label: l.type, type: l.type, ...flatten(l.props) }));
  const nodeAttrs = attributeTable(nodeRows, ['id']);
  const linkAttrs = attributeTable(linkRows, ['id']);
  const graphAttrs: Attr[] = [
    { name: 'datasetVersion', type: 'string' }, { name: 'sequence', type: 'string' },
    { name: 'contentHash', type: 'string' }, { name: 'exportedAt', type: 'string' },
  ];
  const key = (prefix: string, a: Attr, domain: string) =>
    `  <key id="${prefix}_${xml(a.name)}" for="${domain}" attr.name="${xml(a.name)}" attr.type="${a.type}"/>`;
  const datum = (prefix: string, attrs: Attr[], row: Record<string, string | boolean>, indent: string) =>
    attrs.filter((a) => row[a.name] !== undefined).map((a) => `${indent}<data key="${prefix}_${xml(a.name)}">${xml(String(row[a.name]))}</data>`);
  const m = data.meta;
  const graphRow = { datasetVersion: m.datasetVersion ?? '', sequence: String(m.sequence ?? ''), contentHash: m.contentHash, exportedAt: m.exportedAt };
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '         xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...graphAttrs.map((a) => key('g', a, 'graph')),
    ...nodeAttrs.map((a) => key('n', a, 'node')),
    ...linkAttrs.map((a) => key('e', a, 'edge')),
    '  <graph id="backchannel" edgedefault="directed">',
    ...datum('g', graphAttrs, graphRow, '    '),
  ];
  nodes.forEach((n, i) => {
    out.push(`    <node id="${xml(n.id)}">`, ...datum('n', nodeAttrs, nodeRows[i], '      '), '    </node>');
  });
  links.forEach((l, i) => {
    out.push(`    <edge id="${xml(l.id)}" source="${xml(l.from)}" target="${xml(l.to)}">`, ...datum('e', linkAttrs, linkRows[i], '      '), '    </edge>');
  });
  out.push('  </graph>', '</graphml>');
  return `${out.join('\n')}\n`;
}
