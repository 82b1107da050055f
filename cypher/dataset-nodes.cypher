// Every live node with all its stored properties, for exports and for merging an import or an edit.
// params: {}
MATCH (n:Entity)
RETURN properties(n) AS node
