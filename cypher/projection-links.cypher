// The path engine's projection: every link with its type, ends, date, confidence and citations, and its element id
// (so the API can read a link of this version again by a direct seek).
// params: {}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IS NOT NULL
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.when AS when, r.confidence AS confidence,
       r.outcome AS outcome, r.rank AS rank, r.title AS title, r.place AS place, r.about AS about, r.citationsJson AS citationsJson,
       elementId(r) AS eid
