// Links by Neo4j element id, known from the engine's snapshot of the same dataset version: one direct seek each.
// params: {eids: ['5:00000000-0000-0000-0000-000000000000:0']}
UNWIND $eids AS eid
MATCH (a:Entity)-[r]->(b:Entity)
WHERE elementId(r) = eid
RETURN properties(r) AS link, type(r) AS type, a.id AS from, b.id AS to
