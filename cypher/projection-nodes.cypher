// The path engine's projection: every node with what the engine needs.
// params: {}
MATCH (n:Entity)
WHERE n.kind <> 'Source'
RETURN n.id AS id, n.kind AS kind, n.name AS name, n.side AS side
