// Neo4j Browser against the embedded database, asked for with `browser: true` (NEO4J_BROWSER=1): its page comes from
// the launcher's HTTP connector on loopback with every other origin refused, it serves nothing but the Browser, and
// in real Chromium a wrong password is refused while the right one connects and runs a query.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../neo4j/embedded.ts';
import { ConfigError, readConfig } from '../../store/config.ts';
import { launchBrowser } from '../support/browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'tests/artifacts');

let dataDir: string;
let server: EmbeddedNeo4j;
let browser: Browser;
let context: BrowserContext;
const elsewhere: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'backchannel-browser-'));
  server = await startEmbeddedNeo4j({ dataDir, heap: '512m', browser: true, browserPort: await freePort(), log: (l) => process.stderr.write(`${l}\n`) });
  // Three nodes for the Browser to count, written over plain Bolt (which the Browser mode leaves as it was).
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
  try {
    await driver.executeQuery('UNWIND range(1, 3) AS i CREATE (:Probe {i: i})');
  } finally {
    await driver.close();
  }
  ({ browser, context } = await launchBrowser());
  // No internet: anything not on loopback is refused (and remembered).
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(url)) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

function get(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; type: string; csp: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), csp: String(res.headers['content-security-policy'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Fills the Browser's connect form and waits for what it says: connected, or the error it shows. */
async function connect(page: Page, password: string): Promise<string> {
  const form = page.getByTestId('frame').filter({ has: page.getByTestId('connect') }).first();
  await form.getByTestId('username').fill('neo4j');
  await form.getByTestId('password').fill(password);
  await form.getByTestId('connect').click();
  const answer = page.getByText(/You are connected as user neo4j|Neo\.ClientError\.Security\.\w+/).first();
  await answer.waitFor({ timeout: 60_000 });
  return answer.innerText();
}

describe('Neo4j Browser on the embedded database (NEO4J_BROWSER=1)', () => {
  it('is off unless NEO4J_BROWSER asks for it, on port 7474 by default', () => {
    expect(readConfig({})).toMatchObject({ embeddedBrowser: false, embeddedBrowserPort: 7474 });
    expect(readConfig({ NEO4J_BROWSER: '1', NEO4J_BROWSER_PORT: '7475' })).toMatchObject({ embeddedBrowser: true, embeddedBrowserPort: 7475 });
    expect(() => readConfig({ NEO4J_BROWSER: 'please' })).toThrow(ConfigError);
    expect(() => readConfig({ NEO4J_BROWSER: 'please' })).toThrow(/NEO4J_BROWSER=please must be true or false/);
  });

  it('is served on loopback, with the discovery document naming the Bolt port, and nothing else over HTTP', async () => {
    expect(server.browserUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/browser\/$/);
    const index = await get(server.browserUrl!);
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Neo4j Browser</title>');
    expect(index.csp).toBe(`default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; connect-src 'self' ws://127.0.0.1:${server.port}`);
    const scripts = [...index.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(2);
    for (const src of scripts) {
      const asset = await get(new URL(src, server.browserUrl).href);
      expect(asset.status, src).toBe(200);
      expect(asset.body.length, src).toBeGreaterThan(1000);
    }
    const origin = new URL(server.browserUrl!).origin;
    expect(JSON.parse((await get(`${origin}/`, { headers: { accept: 'application/json' } })).body)).toMatchObject({ bolt_direct: server.uri });
    // Neo4j's HTTP and Query APIs stay off, even with the password: the connector serves the Browser only.
    const auth = `Basic ${Buffer.from(`neo4j:${server.password}`).toString('base64')}`;
    const statement = JSON.stringify({ statements: [{ statement: 'RETURN 1' }] });
    for (const url of [`${origin}/db/neo4j/tx/commit`, `${origin}/db/neo4j/query/v2`]) {
      const answer = await get(url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: statement });
      expect(answer.status, url).toBe(404);
    }
  });

  it('refuses a wrong password, then connects with the real one and counts the nodes, offline in Chromium', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('crash', () => problems.push('the page crashed'));
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (/Content Security Policy/.test(m.text())) refused.push(m.text());
      else if (!/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(server.browserUrl!);
    expect(await connect(page, 'not-the-password')).toContain('Neo.ClientError.Security.Unauthorized');
    expect(await page.getByText('You are connected as user neo4j').count()).toBe(0);

    // Neo4j locks the user for a few seconds after failed logins; the Browser says so, and the next try gets in.
    let said = await connect(page, server.password);
    for (let attempt = 1; /AuthenticationRateLimit/.test(said) && attempt < 20; attempt++) {
      await page.waitForTimeout(1_000);
      said = await connect(page, server.password);
    }
    expect(said).toContain('You are connected as user neo4j');

    await page.getByTestId('activeEditor').click();
    await page.keyboard.type('MATCH (n) RETURN count(n) AS nodes, 1 AS one');
    await page.getByTestId('editor-Run').click();
    const result = page.getByTestId('frame').filter({ hasText: 'MATCH (n) RETURN count(n) AS nodes, 1 AS one' }).first();
    await result.getByText('nodes', { exact: true }).first().waitFor({ timeout: 60_000 });
    const text = await result.innerText();
    expect(text).toMatch(/\bnodes\s+one\s+1\s+3\s+1\b/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'neo4j-browser-connected.png') });

    // The page's policy keeps the Browser's analytics, feedback widget and web fonts from even being asked for.
    expect(elsewhere).toEqual([]);
    expect(refused.some((t) => t.includes('https://cdn.segment.com/'))).toBe(true);
    expect(problems).toEqual([]);
  }, 180_000);
});
