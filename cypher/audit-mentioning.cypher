// The audit entries whose recorded changes mention an id (a purge rewrites them), oldest first.
// params: {id: 'person/example'}
MATCH (a:AuditEntry)
WHERE a.changesJson CONTAINS $id
RETURN a.sequence AS sequence, a.changesJson AS changesJson
ORDER BY a.sequence ASC
