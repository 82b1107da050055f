// The house's rules, checked by tests/unit/architecture.test.ts (and `npx depcruise --config .dependency-cruiser.cjs cli api formats store engine core bench`):
// dependencies run one way, cli → api → formats → store → engine → core, and test oracles and bench data stay out of
// production folders. neo4j/ (the launcher's wrapper) and cypher/ (query files) sit beside store/ and are read by it.
const LAYERS = ['cli', 'api', 'formats', 'store', 'engine', 'core'];

const upward = LAYERS.map((layer, i) => ({
  name: `no-upward-from-${layer}`,
  comment: `${layer}/ may use only the layers below it (${LAYERS.slice(i + 1).join(', ') || 'none'})`,
  severity: 'error',
  from: { path: `^${layer}/` },
  to: { path: `^(${[...LAYERS.slice(0, i), 'bench', 'tests', 'web', 'seed'].join('|')})/` },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'import circles make the layers meaningless', severity: 'error', from: {}, to: { circular: true } },
    ...upward,
    {
      name: 'neo4j-is-a-leaf',
      comment: 'the launcher wrapper imports nothing of the project',
      severity: 'error',
      from: { path: '^neo4j/' },
      to: { path: `^(${[...LAYERS, 'bench', 'tests', 'web', 'seed'].join('|')})/` },
    },
    {
      name: 'web-stands-alone',
      comment: 'the browser bundle shares no code with the server but through GraphQL',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: `^(${[...LAYERS, 'bench', 'tests', 'neo4j'].join('|')})/` },
    },
    { name: 'seed-holds-data', comment: 'seed/ is the curated data only', severity: 'error', from: {}, to: { path: '^seed/.+\\.(ts|mjs|js)$' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|target)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
