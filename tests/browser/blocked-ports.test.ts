// The embedded launcher hides the TCP listener Neo4j insists on (it answers Bolt over WebSocket) on a port browsers
// refuse. This proves the list itself: a real WebSocket server on each of the launcher's ports, and a page from another
// local origin in Chromium that tries to open a WebSocket to it. A refusal by the browser must not even reach TCP.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { launcherBlockedPorts } from '../support/blocked-ports.ts';

/** A minimal RFC 6455 server: completes the handshake, and counts every TCP connection it is offered. */
interface Probe {
  port: number;
  connections: number;
  upgrades: number;
  close(): Promise<void>;
}

function listen(port: number): Promise<Probe | 'in use'> {
  const sockets = new Set<Socket>();
  const probe = { port, connections: 0, upgrades: 0 } as Probe;
  const server = http.createServer((_req, res) => res.writeHead(426).end());
  server.on('connection', (socket: Socket) => {
    probe.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket) => {
    probe.upgrades++;
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  });
  probe.close = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? resolve('in use') : reject(e)));
    server.listen(port, '127.0.0.1', () => {
      probe.port = (server.address() as AddressInfo).port;
      resolve(probe);
    });
  });
}

/** What the page's `new WebSocket('ws://127.0.0.1:<port>/')` comes to. */
function openFromPage(page: Page, port: number): Promise<string> {
  return page.evaluate((p) => new Promise<string>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${p}/`);
    ws.onopen = () => { ws.close(); resolve('open'); };
    ws.onerror = () => resolve('refused');
    setTimeout(() => resolve('no answer'), 10_000);
  }), port);
}

describe("the launcher's browser-blocked ports, against Chromium", () => {
  let browser: Browser;
  let page: Page;
  let site: http.Server;

  beforeAll(async () => {
    // The attack's page: another local site, as a dev server on this machine would be.
    site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>another site</title>'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const launched = await launchBrowser();
    browser = launched.browser;
    page = await launched.context.newPage();
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    site?.close();
  });

  it('opens a WebSocket to an ordinary port (the probe works)', async () => {
    const probe = await listen(0);
    if (probe === 'in use') throw new Error('port 0 cannot be in use');
    try {
      expect(await openFromPage(page, probe.port)).toBe('open');
      expect(probe.upgrades).toBe(1);
    } finally {
      await probe.close();
    }
  }, 30_000);

  it('refuses every port on the list before any TCP connection, with a WebSocket server listening there', async () => {
    const ports = launcherBlockedPorts();
    expect(ports.length).toBeGreaterThan(3);
    const outcomes: string[] = [];
    const busy: number[] = [];
    for (const port of ports) {
      const probe = await listen(port);
      if (probe === 'in use') {
        // Another process holds it (in the full suite, another test's Neo4j hides its listener here): the browser
        // must refuse it all the same, though no probe of ours can count the connections.
        busy.push(port);
        outcomes.push(`${port}: ${await openFromPage(page, port)}`);
        continue;
      }
      try {
        outcomes.push(`${port}: ${await openFromPage(page, port)}, ${probe.connections} TCP connections`);
      } finally {
        await probe.close();
      }
    }
    expect(outcomes).toEqual(ports.map((p) => (busy.includes(p) ? `${p}: refused` : `${p}: refused, 0 TCP connections`)));
    // Most of the list must have been probed with a server of ours, or the test proves little.
    expect(busy.length).toBeLessThan(ports.length / 2);
  }, 120_000);
});
