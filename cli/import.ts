// `npm run import -- <file or folder> [--dry-run] [--actor name]`: CSV (seed/templates/) and dataset-format
// JSON, merged into the stored graph by id; every problem with file, row and column; nothing written on any.
// `--initial`: into an empty embedded database through Neo4j's offline importer (cli/initial-import.ts).
import cliProgress from 'cli-progress';
import { schemaStatements } from '../store/cypher.ts';
import { withDatabase } from './database.ts';
import { collectImportFiles, importFiles } from '../api/import.ts';
import { formatProblem } from '../core/dataset.ts';
import { applySchema } from '../store/load.ts';
import { initialImport } from './initial-import.ts';

const USAGE = 'usage: npm run import -- <file.csv | file.json | folder> [--dry-run] [--actor name] [--initial]';

function parseArgs(argv: string[]) {
  const out = { target: '', dryRun: false, initial: false, actor: process.env.USER ?? 'cli' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') out.dryRun = true;
    else if (a === '--initial') out.initial = true;
    else if (a === '--actor') out.actor = argv[++i] ?? out.actor;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else if (!out.target) out.target = a;
    else throw new Error(`one file or folder at a time\n${USAGE}`);
  }
  if (!out.target) throw new Error(USAGE);
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const files = await collectImportFiles(args.target);
  if (files.length === 0) throw new Error(`no .csv or .json file in ${args.target}`);
  const log = (m: string) => console.error(m);
  if (args.initial) return initialImport(files, { actor: args.actor, dryRun: args.dryRun, log });
  return withDatabase(async (driver, config) => {
    await applySchema(driver, schemaStatements(), config.neo4jDatabase);
    const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'writing [{bar}] {percentage}% {value}/{total} rows' }, cliProgress.Presets.shades_classic) : null;
    let started = false;
    const phases: [string, number][] = [['parse', performance.now()]];
    const report = await importFiles(driver, files, {
      actor: args.actor, dryRun: args.dryRun, database: config.neo4jDatabase,
      phase: (name) => phases.push([name, performance.now()]),
      progress: (done, total) => {
        if (!bar) return;
        if (!started) { bar.start(total, 0); started = true; }
        bar.update(done);
      },
    }).finally(() => bar?.stop());
    if (!report.ok) {
      console.error(`${report.problems.length} problem(s); nothing was written:`);
      for (const p of report.problems) console.error(`  ${formatProblem(p)}`);
      return 1;
    }
    const rows = Object.entries(report.counts).filter(([, c]) => c.added + c.updated + c.unchanged + c.retired > 0);
    console.log(`${args.dryRun ? 'Dry run (nothing written)' : report.written ? 'Imported' : 'Nothing to change'}: ${files.length} file(s)`);
    console.log('kind           added  updated  unchanged  retired');
    for (const [kind, c] of rows) console.log(`${kind.padEnd(13)} ${String(c.added).padStart(6)} ${String(c.updated).padStart(8)} ${String(c.unchanged).padStart(10)} ${String(c.retired).padStart(8)}`);
    if (report.written) {
      const secs = report.ms / 1000;
      console.log(`Dataset version ${report.version?.slice(0, 12)} (sequence ${report.sequence}), was ${report.previousVersion?.slice(0, 12) ?? 'empty'}; ${report.linksWritten} links written in ${secs.toFixed(1)} s (${Math.round(report.linksWritten / secs)} links/s overall).`);
      phases.push(['done', performance.now()]);
      const steps = phases.slice(0, -1).map(([name, at], i) => `${name} ${((phases[i + 1][1] - at) / 1000).toFixed(1)} s`);
      console.log(`Time by step: ${steps.join(', ')}; writing alone ${Math.round(report.linksWritten / ((phases.find((p) => p[0] === 'record')![1] - phases.find((p) => p[0] === 'write')![1]) / 1000))} links/s.`);
    }
    return 0;
  }, log);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`npm run import failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
