// Takes the write lock on the dataset meta node, so that imports and edits apply one after another.
// params: {at: '2026-01-01T00:00:00Z'}
MERGE (d:Dataset {id: 'current'})
SET d.lockedAt = $at
RETURN d.sequence AS sequence, d.version AS version
