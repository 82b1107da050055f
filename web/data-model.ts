// Pure helpers for the data downloads and the "what changed" view: labels, and a diff grouped by kind.
import type { DatasetChange, ExportFormat } from './types.ts';

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  GRAPHML: 'GraphML',
  GEXF: 'GEXF 1.3 (Gephi)',
  GEXF12: 'GEXF 1.2 (NetworkX, older tools)',
  CSV: 'CSV (import templates)',
  CSV_SPREADSHEET: 'CSV for Excel / LibreOffice (UTF-8, dates as text)',
  JSON: 'JSON (dataset format)',
  CYPHER: 'Cypher script',
  CSL_JSON: 'Bibliography: CSL-JSON (Zotero, pandoc)',
  BIBTEX: 'Bibliography: BibTeX',
  RIS: 'Bibliography: RIS (Zotero, EndNote, Mendeley)',
};

const KIND_PLURALS: Record<string, string> = {
  person: 'People',
  institution: 'Institutions',
  government: 'Governments',
  channel: 'Channels',
  session: 'Sessions',
  document: 'Documents',
  source: 'Sources',
};

export interface ChangedItem {
  id: string;
  /** The item's name or title, a link's sentence-like summary, or its id when it has none. */
  label: string;
}

export interface KindChanges {
  kind: string;
  added: ChangedItem[];
  updated: ChangedItem[];
  retired: ChangedItem[];
}

function parse(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A readable label for a changed item, from its state after the change (or before, when retired). */
export function changeLabel(change: DatasetChange): string {
  const item = parse(change.after) ?? parse(change.before);
  const text = (key: string) => (typeof item?.[key] === 'string' && item[key] ? (item[key] as string) : null);
  if (change.target === 'LINK') {
    const type = text('type');
    const from = text('from');
    const to = text('to');
    if (type && from && to) return `${type}: ${from} → ${to}${text('when') ? ` (${text('when')})` : ''}`;
    return change.id;
  }
  return text('name') ?? text('title') ?? change.id;
}

/** Net changes grouped by kind (node kinds in a fixed order, links last), each list sorted by label. */
export function groupChanges(changes: DatasetChange[]): KindChanges[] {
  const groups = new Map<string, KindChanges>();
  const order = [...Object.values(KIND_PLURALS), 'Links', 'Other'];
  for (const change of changes) {
    const kind = change.target === 'LINK' ? 'Links' : (KIND_PLURALS[change.id.split('/')[0]] ?? 'Other');
    let group = groups.get(kind);
    if (!group) groups.set(kind, (group = { kind, added: [], updated: [], retired: [] }));
    const list = change.op === 'ADDED' ? group.added : change.op === 'RETIRED' ? group.retired : group.updated;
    list.push({ id: change.id, label: changeLabel(change) });
  }
  const byLabel = (a: ChangedItem, b: ChangedItem) => a.label.localeCompare(b.label);
  return [...groups.values()]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((g) => ({ ...g, added: g.added.sort(byLabel), updated: g.updated.sort(byLabel), retired: g.retired.sort(byLabel) }));
}
