// Guided stories on disk and in Neo4j: reads seed/stories/*.yaml (or .json) and loads the curated ones.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { storyProperties, type Story, type StoryFile } from '../core/stories.ts';
import { loadQueries } from './cypher.ts';
import { inSession } from './neo4j.ts';

/** Reads stories/*.yaml, *.yml and *.json (README.md and the rest are left alone), sorted by name. */
export async function readStoryFiles(dir: string, label = 'seed/stories'): Promise<StoryFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files = names.filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  return Promise.all(files.map(async (n) => ({ file: `${label}/${n}`, text: await readFile(path.join(dir, n), 'utf8') })));
}

/** Replaces the seed-origin stories in one transaction; stories saved through the API are kept. */
export async function loadStories(driver: Driver, stories: Story[], opts: { database?: string } = {}): Promise<number> {
  const query = loadQueries()['story-load'];
  const rows = stories.map((s) => ({ id: s.id, props: { ...storyProperties(s), origin: 'seed' } }));
  const res = await inSession(driver, opts.database ?? 'neo4j', (session) => session.executeWrite((tx) => tx.run(query, { ids: rows.map((r) => r.id), rows })));
  return Number(res.records[0]?.get('loaded') ?? 0);
}
