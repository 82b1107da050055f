// Argument checks written once: ids, whole numbers within the server's limits, time windows, link types,
// and the nodes an argument names. Each failure is a BAD_USER_INPUT or LIMIT_EXCEEDED that says what to fix.
import { ID_PATTERN, isLinkType, type LinkType } from '../core/model.ts';
import { DateError, parseWindowBound } from '../core/dates.ts';
import { badInput, limitExceeded, notFound } from '../store/errors.ts';
import type { StoredNode } from './entities.ts';
import type { Loaders } from './loaders.ts';

export const LIMITS = Object.freeze({ maxHops: 8, k: 25, depth: 3, searchLimit: 50, neighbourhoodLimit: 5000, textLength: 200, exclude: 100, brokersLimit: 100, sessionsLimit: 500 });

export function checkId(id: unknown, what = 'id'): string {
  if (typeof id !== 'string' || id.length > LIMITS.textLength || !ID_PATTERN.test(id)) {
    throw badInput(`${what} '${String(id).slice(0, 80)}' is not a valid id: ids look like person/yossi-beilin, channel/oslo-1992 or government/israel`, { argument: what });
  }
  return id;
}

export async function requireNode(loaders: Loaders, id: string, what = 'id', kinds?: string[]): Promise<StoredNode> {
  const node = await loaders.node.load(checkId(id, what));
  if (!node) throw notFound(`No node with id '${id}'. Use search(text: …) to find the right id.`);
  if (kinds && !kinds.includes(node.kind)) {
    throw badInput(`${what} must be a ${kinds.join(' or ').toLowerCase()}; '${id}' is a ${node.kind.toLowerCase()}`, { argument: what });
  }
  return node;
}

export interface Window { from: number; to: number }

export function parseWindow(window: { from?: string | null; to?: string | null } | null | undefined): Window | undefined {
  if (!window || (!window.from && !window.to)) return undefined;
  try {
    const from = window.from ? parseWindowBound(window.from, 'from') : -Infinity;
    const to = window.to ? parseWindowBound(window.to, 'to') : Infinity;
    if (from > to) throw badInput(`window.from (${window.from}) is after window.to (${window.to}); swap them`, { argument: 'window' });
    return { from, to };
  } catch (err) {
    if (err instanceof DateError) {
      throw badInput(`window: ${err.message}. Accepted forms: 1992, 1992-12 or 1992-12-04`, { argument: 'window' });
    }
    throw err;
  }
}

export function checkInt(value: number | null | undefined, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw badInput(`${name} must be a whole number of at least ${min}`, { argument: name });
  if (value > max) throw limitExceeded(name, max, `${name} may be at most ${max} (asked for ${value})`);
  return value;
}

export function checkLinkTypes(types: readonly string[] | null | undefined): LinkType[] | undefined {
  if (!types) return undefined;
  for (const t of types) if (!isLinkType(t)) throw badInput(`unknown link type ${t}`, { argument: 'linkTypes' });
  return types as LinkType[];
}

/** exclude: node ids, and link ids (TYPE:from>to@when or link/…), at most LIMITS.exclude of them. */
export function checkExclude(exclude: readonly string[] | null | undefined): { nodes: string[]; links: string[] } {
  if (exclude === null || exclude === undefined) return { nodes: [], links: [] };
  if (exclude.length > LIMITS.exclude) throw limitExceeded('exclude', LIMITS.exclude, `exclude may name at most ${LIMITS.exclude} nodes or links`);
  const nodes: string[] = [];
  const links: string[] = [];
  for (const x of exclude) {
    if (typeof x !== 'string' || x.length > 400) throw badInput('exclude entries are node ids (person/…) or link ids', { argument: 'exclude' });
    if (/^[A-Z_]+:/.test(x) || x.startsWith('link/')) links.push(x);
    else nodes.push(checkId(x, 'exclude'));
  }
  return { nodes, links };
}
