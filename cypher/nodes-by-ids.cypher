// Nodes by id, for the per-parent loaders (one round trip for many ids).
// params: {ids: ['person/yossi-beilin', 'channel/oslo-1992']}
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS node
