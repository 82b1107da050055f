// Issue 20: the incremental update of the engine's snapshot gives what a full rebuild from the new rows gives, and
// leaves the previous snapshot (still answering requests) as it was.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { snapshotOf, updateSnapshot, type Snapshot } from '../../store/snapshot.ts';
import type { Row } from '../../store/neo4j.ts';
import { referenceUpdateSnapshot } from '../support/reference-snapshot.ts';

const node = (id: string, kind: string, name: string): Row => ({ id, kind, name, side: null });
const link = (id: string, type: string, from: string, to: string, confidence = 'high', eid = `e-${id}`): Row => ({
  id, type, from, to, when: null, confidence, outcome: null, rank: null, title: null, place: null, about: null,
  citationsJson: JSON.stringify([{ source: 'source/x' }]), eid,
});
const session = (id: string, attendees: string[]): Row => ({ id, channelId: 'channel/ch', when: null, place: null, citationsJson: '[]', attendees });

/** What a snapshot holds, independent of the order its entries came in. */
function content(s: Snapshot) {
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  const sortedMap = (m: Map<string, string[]>) => [...m.entries()].map(([k, v]) => [k, [...v].sort()]).sort();
  return {
    version: s.version,
    nodes: [...s.nodes.entries()].sort(),
    links: byId(s.links.map((l, i) => ({ ...l, eid: s.elementIds[i] }))),
    sessions: byId(s.sessions),
    participants: sortedMap(s.participants),
    channelsOf: sortedMap(s.channelsOf),
    graph: { nodes: s.graph.nodes.length, links: s.graph.links.length, linkIds: [...s.graph.linkIndex.keys()].sort(), nodeIds: [...s.graph.nodeIndex.keys()].sort() },
  };
}

describe('updateSnapshot', () => {
  const beforeNodes = [node('person/a', 'Person', 'A'), node('person/b', 'Person', 'B'), node('person/c', 'Person', 'C'), node('channel/ch', 'Channel', 'Ch'), node('session/s', 'Session', 'S')];
  const beforeLinks = [
    link('link/l1', 'PARTICIPATED_IN', 'person/a', 'channel/ch'),
    link('link/l2', 'MET', 'person/b', 'person/c'),
    link('g/a-s', 'ATTENDED', 'person/a', 'session/s'),
    link('g/s-ch', 'SESSION_OF', 'session/s', 'channel/ch'),
  ];
  const beforeSessions = [session('session/s', ['person/a'])];
  // The edit: B renamed and now attends S, C retired (its MET link with it), l1 less certain, a new ADVISED link.
  const afterNodes = [node('person/a', 'Person', 'A'), node('person/b', 'Person', 'B renamed'), node('channel/ch', 'Channel', 'Ch'), node('session/s', 'Session', 'S')];
  const afterLinks = [
    link('link/l1', 'PARTICIPATED_IN', 'person/a', 'channel/ch', 'low', 'e-l1-new'),
    link('g/a-s', 'ATTENDED', 'person/a', 'session/s'),
    link('g/s-ch', 'SESSION_OF', 'session/s', 'channel/ch'),
    link('link/l3', 'ADVISED', 'person/a', 'person/b'),
    link('g/b-s', 'ATTENDED', 'person/b', 'session/s'),
    link('link/l4', 'PARTICIPATED_IN', 'person/b', 'channel/ch'),
  ];
  const afterSessions = [session('session/s', ['person/a', 'person/b'])];
  const touches = (ids: string[]) => (r: Row) => ids.includes(r.from as string) || ids.includes(r.to as string);

  it('gives what a full rebuild of the new rows gives, and leaves the previous snapshot as it was', () => {
    const prev = snapshotOf('v1', beforeNodes, beforeLinks, beforeSessions);
    const prevContent = content(prev);
    const nodeIds = ['person/b', 'person/c', 'session/s'];
    const linkIds = ['link/l1', 'link/l2', 'link/l3'];
    const updated = updateSnapshot(prev, 'v2', {
      nodeIds, linkIds, sessionIds: ['session/s'],
      nodeRows: afterNodes.filter((r) => nodeIds.includes(r.id as string)),
      // As Snapshots.updated reads them: the changed links by id, and every link of a changed node (duplicates and all).
      linkRows: [...afterLinks.filter((r) => linkIds.includes(r.id as string)), ...afterLinks.filter(touches(nodeIds))],
      sessionRows: afterSessions,
    });
    const full = snapshotOf('v2', afterNodes, afterLinks, afterSessions);
    expect(content(updated)).toEqual(content(full));
    expect(updated.participants.get('channel/ch')?.sort()).toEqual(['person/a', 'person/b']);
    expect(updated.nodes.get('person/b')?.name).toBe('B renamed');
    expect(updated.nodes.has('person/c')).toBe(false);
    expect(content(prev)).toEqual(prevContent);
  });

  it('keeps an unchanged link where it was, and puts a rewritten one in its old place', () => {
    const prev = snapshotOf('v1', beforeNodes, beforeLinks, beforeSessions);
    const updated = updateSnapshot(prev, 'v2', {
      nodeIds: [], linkIds: ['link/l1'], sessionIds: [], nodeRows: [], sessionRows: [],
      linkRows: [link('link/l1', 'PARTICIPATED_IN', 'person/a', 'channel/ch', 'low', 'e-l1-new')],
    });
    expect(updated.links.map((l) => l.id)).toEqual(prev.links.map((l) => l.id));
    expect(updated.links[0].confidence).toBe('low');
    expect(updated.elementIds[0]).toBe('e-l1-new');
    expect(updated.links[1]).toBe(prev.links[1]);
    expect(prev.links[0].confidence).toBe('high');
  });
});

