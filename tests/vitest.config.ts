// Three tiers, one project each: unit (pure: no database, no JDK, no browser), db (a real Neo4j, prepared once by
// the global setup) and browser (Debian's Chromium against the real API and Neo4j). `npm test` runs all three;
// `npm test -- --project unit` runs the unit tier alone, on a machine with no Java.
import { defineConfig } from 'vitest/config';

const root = new URL('..', import.meta.url).pathname;
const shared = { environment: 'node' as const, pool: 'forks' as const, testTimeout: 60_000, hookTimeout: 600_000 };

export default defineConfig({
  root,
  test: {
    reporters: ['default'],
    // The database and the web build are prepared once for the db and browser tiers (skipped when only unit runs).
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      { root, test: { ...shared, name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { root, test: { ...shared, name: 'db', include: ['tests/db/**/*.test.ts'] } },
      { root, test: { ...shared, name: 'browser', include: ['tests/browser/**/*.test.ts'] } },
    ],
  },
});
