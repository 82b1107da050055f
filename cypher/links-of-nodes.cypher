// Every link touching each of the given nodes, for the per-parent `links` fields.
// params: {ids: ['person/yossi-beilin']}
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m:Entity)
WHERE r.id IS NOT NULL
RETURN id AS owner, properties(r) AS link, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to
