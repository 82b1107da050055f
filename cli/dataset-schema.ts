// Writes formats/dataset.schema.json: the dataset format's JSON Schema (draft 2020-12) from core/dataset-schema.ts,
// the same object the validator checks entries with, published for other tools (editors, pipelines, other languages).
// `npm run schema:dataset` regenerates it; tests/unit/dataset-schema.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASET_SCHEMA } from '../core/dataset-schema.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DATASET_SCHEMA_FILE = path.join(here, '..', 'formats', 'dataset.schema.json');

/** The published file's text. */
export function datasetSchemaText(): string {
  return `${JSON.stringify(DATASET_SCHEMA, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(DATASET_SCHEMA_FILE, datasetSchemaText());
  console.log(`[schema:dataset] wrote ${path.relative(process.cwd(), DATASET_SCHEMA_FILE)}`);
}
