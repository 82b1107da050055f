// JSON in the dataset's own format ({ "sources": [...], "people": [...], ..., "links": [...] }, the YAML
// structure as JSON) → validator entries, each with the line it starts on. JSON.parse plus one scan for
// line numbers: the YAML reader would take minutes on a 100,000-link file.
import { SECTIONS, type Problem, type RawEntry, type Section } from '../core/dataset.ts';

/** Top-level key an export writes for its version; ignored on import. */
export const META_KEY = 'meta';
/** Top-level key for the stories of a whole-graph export ({ story, revisions } as stored); restored on import. */
export const STORIES_KEY = 'stories';

/** A story of an export file, as found in it (checked against the dataset on import). */
export interface StoryEntry { file: string; index: number; line?: number; value: unknown }

/** Start line of every element of every array that is a direct value of the root object, in order. */
function elementLines(text: string): number[][] {
  const arrays: number[][] = [];
  const stack: string[] = [];
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    const top = stack.length;
    const startsValue = c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 44 && c !== 93 && c !== 125 && c !== 58;
    if (top === 2 && stack[1] === '[' && startsValue) arrays[arrays.length - 1].push(line);
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (top === 1 && c === 91) arrays.push([]);
      stack.push(c === 123 ? '{' : '[');
    } else if (c === 125 || c === 93) stack.pop();
  }
  return arrays;
}

/** The first key that appears twice in one object (JSON.parse would silently keep the last), with both lines. */
export function duplicateKey(text: string): { key: string; line: number; firstLine: number } | undefined {
  const frames: { keys?: Map<string, number>; expectKey: boolean }[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      const frame = frames[frames.length - 1];
      if (frame?.keys && frame.expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(start, i + 1)) as string;
        } catch {
          return undefined; // JSON.parse reports the syntax error
        }
        const first = frame.keys.get(key);
        if (first !== undefined) return { key, line, firstLine: first };
        frame.keys.set(key, line);
        frame.expectKey = false;
      }
    } else if (c === 123) frames.push({ keys: new Map(), expectKey: true });
    else if (c === 91) frames.push({ expectKey: false });
    else if (c === 125 || c === 93) frames.pop();
    else if (c === 44) {
      const frame = frames[frames.length - 1];
      if (frame?.keys) frame.expectKey = true;
    }
  }
  return undefined;
}

function syntaxLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return text.slice(0, Number(pos[1])).split('\n').length;
  return undefined;
}

/** Reads one dataset-format JSON file into validator entries. */
export function readDatasetJson(file: string, text: string): { entries: RawEntry[]; problems: Problem[]; stories: StoryEntry[] } {
  const problems: Problem[] = [];
  const entries: RawEntry[] = [];
  const stories: StoryEntry[] = [];
  let root: unknown;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const message = (err as Error).message;
    return { entries, stories, problems: [{ file, line: syntaxLine(text, message), entry: '(file)', message: `JSON syntax: ${message}` }] };
  }
  const twice = duplicateKey(text);
  if (twice) {
    return { entries, stories, problems: [{ file, line: twice.line, entry: '(file)', message: `the key "${twice.key}" appears twice in one object (first on line ${twice.firstLine}); keep one` }] };
  }
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    return { entries, stories, problems: [{ file, line: 1, entry: '(file)', message: `must be an object with keys among ${SECTIONS.join(', ')}, ${STORIES_KEY}` }] };
  }
  const lines = elementLines(text);
  let arrayIndex = 0;
  for (const [key, value] of Object.entries(root as Record<string, unknown>)) {
    const starts = Array.isArray(value) ? lines[arrayIndex++] ?? [] : [];
    if (key === META_KEY) continue;
    if (key === STORIES_KEY && Array.isArray(value)) {
      value.forEach((item, index) => stories.push({ file, index, line: starts[index], value: item }));
      continue;
    }
    if (!(SECTIONS as readonly string[]).includes(key)) {
      problems.push({ file, entry: key, message: `unknown section '${key}'; allowed: ${SECTIONS.join(', ')}` });
      continue;
    }
    if (!Array.isArray(value)) {
      problems.push({ file, entry: key, message: 'must be a list' });
      continue;
    }
    value.forEach((item, index) => {
      const line = starts[index];
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        problems.push({ file, line, entry: `${key}[${index}]`, message: 'must be a map of fields' });
        return;
      }
      entries.push({ file, section: key as Section, index, value: item as Record<string, unknown>, line });
    });
  }
  return { entries, problems, stories };
}