describe('updateSnapshot on random edits', () => {
  const ids = ['person/a', 'person/b', 'person/c', 'person/d', 'channel/x', 'channel/y', 'government/g'];
  const kindOf = (id: string) => ({ person: 'Person', channel: 'Channel', government: 'Government' })[id.split('/')[0]]!;
  const types = ['PARTICIPATED_IN', 'MET', 'ADVISED', 'HELD_OFFICE', 'PARTICIPATED_IN', 'REPORTED_TO'];
  const linkArb = fc.record({ n: fc.nat(7), type: fc.constantFrom(...types), from: fc.nat(6), to: fc.nat(6), low: fc.boolean(), eid: fc.nat(3) });
  const rowOf = (l: { n: number; type: string; from: number; to: number; low: boolean; eid: number }): Row =>
    link(`link/l${l.n}`, l.type, ids[l.from], ids[l.to], l.low ? 'low' : 'high', `e${l.n}-${l.eid}`);
  const uniqueById = (rows: Row[]) => [...new Map(rows.map((r) => [r.id as string, r])).values()];
  /** What the order-sensitive consumers read: lists in order, participation lists per key in order, the graph's arrays. */
  const exact = (s: Snapshot) => ({
    nodes: [...s.nodes.entries()], links: s.links, elementIds: s.elementIds, sessions: s.sessions,
    participants: [...s.participants.entries()].sort((a, b) => a[0].localeCompare(b[0])),
    channelsOf: [...s.channelsOf.entries()].sort((a, b) => a[0].localeCompare(b[0])),
    graph: { ...Object.fromEntries(['linkOrder', 'arcTo', 'arcLink', 'inArc', 'outStart', 'linkConfidence', 'governmentNodes'].map((f) => [f, Array.from(s.graph[f as 'arcTo'])])), nodeIndex: [...s.graph.nodeIndex.entries()], linkIndex: [...s.graph.linkIndex.entries()] },
  });

  it('lists everything exactly as the rebuild from the edited lists did (tests/support/reference-snapshot.ts), version after version', () => {
    fc.assert(fc.property(
      fc.subarray(ids, { minLength: 2 }), fc.array(linkArb, { maxLength: 10 }),
      fc.array(fc.record({ nodes: fc.subarray(ids, { maxLength: 2 }), gone: fc.boolean(), links: fc.array(linkArb, { maxLength: 3 }), retire: fc.array(fc.nat(7), { maxLength: 2 }) }), { minLength: 1, maxLength: 4 }),
      (nodeIds, seedLinks, edits) => {
        let nodes = nodeIds.map((id) => node(id, kindOf(id), id));
        let links = uniqueById(seedLinks.map(rowOf)).filter((r) => nodeIds.includes(r.from as string) && nodeIds.includes(r.to as string));
        let snap = snapshotOf('v0', nodes, links, []);
        edits.forEach((e, k) => {
          // The database after the edit: changed nodes renamed or retired (with their links), links written or retired.
          const retiredNodes = e.gone ? e.nodes : [];
          nodes = [...nodes.filter((n) => !retiredNodes.includes(n.id as string)), ...e.nodes.filter((id) => !retiredNodes.includes(id) && !nodes.some((n) => n.id === id)).map((id) => node(id, kindOf(id), id))]
            .map((n) => (e.nodes.includes(n.id as string) ? { ...n, name: `${n.id} v${k}` } : n));
          const live = (r: Row) => nodes.some((n) => n.id === r.from) && nodes.some((n) => n.id === r.to);
          const written = uniqueById(e.links.map(rowOf)).filter(live);
          const retiredLinks = e.retire.map((n) => `link/l${n}`);
          links = [...links.filter((r) => !written.some((w) => w.id === r.id)).filter((r) => live(r) && !retiredLinks.includes(r.id as string)).map((r) => r), ...written];
          const delta = {
            nodeIds: e.nodes, linkIds: [...written.map((r) => r.id as string), ...retiredLinks], sessionIds: [],
            nodeRows: nodes.filter((n) => e.nodes.includes(n.id as string)),
            linkRows: [...written, ...links.filter((r) => e.nodes.includes(r.from as string) || e.nodes.includes(r.to as string))],
            sessionRows: [],
          };
          const before = exact(snap);
          const expected = referenceUpdateSnapshot(snap, `v${k + 1}`, delta);
          const updated = updateSnapshot(snap, `v${k + 1}`, delta);
          expect(exact(updated)).toEqual(exact(expected));
          expect(exact(snap)).toEqual(before);
          snap = updated;
        });
      },
    ), { numRuns: 1500 });
  });
});
