// Bibliographies for reference managers (Zotero, Mendeley, EndNote, JabRef, pandoc): the sources a dataset, a
// view, a path or a story cites, as CSL-JSON, BibTeX and RIS. Pure writers; the callers pick the sources.
import { formatWhen, parseWhen, whenParts, type DateParts } from '../core/dates.ts';
import type { Dataset } from '../core/dataset.ts';

/** A source as the dataset holds it (the Source node's fields). */
export interface BibSource {
  id: string;
  title: string;
  sourceKind?: string;
  author?: string;
  outlet?: string;
  date?: string;
  url?: string;
  reliability?: string;
}

/** One bibliography entry: a source and the locators ("p. 12", "Section Four") it is cited at, in first-seen order. */
export interface BibEntry { source: BibSource; locators: string[] }

export interface BibName { family?: string; given?: string; literal?: string }

export const BIBLIOGRAPHY_FORMATS = ['csl_json', 'bibtex', 'ris'] as const;
export type BibliographyFormat = (typeof BIBLIOGRAPHY_FORMATS)[number];

/** Gathers the cited sources (and their locators) from citations, in order of first citation. */
export function entriesFromCitations(
  citations: Iterable<{ source: string; locator?: string | null }>,
  sourceById: (id: string) => BibSource | null | undefined,
): BibEntry[] {
  const byId = new Map<string, BibEntry>();
  for (const c of citations) {
    let entry = byId.get(c.source);
    if (!entry) {
      const source = sourceById(c.source);
      if (!source) continue;
      entry = { source, locators: [] };
      byId.set(c.source, entry);
    }
    const locator = c.locator?.trim();
    if (locator && !entry.locators.includes(locator)) entry.locators.push(locator);
  }
  return [...byId.values()];
}

/** A Source node's fields as a BibSource (works for dataset nodes and for stored nodes alike). */
export function bibSource(node: { id: string; name?: string; title?: unknown; props?: Record<string, unknown> }): BibSource {
  const p = (node.props ?? node) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  return {
    id: node.id,
    title: str(p.title) ?? str(node.title) ?? str(node.name) ?? node.id,
    sourceKind: str(p.sourceKind), author: str(p.author), outlet: str(p.outlet), date: str(p.date), url: str(p.url),
    reliability: str(p.reliability),
  };
}

/** Every source of a dataset, with every locator it is cited at anywhere in it, sorted by id. */
export function datasetBibliography(dataset: Dataset): BibEntry[] {
  const sources = new Map(dataset.nodes.filter((n) => n.kind === 'Source').map((n) => [n.id, bibSource(n)]));
  const citations = [...dataset.nodes, ...dataset.links].flatMap((x) => [...x.citations, ...x.disputes.flatMap((d) => d.citations)]);
  const cited = new Map(entriesFromCitations(citations, (id) => sources.get(id)).map((e) => [e.source.id, e]));
  return [...sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((s) => cited.get(s.id) ?? { source: s, locators: [] });
}

// ---- shared readings -------------------------------------------------------------------------------------------

const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'de', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'van', 'von', 'da', 'dos']);

/** One name "Given Family" into parts; something that is not a person's name ("Times staff writer") stays literal. */
function personName(text: string): BibName {
  const words = text.trim().split(/\s+/);
  const lowerWord = words.some((w, i) => i > 0 && /^\p{Ll}/u.test(w) && !PARTICLES.has(w.toLowerCase()));
  if (words.length < 2 || lowerWord) return { literal: text.trim() };
  let split = words.length - 1;
  while (split > 1 && PARTICLES.has(words[split - 1].toLowerCase())) split--;
  return { given: words.slice(0, split).join(' '), family: words.slice(split).join(' ') };
}

/**
 * The author field as people: "Hussein Agha, Shai Feldman, Ahmad Khalidi, Zeev Schiff (eds.)" gives four editors;
 * "Jeffrey Boutwell and Everett Mendelsohn (principal authors)" two authors; other remarks in brackets are dropped.
 */
