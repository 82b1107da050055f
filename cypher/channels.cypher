// Every channel, oldest first.
// params: {}
MATCH (c:Channel)
RETURN properties(c) AS node
ORDER BY coalesce(c.fromDay, 1e9), c.name
