// Every government, by name.
// params: {}
MATCH (g:Government)
RETURN properties(g) AS node
ORDER BY g.name
