// The projection's links again, by id and ends (one node seek each): the changed links of one edit, for an incremental update.
// params: {rows: [{id: 'link/palme-prime-minister-1969', from: 'person/olof-palme', to: 'government/sweden'}]}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE r.id = row.id
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.when AS when, r.confidence AS confidence,
       r.outcome AS outcome, r.rank AS rank, r.title AS title, r.place AS place, r.about AS about, r.citationsJson AS citationsJson,
       r.note AS note, r.role AS role, r.side AS side, r.document AS document, r.disputesJson AS disputesJson, elementId(r) AS eid
