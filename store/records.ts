// The one mapping seam: neo4j-driver values (Integer, Node, Record, temporal types) become plain objects here.
import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const v = value as { properties?: unknown; constructor?: { name?: string } };
    if (neo4j.isNode(value as never) || neo4j.isRelationship(value as never)) return toPlain(v.properties);
    if (typeof (value as { toString?: unknown }).toString === 'function' && isTemporal(value)) return String(value);
    const out: { [key: string]: Plain } = {};
    for (const [k, x] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(x);
    return out;
  }
  return value as Plain;
}

function isTemporal(value: unknown): boolean {
  return neo4j.isDate(value as never) || neo4j.isDateTime(value as never) || neo4j.isLocalDateTime(value as never)
    || neo4j.isTime(value as never) || neo4j.isLocalTime(value as never) || neo4j.isDuration(value as never);
}

export function recordToObject(record: Neo4jRecord): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const key of record.keys) out[String(key)] = toPlain(record.get(key));
  return out;
}
