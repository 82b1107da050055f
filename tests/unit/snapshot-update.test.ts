// Issue 20: the incremental update of the engine's snapshot gives what a full rebuild from the new rows gives, and
// leaves the previous snapshot (still answering requests) as it was.
import { describe, expect, it } from 'vitest';
import { snapshotOf, updateSnapshot, type Snapshot } from '../../store/snapshot.ts';
import type { Row } from '../../store/neo4j.ts';

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
