// The house's rules, measured from the code's own imports with dependency-cruiser (.dependency-cruiser.cjs):
// no import circle, no folder importing one above it, seed/ holding data only, web/ standing alone.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rules = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs'));
const FOLDERS = ['cli', 'api', 'formats', 'store', 'engine', 'core', 'neo4j', 'bench', 'web', 'tests'];

async function violations(ruleSet = rules) {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const result = await cruise(FOLDERS, { ...rules.options, validate: true, ruleSet }, undefined, {
      tsConfig: { fileName: path.join(ROOT, 'tsconfig.json') },
    });
    const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
    return { modules: output.modules.length as number, found: output.summary.violations.map((v: { rule: { name: string }; from: string; to: string }) => `${v.rule.name}: ${v.from} → ${v.to}`) };
  } finally {
    process.chdir(cwd);
  }
}

describe('the layout', () => {
  it('has no import circle and no import that runs back up a layer', async () => {
    const { modules, found } = await violations();
    expect(modules).toBeGreaterThan(150);
    expect(found).toEqual([]);
  }, 120_000);

  it('would catch an import from core/ up into store/ (the rules are live)', async () => {
    const probe = { ...rules, forbidden: rules.forbidden.filter((r: { name: string }) => r.name === 'no-upward-from-store') };
    // store/ does import core/ and engine/; reversing the rule's direction must flag those arrows.
    const reversed = { ...probe, forbidden: [{ ...probe.forbidden[0], name: 'store-imports-core', from: { path: '^store/' }, to: { path: '^core/' } }] };
    const { found } = await violations(reversed);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^store-imports-core: store\/.+ → core\//);
  }, 120_000);
});
