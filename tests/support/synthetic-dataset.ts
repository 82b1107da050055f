// A large synthetic dataset in the import formats, for throughput and interrupted-import tests.
import { stringify } from 'csv-stringify/sync';

/** `people` people and `links` MET links between them, all citing one source, as dataset-format JSON. */
export function syntheticJson(people: number, links: number, prefix = 'syn'): string {
  const lines = [
    '{',
    `"sources": [{"id": "source/${prefix}-register", "kind": "archive", "title": "Synthetic meeting register"}],`,
    '"people": [',
  ];
  for (let i = 0; i < people; i++) {
    lines.push(`${JSON.stringify({ id: `person/${prefix}-${i}`, name: `Synthetic Person ${i}`, side: i % 2 ? 'israeli' : 'palestinian', citations: [{ source: `source/${prefix}-register` }] })}${i < people - 1 ? ',' : ''}`);
  }
  lines.push('],', '"links": [');
  for (let i = 0; i < links; i++) {
    const a = i % people;
    const b = (i * 7919 + 1) % people === a ? (a + 1) % people : (i * 7919 + 1) % people;
    lines.push(`${JSON.stringify({ id: `link/${prefix}-met-${i}`, type: 'MET', from: `person/${prefix}-${a}`, to: `person/${prefix}-${b}`, when: `${1950 + (i % 50)}-${String(1 + (i % 12)).padStart(2, '0')}`, confidence: 'medium', place: 'Geneva', citations: [{ source: `source/${prefix}-register`, locator: `entry ${i}` }] })}${i < links - 1 ? ',' : ''}`);
  }
  lines.push(']', '}');
  return lines.join('\n');
}

/** The same dataset as the three CSV templates. */
export function syntheticCsv(people: number, links: number, prefix = 'syn'): { file: string; text: string }[] {
  const nodes = [['id', 'name', 'side', 'citations']];
  for (let i = 0; i < people; i++) nodes.push([`person/${prefix}-${i}`, `Synthetic Person ${i}`, i % 2 ? 'israeli' : 'palestinian', `source/${prefix}-register`]);
  const rows = [['id', 'type', 'from', 'to', 'when', 'confidence', 'place', 'citations']];
  for (let i = 0; i < links; i++) {
    const a = i % people;
    const b = (i * 7919 + 1) % people === a ? (a + 1) % people : (i * 7919 + 1) % people;
    rows.push([`link/${prefix}-met-${i}`, 'MET', `person/${prefix}-${a}`, `person/${prefix}-${b}`, `${1950 + (i % 50)}-${String(1 + (i % 12)).padStart(2, '0')}`, 'medium', 'Geneva', `source/${prefix}-register: entry ${i}`]);
  }
  return [
    { file: 'sources.csv', text: stringify([['id', 'kind', 'title'], [`source/${prefix}-register`, 'archive', 'Synthetic meeting register']]) },
    { file: 'nodes.csv', text: stringify(nodes) },
    { file: 'links.csv', text: stringify(rows) },
  ];
}
