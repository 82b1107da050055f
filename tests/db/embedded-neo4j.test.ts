// Starts the real embedded Neo4j on a free port, talks Bolt to it, proves it is closed to anyone without its
// password (and to web pages: no Bolt over WebSocket), and checks stop() leaves no JVM behind.
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { launcherBlockedPorts } from '../support/blocked-ports.ts';
import { passwordFile, readEmbeddedPassword, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../neo4j/embedded.ts';

/** What a web page's `new WebSocket('ws://127.0.0.1:7687')` sends first: an HTTP upgrade request. */
function webSocketUpgrade(port: number): Promise<{ upgraded: boolean; status?: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: '/',
      headers: {
        Connection: 'Upgrade', Upgrade: 'websocket', Origin: 'http://evil.example',
        'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ upgraded: true, status: res.statusCode, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ upgraded: false, status: res.statusCode, body }));
    });
    req.on('error', (e) => resolve({ upgraded: false, body: e.message }));
    req.setTimeout(15_000, () => reject(new Error('no answer to the upgrade request within 15 s')));
    req.end();
  });
}

/** Every TCP port the process listens on, read from /proc (Linux): the announced one and any Neo4j opened itself. */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // a descriptor closed while we read
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT, st 0A is LISTEN, the inode is the tenth field.
      if (f.length > 9 && f[3] === '0A' && inodes.has(f[9]!)) ports.add(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** The ports the launcher hides Neo4j's listener on; tests/browser/blocked-ports.test.ts proves Chromium refuses each. */
const BROWSER_BLOCKED = launcherBlockedPorts();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded Neo4j', () => {
  let dataDir: string;
  let server: EmbeddedNeo4j;
  let driver: Driver;

  // The first run may build the launcher with Maven and download Neo4j, hence the long timeout.
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'backchannel-neo4j-'));
    server = await startEmbeddedNeo4j({ dataDir, heap: '512m', log: (l) => process.stderr.write(`${l}\n`) });
    driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
  }, 600_000);

  afterAll(async () => {
    await driver?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('listens on loopback at the port it reports', () => {
    expect(server.uri).toBe(`bolt://127.0.0.1:${server.port}`);
    expect(alive(server.pid)).toBe(true);
  });

  // The first query warms up Cypher in a cold JVM: seconds on a busy 2-core box, hence the timeout.
  it('answers RETURN 1 with the password it made at first start', async () => {
    const { records } = await driver.executeQuery('RETURN 1 AS one');
    expect(records[0]?.get('one').toNumber()).toBe(1);
  }, 60_000);

  it('creates and reads a node', async () => {
    await driver.executeQuery('CREATE (:Probe {name: $name})', { name: 'embedded' });
    const { records } = await driver.executeQuery('MATCH (p:Probe) RETURN p.name AS name');
    expect(records.map((r) => r.get('name'))).toEqual(['embedded']);
  }, 60_000);

  it('keeps its random password in a file only this user can read', () => {
    expect(server.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(readEmbeddedPassword(dataDir)).toBe(server.password);
    expect(statSync(passwordFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('refuses a driver without the password, or with a wrong one', async () => {
    for (const auth of [undefined, neo4j.auth.basic('neo4j', 'neo4j'), neo4j.auth.basic('neo4j', `${server.password}x`)]) {
      const stranger = neo4j.driver(server.uri, auth);
      try {
        await expect(stranger.executeQuery("MATCH (t:ApiToken) RETURN t.hash")).rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
      } finally {
        await stranger.close();
      }
    }
  }, 60_000);

  it('refuses a WebSocket upgrade on the Bolt port, so no web page can reach the database', async () => {
    const answer = await webSocketUpgrade(server.port);
    expect(answer.upgraded).toBe(false);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('WebSocket');
    // The front door still lets real Bolt clients in after turning the page away.
    const { records } = await driver.executeQuery('RETURN 2 AS two');
    expect(records[0]?.get('two').toNumber()).toBe(2);
  }, 60_000);

  it('leaves no TCP port a web page could open a WebSocket to: Chromium cannot reach the Bolt port nor the listener Neo4j insists on', async () => {
    const ports = listeningPorts(server.pid);
    expect(ports).toContain(server.port);
    // Neo4j's own TCP listener (it answers Bolt over WebSocket) sits on a port every browser refuses.
    const hidden = ports.filter((p) => p !== server.port);
    expect(hidden.length).toBeGreaterThan(0);
    for (const p of hidden) expect(BROWSER_BLOCKED).toContain(p);
    // The attack's page: another local site (as a dev server on this machine would be), opened in Chromium.
    const site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>another site</title>'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const { browser, context } = await launchBrowser();
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${(site.address() as { port: number }).port}/`);
      for (const p of ports) {
        const outcome = await page.evaluate((port) => new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/`, []);
          ws.onopen = () => { ws.close(); resolve('open'); };
          ws.onerror = () => resolve('refused');
          setTimeout(() => resolve('no answer'), 10_000);
        }), p);
        expect(`${p}: ${outcome}`).toBe(`${p}: refused`);
      }
    } finally {
      await browser.close();
      site.close();
    }
  }, 120_000);

  it('stops cleanly, idempotently, and the JVM is gone', async () => {
    await driver.close();
    const pid = server.pid;
    await Promise.all([server.stop(), server.stop()]);
    await server.stop();
    expect(alive(pid)).toBe(false);
  }, 60_000);
});
