// Records one change: the new dataset version (hash and next sequence number), its history entry and its audit entry.
// params: {version: 'abc', counts: '{}', citedShare: 1, datedShare: 1, at: '2026-01-01T00:00:00Z', actor: 'alice', action: 'import', summary: '1 node added', changesJson: '[]', detailed: true, revertOf: null}
MERGE (d:Dataset {id: 'current'})
WITH d, coalesce(d.sequence, 0) AS previous, d.version AS previousVersion, d.loadedAt AS previousAt
CALL (previous, previousVersion, previousAt) {
  WITH previous, previousVersion, previousAt
  WHERE previous > 0 AND previousVersion IS NOT NULL
  MERGE (p:DatasetVersion {sequence: previous})
    ON CREATE SET p.version = previousVersion, p.at = previousAt, p.actor = 'loader', p.summary = 'dataset loaded'
}
SET d.version = $version, d.counts = $counts, d.citedShare = $citedShare, d.datedShare = $datedShare,
    d.loadedAt = $at, d.sequence = previous + 1
CREATE (v:DatasetVersion {sequence: previous + 1, version: $version, at: $at, actor: $actor, summary: $summary, counts: $counts})
CREATE (a:AuditEntry {sequence: previous + 1, at: $at, actor: $actor, action: $action, summary: $summary,
                      changesJson: $changesJson, detailed: $detailed, revertOf: $revertOf,
                      versionBefore: previousVersion, versionAfter: $version})
WITH a, previous
OPTIONAL MATCH (reverted:AuditEntry {sequence: $revertOf})
SET reverted.revertedBy = previous + 1
RETURN previous + 1 AS sequence
