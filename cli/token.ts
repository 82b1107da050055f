// `npm run token`: creates, lists and revokes the API's bearer tokens, in the database the app uses.
import type { Driver } from 'neo4j-driver';
import { createToken, isRole, type Role } from '../api/auth.ts';
import { loadQueries } from '../store/cypher.ts';
import { toPlain } from '../store/records.ts';
import { withDatabase } from './database.ts';
import { inSession } from '../store/neo4j.ts';

async function cli(argv: string[]): Promise<number> {
  const usage = 'usage: npm run token -- create --name <who> --role viewer|editor|admin | list | revoke <id>';
  const [command, ...rest] = argv;
  const opt = (flag: string) => {
    const i = rest.indexOf(flag);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (!command || !['create', 'list', 'revoke'].includes(command)) {
    console.error(usage);
    return 2;
  }
  const name = opt('--name');
  const role = opt('--role') ?? 'editor';
  if (command === 'create' && (!name || !isRole(role))) {
    console.error(usage);
    return 2;
  }
  const queries = loadQueries();
  return withDatabase(async (driver: Driver, config) => {
    return inSession(driver, config.neo4jDatabase, async (session) => {
      if (command === 'create') {
        const { token, info } = await createToken((q, p) => session.executeWrite((tx) => tx.run(queries[q], p)), name!, role as Role, 'cli');
        console.log(`Created ${info.role} token ${info.id} for ${info.name}. It is shown only now; keep it secret:\n${token}`);
      } else if (command === 'list') {
        const res = await session.executeRead((tx) => tx.run(queries['token-list']));
        for (const r of res.records) {
          const t = toPlain(r.toObject()) as Record<string, string | null>;
          console.log(`${t.id}  ${String(t.role).padEnd(6)}  ${t.name}  created ${t.createdAt}${t.revokedAt ? `  REVOKED ${t.revokedAt}` : ''}`);
        }
      } else {
        const res = await session.executeWrite((tx) => tx.run(queries['token-revoke'], { id: rest[0] ?? '', at: new Date().toISOString() }));
        if (res.records.length === 0) {
          console.error(`No token with id '${rest[0]}' (npm run token -- list shows them).`);
          return 1;
        }
        console.log(`Revoked token ${rest[0]}.`);
      }
      return 0;
    });
  }, (m) => console.error(m));
}

cli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`npm run token failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
