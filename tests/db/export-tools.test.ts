// Exports opened in the tools users already have: Gephi's own importer (gephi-toolkit from Maven Central), and the
// NetworkX and igraph that Debian ships (python3-networkx 2.8, python3-igraph 0.10; .ci/run installs them).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../store/neo4j.ts';
import { readExportData, writeExport, type ExportData, type ExportFormat } from '../../api/export.ts';
import { isoOf, parseWhen } from '../../core/dates.ts';
import { javaTool, type JavaTool } from '../support/java-tool.ts';

const run = promisify(execFile);
let driver: Driver;
let data: ExportData;
let dir: string;
let gephi: JavaTool;

/** Writes one export format into the temp folder and returns its path. */
function exported(format: ExportFormat): string {
  const [file] = writeExport(format, data);
  const where = path.join(dir, `${format}-${file.name}`);
  writeFileSync(where, file.text);
  return where;
}

beforeAll(async () => {
  driver = createDriver(inject('neo4jUri'), { neo4jUser: inject('neo4jUser'), neo4jPassword: inject('neo4jPassword') });
  const session = driver.session();
  try {
    data = await session.executeRead((tx) => readExportData(tx, null));
  } finally {
    await session.close();
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-tools-'));
  gephi = await javaTool('gephi');
}, 600_000);

afterAll(async () => {
  await driver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface GephiEdge { id: string; source: string; target: string; type: string; intervals: string }

async function openInGephi(file: string, mode: 'default' | 'keep-parallel') {
  const out = await gephi.main('org.backchannel.gephi.GephiImport', [file, mode]);
  const lines = out.trim().split('\n').map((l) => l.split('\t'));
  const nodes = Number(lines.find((l) => l[0] === 'nodes')![1]);
  const edges: GephiEdge[] = lines.filter((l) => l[0] === 'edge').map(([, id, source, target, type, intervals]) => ({ id, source, target, type, intervals }));
  return { nodes, edges };
}

describe('Gephi (gephi-toolkit 0.10.1)', () => {
  it('imports every link of the GEXF as its own edge, with its link type and its dates, when parallel edges are kept', async () => {
    const file = exported('gexf');
    const graphBounds = /<graph [^>]*start="([^"]+)" end="([^"]+)"/.exec(writeExport('gexf', data)[0].text)!;
    const { nodes, edges } = await openInGephi(file, 'keep-parallel');
    expect(nodes).toBe(data.dataset.nodes.length);
    expect(edges.length).toBe(data.dataset.links.length);
    const byId = new Map(edges.map((e) => [e.id, e]));
    for (const l of data.dataset.links) {
      const w = l.when ? parseWhen(l.when) : undefined;
      const interval = w ? `${Number.isFinite(w.startMin) ? isoOf(w.startMin) : graphBounds[1]}/${Number.isFinite(w.endMax) ? isoOf(w.endMax) : graphBounds[2]}` : '';
      expect(byId.get(l.id), l.id).toEqual({ id: l.id, source: l.from, target: l.to, type: l.type, intervals: interval });
    }
    // Beilin both took part in and mentored the Oslo channel: two edges Gephi tells apart by type.
    const beilinOslo = edges.filter((e) => e.source === 'person/yossi-beilin' && e.target === 'channel/oslo-1992').map((e) => e.type).sort();
    expect(beilinOslo).toEqual(data.dataset.links.filter((l) => l.from === 'person/yossi-beilin' && l.to === 'channel/oslo-1992').map((l) => l.type).sort());
    expect(beilinOslo).toContain('MENTORED');
  });

  it('keeps links of different types apart even with the default import (only same-type repeats are merged)', async () => {
    const { edges } = await openInGephi(exported('gexf'), 'default');
    const pairs = new Set(data.dataset.links.map((l) => `${l.from}>${l.to}:${l.type}`));
    expect(new Set(edges.map((e) => `${e.source}>${e.target}:${e.type}`))).toEqual(pairs);
  });
});

describe("Debian's NetworkX and igraph", () => {
  const python = '/usr/bin/python3';
  async function py(script: string, ...args: string[]) {
    const { stdout } = await run(python, ['-c', script, ...args], { maxBuffer: 64 << 20 });
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  it('NetworkX 2.8 reads the GraphML and the GEXF 1.2 export with every node, link and link type', async () => {
    const result = await py(`
import json, sys, networkx as nx
out = {'version': nx.__version__}
for name, g in (('graphml', nx.read_graphml(sys.argv[1])), ('gexf', nx.read_gexf(sys.argv[2]))):
    edges = list(g.edges(keys=True, data=True))
    out[name] = {'nodes': g.number_of_nodes(), 'edges': len(edges), 'multigraph': g.is_multigraph(),
                 'types': sorted({d.get('type') for _, _, _, d in edges if d.get('type')}),
                 'beilin': g.nodes['person/yossi-beilin'].get('label')}
print(json.dumps(out))`, exported('graphml'), exported('gexf12'));
    expect(result.version).toMatch(/^2\.8/);
    const expected = {
      nodes: data.dataset.nodes.length, edges: data.dataset.links.length, multigraph: true,
      types: [...new Set(data.dataset.links.map((l) => l.type))].sort(), beilin: 'Yossi Beilin',
    };
    expect(result.graphml).toEqual(expected);
    expect(result.gexf).toEqual(expected);
  });

  it('igraph reads the GraphML export with every node and link, directed, with the link type on each edge', async () => {
    const result = await py(`
import json, sys, igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
print(json.dumps({'nodes': g.vcount(), 'edges': g.ecount(), 'directed': g.is_directed(),
                  'types': sorted(set(g.es['type']))}))`, exported('graphml'));
    expect(result).toEqual({
      nodes: data.dataset.nodes.length, edges: data.dataset.links.length, directed: true,
      types: [...new Set(data.dataset.links.map((l) => l.type))].sort(),
    });
  });
});
