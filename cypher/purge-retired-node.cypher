// Strips a retired node down to its id and retirement record, and the notes of its retired links; live nodes are untouched.
// params: {id: 'person/example', at: '2026-01-01T00:00:00Z', actor: 'alice (token 0123abcd)'}
MATCH (n:Retired {id: $id})
WHERE NOT n:Entity
SET n = {id: n.id, retiredAt: n.retiredAt, retiredBy: n.retiredBy, retiredIn: n.retiredIn, purgedAt: $at, purgedBy: $actor}
WITH n
OPTIONAL MATCH (n)-[r]-()
WHERE r.retiredId IS NOT NULL
SET r.note = null
RETURN n.id AS id, count(r) AS links
