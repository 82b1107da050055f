// Before an offline import: how many nodes of any label the database holds (it must hold none: its files are replaced).
// params: {}
MATCH (n)
RETURN count(n) AS nodes
