// What GraphML and GEXF share: XML escaping and one flat, typed attribute table per element kind.
import { isoOf } from '../core/dates.ts';

/** Escapes text for XML and drops characters XML 1.0 cannot carry. */
export function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Search helpers the loader derives; not data. */
const HIDDEN = new Set(['aliasText', 'searchKey', 'folded', 'citationSources', 'fromDay', 'toDay']);
const RENAMED: Record<string, string> = { citationsJson: 'citations', disputesJson: 'disputes', tracksJson: 'tracks' };

export type AttrType = 'string' | 'boolean';
export interface Attr { name: string; type: AttrType }

/** Flattens stored properties into named string/boolean values; day bounds become ISO `start` / `end`. */
export function flatten(props: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(props)) {
    if (HIDDEN.has(k) || v === undefined || v === null) continue;
    const name = RENAMED[k] ?? k;
    if (typeof v === 'boolean') out[name] = v;
    else if (Array.isArray(v)) out[name] = v.map(String).join(' | ');
    else out[name] = String(v);
  }
  if (typeof props.fromDay === 'number') out.start = isoOf(props.fromDay);
  if (typeof props.toDay === 'number') out.end = isoOf(props.toDay);
  return out;
}

/** Every attribute used by any element, in first-seen order, typed boolean only if always boolean. */
export function attributeTable(rows: Record<string, string | boolean>[], skip: readonly string[] = []): Attr[] {
  const types = new Map<string, AttrType>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (skip.includes(k)) continue;
      const t: AttrType = typeof v === 'boolean' ? 'boolean' : 'string';
      const prior = types.get(k);
      types.set(k, prior && prior !== t ? 'string' : t);
    }
  }
  return [...types].map(([name, type]) => ({ name, type }));
}
