// Full-text search over names, aliases and transliteration keys (accent-insensitive analyzer).
// params: {"query": "abu~ ala~", "kinds": null, "limit": 10}
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN properties(node) AS node, score
ORDER BY score DESC, node.name ASC
LIMIT toInteger($limit)
