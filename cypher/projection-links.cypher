// The path engine's projection: every link with its type, ends, date, confidence and citations, and its element id
// (so the API can read a link of this version again by a direct seek); the evidence columns (note … disputesJson) let
// the API answer the link of this version without reading it again.
// params: {}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IS NOT NULL
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.when AS when, r.confidence AS confidence,
       r.outcome AS outcome, r.rank AS rank, r.title AS title, r.place AS place, r.about AS about, r.citationsJson AS citationsJson,
       r.note AS note, r.role AS role, r.side AS side, r.document AS document, r.disputesJson AS disputesJson, elementId(r) AS eid
