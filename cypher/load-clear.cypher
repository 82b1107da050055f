// Removes the previously loaded dataset (nodes and their links) inside the load's transaction.
// params: {}
MATCH (n:Entity)
DETACH DELETE n
