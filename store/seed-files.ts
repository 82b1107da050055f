// The curated dataset's files on disk: every .yaml below seed/ but the stories, in a stable order.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SeedFile } from '../core/dataset.ts';

/** Reads every .yaml file below `dir` except stories/, sorted for a stable order. */
export async function readSeedFiles(dir: string): Promise<SeedFile[]> {
  const out: SeedFile[] = [];
  async function walk(d: string) {
    const entries = (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'stories') await walk(full);
      } else if (/\.ya?ml$/.test(e.name)) {
        out.push({ file: path.relative(process.cwd(), full), text: await readFile(full, 'utf8') });
      }
    }
  }
  await walk(dir);
  return out;
}
