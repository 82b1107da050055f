// Links by id, for path hops and permalinks: one index seek per relationship type (types cannot be parameters).
// params: {ids: ['link/beilin-deputy-foreign-minister']}
UNWIND $ids AS id
CALL (id) {
  MATCH (a:Entity)-[r:PARTICIPATED_IN {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:MENTORED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:INITIATED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:SPONSORED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:FACILITATED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:HOSTED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:REPORTED_TO {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:BRIEFED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:CARRIED_DOCUMENT_TO {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:ADVISED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:HELD_OFFICE {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:AFFILIATED_WITH {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:PART_OF {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:PRODUCED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:LED_TO {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:MET {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:ATTENDED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:SESSION_OF {id: id}]->(b:Entity) RETURN r, a, b
}
RETURN properties(r) AS link, type(r) AS type, a.id AS from, b.id AS to
