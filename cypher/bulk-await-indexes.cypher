// After an offline import: waits until every index (the schema's, built over the imported graph) is online.
// params: {seconds: 600}
CALL db.awaitIndexes($seconds)
