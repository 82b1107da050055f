// The version history, newest first: sequence number, content hash, when, by whom, what.
// params: {limit: 50}
MATCH (v:DatasetVersion)
RETURN v.sequence AS sequence, v.version AS version, v.at AS at, v.actor AS actor, v.summary AS summary
ORDER BY v.sequence DESC
LIMIT toInteger($limit)
