// After an offline import: gives these links of one type their empty list back (the importer stores no property for an empty field).
// params: {type: 'MET', key: 'citationSources', ids: ['MET:person/a>person/b@1990']}
UNWIND $ids AS id
MATCH ()-[r:$($type) {id: id}]->()
SET r[$key] = []
RETURN count(r) AS set
