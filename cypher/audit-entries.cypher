// The audit trail, newest first: who changed what, when; `before` pages back from a sequence number.
// params: {before: null, limit: 20}
MATCH (a:AuditEntry)
WHERE $before IS NULL OR a.sequence < $before
RETURN a.sequence AS sequence, a.at AS at, a.actor AS actor, a.action AS action, a.summary AS summary,
       a.changesJson AS changesJson, a.detailed AS detailed, a.revertOf AS revertOf, a.revertedBy AS revertedBy,
       a.versionBefore AS versionBefore, a.versionAfter AS versionAfter
ORDER BY a.sequence DESC
LIMIT toInteger($limit)
