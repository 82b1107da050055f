// The database's own identity (its store id and creation time): a snapshot file read from it is valid only here,
// since element ids mean nothing in another database, even one loaded with the same dataset version.
// params: {}
CALL db.info() YIELD id, name, creationDate
RETURN id AS id, name AS name, toString(creationDate) AS createdAt
