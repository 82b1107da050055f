// Full-text search over names, aliases and transliteration keys (accent-insensitive analyzer). Lucene keeps only the
// best $candidates hits (a top-k collector), so a common prefix in a large graph does not pull every match into Cypher.
// params: {query: 'abu~ ala~', kinds: null, limit: 10, candidates: 30}
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: toInteger($candidates)}) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN properties(node) AS node, score
ORDER BY score DESC, node.name ASC
LIMIT toInteger($limit)
