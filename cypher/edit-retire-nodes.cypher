// Retires nodes: they lose :Entity and their kind label and become :Retired, hidden from search, paths and exports.
// params: {rows: [{id: 'person/example', kind: 'Person'}], sequence: 2, at: '2026-01-01T00:00:00Z', actor: 'alice'}
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
REMOVE n:Entity, n:$(row.kind)
SET n:Retired, n.retiredAt = $at, n.retiredBy = $actor, n.retiredIn = $sequence
RETURN count(n) AS retired
