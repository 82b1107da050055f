// What a story may name: every live node (id, kind, name, aliases, for suggestions) and every live link id.
// params: {}
CALL () {
  MATCH (n:Entity)
  RETURN collect({id: n.id, kind: n.kind, name: n.name, aliases: coalesce(n.aliases, [])}) AS nodes
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  WHERE r.id IS NOT NULL
  RETURN collect(r.id) AS links
}
RETURN nodes, links
