// Replaces the recorded changes of audit entries (a purge of a retired entity's personal fields), one batch.
// params: {rows: [{sequence: 1, changesJson: '[]'}]}
UNWIND $rows AS row
MATCH (a:AuditEntry {sequence: row.sequence})
SET a.changesJson = row.changesJson
RETURN count(a) AS rewritten
