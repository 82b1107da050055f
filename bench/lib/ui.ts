// UI timing: bundles bench/ui (the web app's GraphCanvas + sceneElements) with Vite, serves it on loopback and
// times render + layout of 500, 2,000 and 5,000 elements in headless chromium.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyntheticGraph } from '../synthetic.ts';
import { LINK_TYPES } from '../../core/model.ts';
import { summarize, type Summary } from './stats.ts';
import type { UiEdge, UiNode } from '../ui/entry.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const UI_SRC = path.resolve(HERE, '../ui');
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface UiResult {
  layout: string;
  elements: number;
  nodes: number;
  edges: number;
  runs: number;
  summary?: Summary;
  sceneMs?: number;
  error?: string;
}

/** A connected subgraph of about `size` elements (nodes + edges): breadth-first from a hub with the links that reached
 *  each node, then further links among the taken nodes. */
export function subgraph(data: SyntheticGraph, size: number): { nodes: UiNode[]; edges: UiEdge[] } {
  const adjacency = new Map<string, number[]>();
  data.links.forEach((l, i) => {
    if (l.from === l.to) return;
    for (const end of [l.from, l.to]) {
      let list = adjacency.get(end);
      if (!list) adjacency.set(end, (list = []));
      list.push(i);
    }
  });
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const taken = new Set<string>();
  const edgeIds = new Set<number>();
  const queue = ['person/p0'];
  taken.add('person/p0');
  // Nodes make up ~40% of a neighbourhood view's elements; keep edges in proportion as we go.
  const nodeBudget = Math.round(size * 0.4);
  for (let head = 0; head < queue.length && taken.size < nodeBudget; head++) {
    for (const li of adjacency.get(queue[head]) ?? []) {
      const l = data.links[li];
      const other = l.from === queue[head] ? l.to : l.from;
      if (!taken.has(other)) {
        if (taken.size >= nodeBudget) break;
        taken.add(other);
        queue.push(other);
        // The link that reached a node comes with it, as in the app's neighbourhood views: no node is left isolated.
        edgeIds.add(li);
      }
    }
  }
  for (let i = 0; i < data.links.length && taken.size + edgeIds.size < size; i++) {
    const l = data.links[i];
    if (l.from !== l.to && taken.has(l.from) && taken.has(l.to)) edgeIds.add(i);
  }
  const nodes = [...taken].map((id) => {
    const n = byId.get(id)!;
    return { id, kind: n.kind, name: n.name, side: n.side };
  });
  const edges = [...edgeIds].map((i) => {
    const l = data.links[i];
    return { id: l.id, type: l.type, family: LINK_TYPES[l.type].family, from: l.from, to: l.to, confidence: l.confidence };
  });
  return { nodes, edges };
}

async function buildPage(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const { svelte } = await import('@sveltejs/vite-plugin-svelte');
  await build({
    root: UI_SRC,
    base: './',
    configFile: false,
    logLevel: 'error',
    plugins: [svelte({ configFile: false })],
    // Not minified: readable names in the profile; minifying does not change what the layout computes.
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false, chunkSizeWarningLimit: 5000 },
  });
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer(async (req, res) => {
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/index.html` });
  }));
}

export async function runUi(
  data: SyntheticGraph,
  opts: { outDir: string; sizes: number[]; runs: number; layouts: ('fcose' | 'dagre')[]; log: (l: string) => void; profileSize?: number; screenshotDir?: string },
): Promise<{ results: UiResult[]; chromium?: string; error?: string; profile?: { size: number; totalMs: number; hotspots: UiHotspot[] } }> {
  const pageDir = path.resolve(opts.outDir, 'ui-page');
  try {
    await buildPage(pageDir);
  } catch (err) {
    return { results: [], error: `could not bundle bench/ui with Vite: ${(err as Error).message}` };
  }
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve(path.resolve(pageDir));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const results: UiResult[] = [];
  let profile: { size: number; totalMs: number; hotspots: UiHotspot[] } | undefined;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(180_000);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    for (const layout of opts.layouts) {
      for (const size of opts.sizes) {
        const { nodes, edges } = subgraph(data, size);
        const times: number[] = [];
        let scene = 0;
        const result: UiResult = { layout, elements: nodes.length + edges.length, nodes: nodes.length, edges: edges.length, runs: 0 };
        try {
          // One unmeasured run (at the first size) warms up the JIT and the renderer.
          if (size === opts.sizes[0]) await page.evaluate(([n, e, l]) => (window as any).benchRender(n, e, l), [nodes, edges, layout] as const);
          for (let r = 0; r < opts.runs; r++) {
            const out = (await page.evaluate(([n, e, l]) => (window as any).benchRender(n, e, l), [nodes, edges, layout] as const)) as { totalMs: number; sceneMs: number };
            times.push(out.totalMs);
            scene += out.sceneMs;
          }
          result.runs = times.length;
          result.summary = summarize(times);
          result.sceneMs = Math.round((scene / times.length) * 10) / 10;
          if (opts.screenshotDir) {
            // The drawing as laid out by the last measured run, to check by eye that it stays readable.
            await page.evaluate(([n, e, l]) => (window as any).benchRender(n, e, l, true), [nodes, edges, layout] as const);
            await page.locator('#graph > div').screenshot({ path: path.join(opts.screenshotDir, `ui-${layout}-${size}.png`) });
          }
          opts.log(`  UI ${layout} ${result.elements} elements (${nodes.length} nodes, ${edges.length} edges): median ${result.summary.median} ms, max ${result.summary.max} ms over ${times.length} runs`);
        } catch (err) {
          result.error = (err as Error).message.split('\n')[0];
          opts.log(`  UI ${layout} ${size}: ${result.error}`);
        }
        results.push(result);
        if (opts.profileSize === size && !result.error) {
          // Where the time goes: the browser's own sampling profiler over one more run.
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
          await cdp.send('Profiler.start');
          await page.evaluate(([n, e, l]) => (window as any).benchRender(n, e, l), [nodes, edges, layout] as const);
          const { profile: raw } = (await cdp.send('Profiler.stop')) as unknown as { profile: RawProfile };
          profile = { size, ...hotspots(raw) };
          opts.log(`  UI profile (${layout}, ${size}): ${profile.hotspots.slice(0, 5).map((h) => `${h.fn} ${Math.round(h.share * 100)}%`).join(', ')}`);
        }
      }
    }
    return { results, chromium: browser.version(), profile };
  } finally {
    await browser.close();
    server.close();
  }
}

export interface UiHotspot { fn: string; where: string; selfMs: number; share: number }
interface RawProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time per function (minified bundle: names are kept by cytoscape's code for most hot functions). */
function hotspots(p: RawProfile): { totalMs: number; hotspots: UiHotspot[] } {
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, UiHotspot & { us: number }>();
  for (const node of p.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const fn = node.callFrame.functionName || '(anonymous)';
    const where = node.callFrame.url ? `${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}` : '';
    const key = `${fn}@${where}`;
    const slot = byFn.get(key) ?? { fn, where, selfMs: 0, share: 0, us: 0 };
    slot.us += us;
    byFn.set(key, slot);
  }
  const total = p.endTime - p.startTime;
  const list = [...byFn.values()].sort((a, b) => b.us - a.us).slice(0, 12)
    .map(({ fn, where, us }) => ({ fn, where, selfMs: Math.round(us / 100) / 10, share: Math.round((us / total) * 1000) / 1000 }));
  return { totalMs: Math.round(total / 1000), hotspots: list };
}
