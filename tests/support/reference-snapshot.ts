// The incremental snapshot update as it was before engine/patch.ts: the edited lists rebuilt from the JS objects and
// buildGraph run on them. Slow (a pass over every link, a full buildGraph) and obviously right: the oracle that
// store/snapshot.ts updateSnapshot is compared with (tests/unit/snapshot-update.test.ts).
import type { GraphLink, GraphNode } from '../../engine/graph.ts';
import { graphLinkOf, graphNodeOf, sessionRecordOf } from '../../store/records.ts';
import { assemble, type Snapshot, type SnapshotDelta, type SessionRecord } from '../../store/snapshot.ts';

export function referenceUpdateSnapshot(prev: Snapshot, version: string, delta: SnapshotDelta): Snapshot {
  const nodes = new Map(prev.nodes);
  const changedNodes = new Set(delta.nodeIds);
  const fresh = new Map<string, GraphNode>();
  for (const r of delta.nodeRows) fresh.set(r.id as string, graphNodeOf(r));
  for (const id of changedNodes) {
    const node = fresh.get(id);
    if (node) nodes.set(id, node);
    else nodes.delete(id);
  }
  const replaced = new Map<string, { link: GraphLink; eid: string }>();
  for (const r of delta.linkRows) {
    const link = graphLinkOf(r);
    if (link && nodes.has(link.from) && nodes.has(link.to)) replaced.set(link.id, { link, eid: r.eid as string });
  }
  const changedLinks = new Set(delta.linkIds);
  const links: GraphLink[] = [];
  const elementIds: string[] = [];
  const placed = new Set<string>();
  for (let i = 0; i < prev.links.length; i++) {
    const old = prev.links[i];
    const stale = changedLinks.has(old.id) || changedNodes.has(old.from) || changedNodes.has(old.to) || replaced.has(old.id);
    if (!stale) {
      links.push(old);
      elementIds.push(prev.elementIds[i]);
      continue;
    }
    const now = replaced.get(old.id);
    if (now && !placed.has(old.id)) {
      links.push(now.link);
      elementIds.push(now.eid);
      placed.add(old.id);
    }
  }
  for (const [id, { link, eid }] of replaced) {
    if (placed.has(id)) continue;
    links.push(link);
    elementIds.push(eid);
  }
  const changedSessions = new Set(delta.sessionIds);
  const freshSessions = new Map(delta.sessionRows.map((r) => [r.id as string, sessionRecordOf(r)]));
  const sessions: SessionRecord[] = [];
  for (const s of prev.sessions) {
    if (!changedSessions.has(s.id)) sessions.push(s);
    else if (freshSessions.has(s.id)) {
      sessions.push(freshSessions.get(s.id)!);
      freshSessions.delete(s.id);
    }
  }
  sessions.push(...freshSessions.values());
  // The lists as a full build assembles them (participation maps, buildGraph): the rebuild updateSnapshot must equal.
  return { ...assemble(version, nodes, links, elementIds, sessions, performance.now()), builtMs: 0 };
}
