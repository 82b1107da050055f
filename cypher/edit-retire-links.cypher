// Retires links: the id moves to retiredId, so every live query (which needs r.id) stops seeing them; nothing is deleted.
// params: {rows: [{id: 'MET:person/a>person/b@1990', from: 'person/a', to: 'person/b'}], sequence: 2, at: '2026-01-01T00:00:00Z', actor: 'alice'}
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->(:Entity {id: row.to})
WHERE r.id = row.id
SET r.retiredId = r.id, r.id = null, r.retiredAt = $at, r.retiredBy = $actor, r.retiredIn = $sequence
RETURN count(r) AS retired