export function splitAuthors(text: string | undefined): { authors: BibName[]; editors: BibName[] } {
  if (!text) return { authors: [], editors: [] };
  const editors = /\((?:eds?\.|editors?)\)/i.test(text);
  const names = text
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s*[,;&]\s*|\s+and\s+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(personName);
  return editors ? { authors: [], editors: names } : { authors: names, editors: [] };
}

/** The date's parts (the start of an interval; its end too when it has one), and whether the source hedges. */
function issued(date: string | undefined): { start: DateParts; end: DateParts | null } | null {
  if (!date) return null;
  try {
    const p = whenParts(date);
    const start = p.start ?? p.end;
    if (!start) return null;
    return { start, end: p.point || !p.end || !p.start ? null : p.end };
  } catch {
    return null;
  }
}

const PAGE_LOCATOR = /^pp?\.\s*(\d+)(?:\s*[-–]\s*(\d+))?$/i;

/** Page locators ("p. 12", "pp.121-126") as page ranges; the rest ("ch. 1", "Section Four") as they are. */
function splitLocators(locators: string[]): { pages: { first: number; last: number }[]; others: string[] } {
  const pages: { first: number; last: number }[] = [];
  const others: string[] = [];
  for (const l of locators) {
    const m = PAGE_LOCATOR.exec(l);
    if (m) pages.push({ first: Number(m[1]), last: Number(m[2] ?? m[1]) });
    else others.push(l);
  }
  pages.sort((a, b) => a.first - b.first || a.last - b.last);
  const unique = pages.filter((p, i) => i === 0 || p.first !== pages[i - 1].first || p.last !== pages[i - 1].last);
  return { pages: unique, others };
}

const pageText = (pages: { first: number; last: number }[], dash: string) =>
  pages.map((p) => (p.first === p.last ? String(p.first) : `${p.first}${dash}${p.last}`)).join(', ');

