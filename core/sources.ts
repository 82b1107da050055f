// Independence of sources, from the sources' own fields (seed/README.md, "Confidence and disputes"): two
// citations are one source when they share an outlet or an author, are both Wikipedia, one is an interview with
// the other's author, or one reviews the other's book. Used by the dataset audit ("high" needs two) and by the
// coverage report (the share of links resting on two or more independent sources).
import type { DatasetNode } from './dataset.ts';

/** Common short forms of outlets, so "NYT" and "The New York Times" are one outlet. */
const OUTLET_ALIASES: Record<string, string> = {
  nyt: 'new york times',
  'la times': 'los angeles times',
  jta: 'jewish telegraphic agency',
  ap: 'associated press',
  britannica: 'encyclopaedia britannica',
  'britannica kids': 'encyclopaedia britannica',
  'simple english wikipedia': 'wikipedia',
};

function normOutlet(text: string): string {
  const t = text
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+\d.*$/, '') // "negotiation journal 28(2):155" is the journal
    .replace(/[.,;:]+$/, '')
    .trim();
  return OUTLET_ALIASES[t] ?? t;
}

/** Every outlet a source belongs to: its outlet, each half of "A / B" (syndication), and "(JTA)"-style credits. */
function outletsOf(s: DatasetNode): string[] {
  const outlet = typeof s.props.outlet === 'string' ? s.props.outlet : '';
  if (!outlet) return [];
  const inner = [...outlet.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]);
  const main = outlet.replace(/\([^)]*\)/g, ' ');
  const parts = [...main.split(/\s*\/\s*|\s+via\s+/i), ...inner.filter((p) => /^[A-Z]{2,6}$/.test(p.trim()) || /^reporting /i.test(p))];
  return parts.map((p) => normOutlet(p.replace(/^reporting\s+/i, ''))).filter((p) => p.length > 0);
}

/** Authors as "initial surname", so "M. D. Yaffe" and "Michael D. Yaffe" are one author. */
function authorsOf(s: DatasetNode): string[] {
  const author = typeof s.props.author === 'string' ? s.props.author : '';
  return author
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s*,\s*|\s+and\s+|\s*&\s*/)
    .map((a) => a.trim().split(/\s+/).filter(Boolean))
    .filter((w) => w.length > 0)
    .map((w) => `${w[0][0].toLowerCase()} ${w[w.length - 1].toLowerCase()}`);
}

function surname(author: string): string {
  return author.split(' ').pop()!;
}

/** "Wikipedia" and any copy or derivative of it, by outlet or title. */
function isWikipedia(s: DatasetNode): boolean {
  return /wiki/i.test(`${String(s.props.outlet ?? '')} ${s.name}`);
}

/**
 * Groups the given sources into independent ones: two sources are one when they share an outlet or
 * an author, are both Wikipedia, one is an interview with the other's author (a participant's several
 * accounts are one), or one reviews the other's author ("review of Agha et al.").
 * Sources flagged reliability: low never count; ids that name no source are left out.
 */
export function independentGroups(sourceIds: string[], byId: ReadonlyMap<string, DatasetNode>): string[][] {
  const sources = [...new Set(sourceIds)].map((id) => byId.get(id)).filter((s): s is DatasetNode => !!s && s.props.reliability !== 'low');
  const keys = new Map<string, Set<string>>();
  for (const s of sources) {
    const k = new Set<string>([`work:${s.id}`]);
    if (typeof s.props.key === 'string') k.add(`key:${s.props.key}`);
    for (const o of outletsOf(s)) k.add(`outlet:${o}`);
    for (const a of authorsOf(s)) k.add(`author:${a}`);
    if (isWikipedia(s)) k.add('outlet:wikipedia');
    keys.set(s.id, k);
  }
  // An interview is the interviewee's own account: it joins the interviewee's other accounts.
  for (const s of sources) {
    const name = "((?:[A-Z][\\p{L}.'-]*\\s)+[A-Z][\\p{L}'-]+)";
    const who = [new RegExp(`[Ii]nterview (?:with|of),? ${name}`, 'u'), new RegExp(`interview, ${name}`, 'u'), new RegExp(`${name} (?:TV )?interview`, 'u')]
      .map((re) => re.exec(s.name)?.[1])
      .find(Boolean);
    if (who) for (const a of authorsOf({ ...s, props: { author: who } } as DatasetNode)) keys.get(s.id)!.add(`author:${a}`);
  }
  // A review or summary of a book counts as the book: link it to the reviewed author's works.
  for (const s of sources) {
    const reviewed = /review of\s+(?:[A-Z]\.\s*)*([A-Z][\p{L}-]+)/u.exec(s.name)?.[1]?.toLowerCase();
    if (!reviewed) continue;
    for (const other of sources) {
      const a = authorsOf(other).find((x) => surname(x) === reviewed);
      if (other !== s && a) keys.get(s.id)!.add(`author:${a}`);
    }
  }
  const parent = new Map(sources.map((s) => [s.id, s.id]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const a of sources) {
    for (const b of sources) {
      if (a.id >= b.id) continue;
      const ka = keys.get(a.id)!;
      if ([...keys.get(b.id)!].some((k) => ka.has(k))) parent.set(find(a.id), find(b.id));
    }
  }
  const groups = new Map<string, string[]>();
  for (const s of sources) groups.set(find(s.id), [...(groups.get(find(s.id)) ?? []), s.id]);
  return [...groups.values()];
}
