// GraphQL-facing values of stored nodes and links: date intervals, kind enums, link families, settled answers.
import { formatWhen, isoOf, parseWhen } from '../core/dates.ts';
import { LRUCache } from 'lru-cache';
import { LINK_TYPES, type LinkType } from '../core/model.ts';

export type { StoredLink, StoredNode } from '../store/records.ts';

/** A citation as the API answers it: the dataset's own Citation. */
export type { Citation as CitationValue } from '../core/dataset.ts';

export interface IntervalValue {
  text: string;
  label: string;
  from: string | null;
  to: string | null;
  point: boolean;
  approximate: boolean;
}

/** Parsed intervals by text: a response repeats a few dozen distinct dates across hundreds of links. */
const intervals = new LRUCache<string, IntervalValue>({ max: 10_000 });

export function interval(text: unknown): IntervalValue | null {
  if (typeof text !== 'string' || text === '') return null;
  let value = intervals.get(text);
  if (value === undefined) {
    value = Object.freeze(parseInterval(text));
    intervals.set(text, value);
  }
  return value;
}

function parseInterval(text: string): IntervalValue {
  try {
    const w = parseWhen(text);
    return {
      text,
      label: formatWhen(w),
      from: Number.isFinite(w.startMin) ? isoOf(w.startMin) : null,
      to: Number.isFinite(w.endMax) ? isoOf(w.endMax) : null,
      point: w.point,
      approximate: w.approximate,
    };
  } catch {
    return { text, label: text, from: null, to: null, point: false, approximate: true };
  }
}



export function linkFamily(type: LinkType): string {
  return LINK_TYPES[type].family.toUpperCase();
}

export const KIND_ENUM: Record<string, string> = {
  Person: 'PERSON', Institution: 'INSTITUTION', Government: 'GOVERNMENT', Channel: 'CHANNEL',
  Session: 'SESSION', Document: 'DOCUMENT', Source: 'SOURCE',
};
export const ENUM_KIND: Record<string, string> = Object.fromEntries(Object.entries(KIND_ENUM).map(([k, v]) => [v, k]));

/**
 * The same answer with every promise inside it replaced by its value. Answers are built with loader promises in
 * place of nodes and links (so that one round trip serves them all); graphql-jit, unlike graphql-js, cannot resolve
 * the type of an interface-typed field (Node) whose value is still a promise, so answers are settled before they
 * are returned. Descends into arrays and plain objects only; all loads were started before, so they still batch.
 */
export async function settled<T>(value: T): Promise<T> {
  const pending: Promise<void>[] = [];
  const visit = (holder: Record<string | number, unknown>, key: string | number): void => {
    const v = holder[key];
    if (v instanceof Promise) {
      pending.push(v.then((resolved) => {
        holder[key] = resolved;
        visit(holder, key);
      }));
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v as unknown as Record<number, unknown>, i);
    } else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const k of Object.keys(v)) visit(v as Record<string, unknown>, k);
    }
  };
  const box: Record<string, unknown> = { value };
  visit(box, 'value');
  while (pending.length > 0) await Promise.all(pending.splice(0));
  return box.value as T;
}
