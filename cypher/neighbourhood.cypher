// The links within $depth hops of a node, optionally of some types and valid somewhere in a window.
// Depth is bounded by the caller (1–3); day bounds are null for an open window.
// params: {"id": "person/yossi-beilin", "depth": 1, "types": null, "fromDay": null, "toDay": null, "limit": 500}
MATCH (start:Entity {id: $id})
CALL (start) {
  MATCH p = (start)-[rels*1..3]-(other:Entity)
  WHERE length(p) <= $depth
    AND all(r IN rels WHERE r.id IS NOT NULL
      AND ($types IS NULL OR type(r) IN $types)
      AND ($fromDay IS NULL OR r.toDay IS NULL OR r.toDay >= $fromDay)
      AND ($toDay IS NULL OR r.fromDay IS NULL OR r.fromDay <= $toDay))
  UNWIND rels AS r
  RETURN DISTINCT r
  LIMIT 20000
}
WITH DISTINCT r
LIMIT toInteger($limit)
RETURN properties(r) AS link, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to
