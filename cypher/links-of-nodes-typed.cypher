// The links of given types touching each of the given nodes (offices, roles, sessions): dense nodes expand only those types.
// params: {ids: ['person/yossi-beilin'], types: ['HELD_OFFICE']}
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r:$any($types)]-(m:Entity)
WHERE r.id IS NOT NULL
RETURN id AS owner, properties(r) AS link, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to
