// After an offline import: gives these nodes their empty list back (the importer stores no property for an empty field).
// params: {key: 'aliases', ids: ['person/example-without-aliases']}
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n[$key] = []
RETURN count(n) AS set
