// Audit entries after version $from up to version $to, oldest first: what changed between two versions.
// params: {from: 1, to: 3}
MATCH (a:AuditEntry)
WHERE a.sequence > $from AND a.sequence <= $to
RETURN a.sequence AS sequence, a.at AS at, a.actor AS actor, a.action AS action, a.summary AS summary,
       a.changesJson AS changesJson, a.detailed AS detailed, a.revertOf AS revertOf, a.revertedBy AS revertedBy,
       a.versionBefore AS versionBefore, a.versionAfter AS versionAfter
ORDER BY a.sequence ASC
