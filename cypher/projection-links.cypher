// The path engine's projection: every link with its type, ends, date, confidence and citations.
// params: {}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IS NOT NULL
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.when AS when, r.confidence AS confidence,
       r.outcome AS outcome, r.rank AS rank, r.title AS title, r.place AS place, r.citationsJson AS citationsJson
