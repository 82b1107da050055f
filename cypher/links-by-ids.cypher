// Links by id, for path hops and permalinks.
// params: {"ids": ["BRIEFED:person/yossi-beilin>person/shimon-peres@1993-02~"]}
UNWIND $ids AS id
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id = id
RETURN properties(r) AS link, type(r) AS type, a.id AS from, b.id AS to
