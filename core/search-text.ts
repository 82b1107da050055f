// Name matching that tolerates accents and transliteration: "Abu Ala", "Abu Alaa", "Qurei", "Qureia", "Korei".

/** Lower-case, accents and apostrophes removed, punctuation to spaces. */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʿʾ`´-]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A consonant skeleton per word, so the usual romanisations of Arabic and Hebrew names meet:
 * q/k/c→k, ph→f, w→v after the first letter, vowels after the first letter dropped, repeats collapsed
 * ("Qurei", "Qureia", "Korei" → "kr"; "Ahmed", "Ahmad" → "ahmd").
 */
export function skeleton(text: string): string {
  return foldName(text)
    .split(' ')
    .map((w) => {
      const k = w.replace(/ph/g, 'f').replace(/[qck]+/g, 'k');
      return (k[0] + k.slice(1).replace(/[aeiouy]/g, '')).replace(/(.)\1+/g, '$1');
    })
    .filter(Boolean)
    .join(' ');
}

/** The text is this name or alias, up to case, accents and transliteration ("Abu Mazin" is "Abu Mazen"). */
export function namesExactly(text: string, names: readonly string[]): boolean {
  const folded = foldName(text);
  const key = skeleton(text);
  return folded !== '' && names.some((n) => foldName(n) === folded || skeleton(n) === key);
}

/**
 * Search order on top of the full-text score: exact name or alias matches first; when the text is a person's name,
 * people before the documents and sources whose titles merely contain it; otherwise the given (score) order.
 */
export function rankSearchHits<T extends { kind: string; names: readonly string[] }>(text: string, hits: readonly T[]): T[] {
  const exact = hits.map((h) => namesExactly(text, h.names));
  const personName = hits.some((h, i) => exact[i] && h.kind === 'Person');
  const tier = (h: T, i: number) => (exact[i] ? 0 : 2) + (personName && (h.kind === 'Document' || h.kind === 'Source') ? 1 : 0);
  return hits.map((h, i) => ({ h, i, t: tier(h, i) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.h);
}

/** Edits a typed word may be away from a name's word: none up to 3 letters, one up to 6, two beyond. */
function allowedEdits(word: string): number {
  return word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2;
}

/** A typed word matches a word of a name: its start, a near spelling, or the same consonant skeleton when that skeleton
 *  says enough (three consonants or more) or the spellings are close ("Korei" for "Qurei", not "Qureia" for "Kåre"). */
function wordMatches(typed: string, word: string): boolean {
  if (word.startsWith(typed) || (typed.length >= 4 && word.includes(typed))) return true;
  const edits = levenshtein(typed, word);
  if (edits <= allowedEdits(typed)) return true;
  const key = skeleton(typed);
  return key === skeleton(word) && (key.length >= 3 || edits <= 2);
}

/**
 * Whether a full-text hit is about the typed text: every typed word matches some word of the name or an alias.
 * Lucene's fuzzy and skeleton-prefix clauses cast wide ("Qureia" → "kr" also finds Kåre Willoch, Carl Bildt, Bruno
 * Kreisky); this keeps only the hits a reader would recognise as what they typed.
 */
export function relevantTo(text: string, names: readonly string[]): boolean {
  const typed = foldName(text).split(' ').filter(Boolean);
  if (typed.length === 0) return false;
  // Hyphenated names count whole and by part ("Rød-Larsen" is found by "Larsen" and by "Rodlarsen").
  const words = names.flatMap((n) => [...foldName(n).split(' '), ...foldName(n.replace(/[-‐‑–]/g, ' ')).split(' ')]).filter(Boolean);
  return typed.every((t) => words.some((w) => wordMatches(t, w)));
}

const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/** A Lucene query over name, aliasText and searchKey: each word exact (boosted), as a prefix, and fuzzy. */
export function luceneQuery(text: string): string | null {
  const words = foldName(text).replace(LUCENE_SPECIAL, ' ').split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return null;
  const keys = skeleton(words.join(' ')).split(' ').filter(Boolean);
  const clauses = words.map((w) => {
    const fuzzy = w.length >= 4 ? ` OR ${w}~1` : w.length >= 3 ? ` OR ${w}~1` : '';
    return `(${w}^4 OR ${w}*^2${fuzzy})`;
  });
  const keyClauses = keys.map((k) => `searchKey:(${k}^3 OR ${k}*${k.length >= 4 ? ` OR ${k}~1` : ''})`);
  return [...clauses, ...keyClauses].join(' ');
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean …" suggestions on unknown ids. */
export function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
