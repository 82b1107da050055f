// Creates or replaces one batch of nodes by id: the :Entity label, the kind label and every property.
// params: {rows: [{id: 'person/example', kind: 'Person', props: {id: 'person/example', kind: 'Person', name: 'Example'}}]}
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.kind)
SET n = row.props
RETURN count(n) AS written
