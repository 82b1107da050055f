// `npm run export -- --format graphml|gexf|gexf12|csv|json|cypher|csl_json|bibtex|ris [--out dir] [--ids id,id]`: the whole graph, or
// the part around some nodes, written into a folder (default exports/); the files carry the dataset version.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withDatabase } from './database.ts';
import { inSession } from '../store/neo4j.ts';
import { EXPORT_FORMATS, readExportData, writeExport, type ExportFormat } from '../api/export.ts';

const USAGE = `usage: npm run export -- --format ${EXPORT_FORMATS.join('|')} [--spreadsheet] [--out dir] [--ids person/a,channel/b]\n  --spreadsheet (with csv): for Excel and LibreOffice, UTF-8 with a BOM and dates kept as text`;

function parseArgs(argv: string[]) {
  const out: { format?: ExportFormat; dir: string; ids: string[] | null; spreadsheet?: boolean } = { dir: 'exports', ids: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format') {
      const f = argv[++i];
      if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new Error(`unknown format '${f}'\n${USAGE}`);
      out.format = f as ExportFormat;
    } else if (a === '--spreadsheet') out.spreadsheet = true;
    else if (a === '--out') out.dir = argv[++i] ?? out.dir;
    else if (a === '--ids') out.ids = (argv[++i] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (!out.format) throw new Error(USAGE);
  if (out.spreadsheet) {
    if (out.format !== 'csv' && out.format !== 'csv_spreadsheet') throw new Error(`--spreadsheet goes with --format csv\n${USAGE}`);
    out.format = 'csv_spreadsheet';
  }
  return out as { format: ExportFormat; dir: string; ids: string[] | null };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  return withDatabase(async (driver, config) => {
    const started = performance.now();
    const data = await inSession(driver, config.neo4jDatabase, (session) => session.executeRead((tx) => readExportData(tx, args.ids)), { mode: 'READ' });
    const read = performance.now();
    const files = writeExport(args.format, data);
    await mkdir(args.dir, { recursive: true });
    for (const f of files) await writeFile(path.join(args.dir, f.name), f.text, 'utf8');
    const done = performance.now();
    const c = data.meta.counts;
    console.log(`Exported ${c.people + c.institutions + c.governments + c.channels + c.sessions + c.documents + c.sources} nodes and ${data.dataset.links.length} links (dataset ${data.meta.datasetVersion?.slice(0, 12) ?? 'empty'}, sequence ${data.meta.sequence ?? '–'}) as ${args.format}:`);
    for (const f of files) console.log(`  ${path.join(args.dir, f.name)} (${(Buffer.byteLength(f.text) / 1024).toFixed(0)} KiB)`);
    console.log(`Read ${Math.round(read - started)} ms, written ${Math.round(done - read)} ms, total ${Math.round(done - started)} ms.`);
    return 0;
  }, (m) => console.error(m));
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`npm run export failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
