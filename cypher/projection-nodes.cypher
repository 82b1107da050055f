// The path engine's projection: every node with what the engine needs, and its stored properties (the API answers
// a node of this version from them instead of reading it again).
// params: {}
MATCH (n:Entity)
WHERE n.kind <> 'Source'
RETURN n.id AS id, n.kind AS kind, n.name AS name, n.side AS side, properties(n) AS props
