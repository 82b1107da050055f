// Entity counts per kind and the number of links, for /health.
// params: {}
MATCH (n:Entity)
WITH n.kind AS kind, count(*) AS total
RETURN collect({kind: kind, total: total}) AS kinds, COUNT { ()-[r]->() WHERE r.id IS NOT NULL } AS links
