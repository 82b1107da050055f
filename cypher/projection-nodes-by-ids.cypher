// The projection's nodes again, by id: the changed nodes of one edit, for an incremental update of the snapshot.
// params: {ids: ['person/yossi-beilin', 'channel/oslo-1992']}
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.kind <> 'Source'
RETURN n.id AS id, n.kind AS kind, n.name AS name, n.side AS side, properties(n) AS props