/** The entry's citation key: the source id without its kind prefix (source/w08-… → w08-…). */
export const citationKey = (s: BibSource) => s.id.replace(/^source\//, '');

function noteOf(e: BibEntry, others: string[], approximate: boolean): string | undefined {
  const parts: string[] = [];
  if (others.length > 0) parts.push(`Cited at: ${others.join('; ')}`);
  if (approximate && e.source.date) parts.push(`Date: ${formatWhen(parseWhen(e.source.date))}`);
  if (e.source.reliability === 'low') parts.push('Backchannel rates this source low (a mirror or a weak site)');
  parts.push(`Backchannel ${e.source.id}`);
  return parts.join('. ');
}

type Genre = 'book' | 'chapter' | 'journal' | 'newspaper' | 'paper' | 'reference' | 'interview' | 'archive' | 'web';

/** What kind of item a source is; an article is a journal article when its outlet is a journal, else a news story. */
function genre(s: BibSource): Genre {
  switch (s.sourceKind) {
    case 'book': return 'book';
    case 'chapter': return 'chapter';
    case 'article': return /journal|review|quarterly|studies|project muse/i.test(s.outlet ?? '') ? 'journal' : 'newspaper';
    case 'paper': return 'paper';
    case 'reference': return 'reference';
    case 'interview': return 'interview';
    case 'archive': return 'archive';
    default: return 'web';
  }
}

/** What every format writes of one entry, worked out once: its genre, names, date, page ranges and note. */
function facts(e: BibEntry) {
  const s = e.source;
  const { authors, editors } = splitAuthors(s.author);
  const when = issued(s.date);
  const { pages, others } = splitLocators(e.locators);
  const note = noteOf(e, others, Boolean(when && (when.start.approximate || when.end?.approximate)));
  return { s, g: genre(s), authors, editors, when, pages, note };
}

// ---- CSL-JSON --------------------------------------------------------------------------------------------------

const CSL_TYPES: Record<Genre, string> = {
  book: 'book', chapter: 'chapter', journal: 'article-journal', newspaper: 'article-newspaper', paper: 'report',
  reference: 'entry-encyclopedia', interview: 'interview', archive: 'manuscript', web: 'webpage',
};

const dateParts = (d: DateParts) => [d.year, ...(d.month ? [d.month] : []), ...(d.month && d.day ? [d.day] : [])];

/** CSL-JSON items (citeproc-js, Zotero, pandoc): names split into family and given, issued as date-parts. */
export function toCslItems(entries: BibEntry[]): Record<string, unknown>[] {
  return entries.map((e) => {
    const { s, g, authors, editors, when, pages, note } = facts(e);
    const item: Record<string, unknown> = { id: citationKey(s), type: CSL_TYPES[g], title: s.title };
    if (authors.length > 0) item.author = authors;
    if (editors.length > 0) item.editor = editors;
    if (s.outlet) item[g === 'book' || g === 'chapter' || g === 'paper' ? 'publisher' : 'container-title'] = s.outlet;
    if (when) {
      item.issued = {
        'date-parts': when.end ? [dateParts(when.start), dateParts(when.end)] : [dateParts(when.start)],
        ...(when.start.approximate || when.end?.approximate ? { circa: true } : {}),
      };
    }
    if (s.url) item.URL = s.url;
    if (pages.length > 0) item.page = pageText(pages, '-');
    item.note = note;
    return item;
  });
}

export function toCslJson(entries: BibEntry[]): string {
  return `${JSON.stringify(toCslItems(entries), null, 2)}\n`;
}

// ---- BibTeX ----------------------------------------------------------------------------------------------------

const BIBTEX_TYPES: Record<Genre, string> = {
  book: 'book', chapter: 'incollection', journal: 'article', newspaper: 'article', paper: 'techreport',
  reference: 'misc', interview: 'misc', archive: 'misc', web: 'misc',
};
const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Text for a braced BibTeX value: LaTeX's special characters escaped, braces written as commands so they stay balanced. */
export function bibtexText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\{}#$%&~_^]/g, (c) => ({
      '\\': '\\textbackslash{}', '{': '\\textbraceleft{}', '}': '\\textbraceright{}', '#': '\\#', '$': '\\$', '%': '\\%',
      '&': '\\&', '~': '\\textasciitilde{}', '_': '\\_', '^': '\\textasciicircum{}',
    })[c]!)
    // -- and --- are ligatures (en and em dash) in TeX: keep hyphens as hyphens.
    .replace(/-(?=-)/g, '-{}');
}

/**
 * Braces every word with a capital in it, so that styles and importers that sentence-case titles (BibTeX's,
 * Zotero's) keep the names as the source wrote them.
 */
function protectCase(text: string): string {
  return text.split(' ').map((w) => (/\p{Lu}/u.test(w) ? `{${w}}` : w)).join(' ');
}

/** A URL as BibTeX's url field takes it: verbatim, with the few characters that would unbalance it percent-encoded. */
const bibtexUrl = (url: string) => url.replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function bibtexNames(names: BibName[]): string {
  // A literal name is braced so that BibTeX reads it as one family name ("{Times staff writer}").
  return names.map((n) => (n.literal ? `{${bibtexText(n.literal)}}` : `${bibtexText(n.family!)}, ${bibtexText(n.given!)}`)).join(' and ');
}

