// The projection's links touching the given nodes (both directions), for an incremental update after those nodes changed.
// params: {ids: ['session/oslo-1993-borregaard']}
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m:Entity)
WHERE r.id IS NOT NULL
WITH DISTINCT r
MATCH (a:Entity)-[r]->(b:Entity)
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.when AS when, r.confidence AS confidence,
       r.outcome AS outcome, r.rank AS rank, r.title AS title, r.place AS place, r.about AS about, r.citationsJson AS citationsJson,
       r.note AS note, r.role AS role, r.side AS side, r.document AS document, r.disputesJson AS disputesJson, elementId(r) AS eid
