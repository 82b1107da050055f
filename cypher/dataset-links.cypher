// Every live link (retired links have no id) with its type, ends and stored properties.
// params: {}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IS NOT NULL
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS link