/** A BibTeX database (UTF-8; BibTeX, biber, JabRef, Zotero): one entry per source, keyed by the source's id. */
export function toBibtex(entries: BibEntry[], header: string): string {
  const out = [`% ${header.replace(/\n/g, ' ')}`, '% Encoding: UTF-8', ''];
  for (const e of entries) {
    const { s, g, authors, editors, when, pages, note } = facts(e);
    const fields: [string, string][] = [];
    if (authors.length > 0) fields.push(['author', `{${bibtexNames(authors)}}`]);
    if (editors.length > 0) fields.push(['editor', `{${bibtexNames(editors)}}`]);
    fields.push(['title', `{${protectCase(bibtexText(s.title))}}`]);
    if (s.outlet) {
      const field = { book: 'publisher', chapter: 'publisher', journal: 'journal', newspaper: 'journal', paper: 'institution' }[g as string] ?? 'howpublished';
      fields.push([field, `{${bibtexText(s.outlet)}}`]);
    }
    if (when) {
      fields.push(['year', `{${when.start.year}}`]);
      if (when.start.month && !when.end) fields.push(['month', BIBTEX_MONTHS[when.start.month - 1]]);
    }
    if (s.url) fields.push(['url', `{${bibtexUrl(s.url)}}`]);
    if (pages.length > 0) fields.push(['pages', `{${pageText(pages, '--')}}`]);
    if (note) fields.push(['note', `{${bibtexText(note)}}`]);
    out.push(`@${BIBTEX_TYPES[g]}{${citationKey(s)},`, ...fields.map(([k, v]) => `  ${k} = ${v},`), '}', '');
  }
  return out.join('\n');
}

// ---- RIS -------------------------------------------------------------------------------------------------------

const RIS_TYPES: Record<Genre, string> = {
  book: 'BOOK', chapter: 'CHAP', journal: 'JOUR', newspaper: 'NEWS', paper: 'RPRT', reference: 'ENCYC', interview: 'GEN',
  archive: 'MANSCPT', web: 'ELEC',
};

/** A RIS value: one line, no leading or trailing space. */
const risValue = (v: string) => v.replace(/[\r\n\t]+/g, ' ').trim();
const risName = (n: BibName) => (n.literal ? n.literal : `${n.family}, ${n.given}`);
const pad = (n: number) => String(n).padStart(2, '0');

/** A RIS file (Zotero, EndNote, Mendeley): `TAG  - value` lines, CRLF, each record closed by `ER  - `. */
export function toRis(entries: BibEntry[]): string {
  const lines: string[] = [];
  for (const e of entries) {
    const { s, g, authors, editors, when, pages, note } = facts(e);
    const tag = (t: string, v: string | number | undefined) => {
      if (v !== undefined && String(v).trim() !== '') lines.push(`${t}  - ${risValue(String(v))}`);
    };
    tag('TY', RIS_TYPES[g]);
    tag('ID', citationKey(s));
    tag('TI', s.title);
    for (const a of authors) tag('AU', risName(a));
    for (const a of editors) tag('ED', risName(a));
    if (s.outlet) tag(g === 'book' || g === 'chapter' || g === 'paper' ? 'PB' : g === 'journal' ? 'JO' : 'T2', s.outlet);
    if (when) {
      tag('PY', when.start.year);
      const d = when.start;
      tag('DA', `${d.year}/${d.month ? pad(d.month) : ''}/${d.month && d.day ? pad(d.day) : ''}/`);
    }
    tag('UR', s.url);
    if (pages.length === 1) {
      tag('SP', pages[0].first);
      if (pages[0].last !== pages[0].first) tag('EP', pages[0].last);
    } else if (pages.length > 1) {
      tag('SP', pageText(pages, '-'));
    }
    tag('N1', note);
    lines.push('ER  - ', '');
  }
  return lines.join('\r\n');
}

/** One bibliography file in the given format. */
export function writeBibliography(format: BibliographyFormat, entries: BibEntry[], opts: { stem: string; header: string }) {
  switch (format) {
    case 'csl_json':
      return { name: `${opts.stem}.csl.json`, mediaType: 'application/vnd.citationstyles.csl+json', text: toCslJson(entries) };
    case 'bibtex':
      return { name: `${opts.stem}.bib`, mediaType: 'application/x-bibtex; charset=utf-8', text: toBibtex(entries, opts.header) };
    case 'ris':
      return { name: `${opts.stem}.ris`, mediaType: 'application/x-research-info-systems', text: toRis(entries) };
  }
}
