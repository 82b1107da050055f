// Bearer tokens for writing: `bc_<id>_<secret>`, stored only as a sha256 hash, compared in constant time.
// Roles: viewer (reads, like everyone), editor (edits and imports), admin (also manages tokens).
// cli/token.ts creates, lists and revokes them: `npm run token -- create --name alice --role editor`.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../store/errors.ts';
import type { Db } from '../store/neo4j.ts';
import type { Context } from './resolvers.ts';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export interface Principal { tokenId: string; name: string; role: Role }
export interface TokenInfo { id: string; name: string; role: Role; createdAt: string; createdBy: string | null; revokedAt: string | null }

const TOKEN_PATTERN = /^bc_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A fresh token and what is stored of it; the token itself is shown once and never kept. */
export function newToken(): { id: string; token: string; hash: string } {
  const id = randomBytes(8).toString('hex');
  const token = `bc_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, token, hash: hashToken(token).toString('hex') };
}

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/** The caller behind an Authorization header, null when there is none; throws on a bad or revoked token. */
export async function authenticate(db: Db, header: string | undefined): Promise<Principal | null> {
  if (header === undefined || header.trim() === '') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const parts = m ? TOKEN_PATTERN.exec(m[1]) : null;
  if (!m || !parts) throw unauthenticated('The Authorization header must be "Bearer bc_…", a token an admin created (npm run token -- create).');
  const row = (await db.read('token-by-id', { id: parts[1] }))[0];
  // Hash anyway when the id is unknown, so timing does not tell which ids exist.
  const expected = row ? Buffer.from(String(row.hash), 'hex') : hashToken('unknown');
  const given = hashToken(m[1]);
  if (!row || expected.length !== given.length || !timingSafeEqual(expected, given) || row.revokedAt || !isRole(row.role)) {
    throw unauthenticated('This token is unknown or revoked. Ask an admin for a new one.');
  }
  return { tokenId: String(row.id), name: String(row.name), role: row.role };
}

/** Throws UNAUTHENTICATED without a token and FORBIDDEN when the token's role is below `role`. */
const principals = new WeakMap<object, Promise<Principal | null>>();

/** The caller behind the request's bearer token, looked up once per request whoever asks. */
export function principalOf(ctx: Context): Promise<Principal | null> {
  let p = principals.get(ctx);
  if (!p) {
    const header = (ctx.reply?.request?.headers as Record<string, string | undefined> | undefined)?.authorization;
    p = authenticate(ctx.db, header);
    principals.set(ctx, p);
  }
  return p;
}

export function requireRole(principal: Principal | null, role: Role, what: string): Principal {
  if (!principal) throw unauthenticated(`${what} needs a token with the ${role} role: send "Authorization: Bearer bc_…". Reading needs none.`);
  if (RANK[principal.role] < RANK[role]) throw new AppError('FORBIDDEN', `${what} needs the ${role} role; this token (${principal.name}) is a ${principal.role}.`);
  return principal;
}

/** The name an audit entry records for a caller: "alice (token 0123abcd…)". */
export const actorOf = (p: Principal) => `${p.name} (token ${p.tokenId.slice(0, 8)})`;

export async function createToken(run: (name: 'token-create', params: Record<string, unknown>) => Promise<unknown>, name: string, role: Role, createdBy: string): Promise<{ token: string; info: TokenInfo }> {
  const { id, token, hash } = newToken();
  const createdAt = new Date().toISOString();
  await run('token-create', { id, name, role, hash, createdAt, createdBy });
  return { token, info: { id, name, role, createdAt, createdBy, revokedAt: null } };
}
