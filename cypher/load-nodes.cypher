// Creates one batch of nodes: the common :Entity label plus the kind label, all properties from the row.
// params: {rows: [{id: 'person/example', kind: 'Person', props: {id: 'person/example', kind: 'Person', name: 'Example'}}]}
UNWIND $rows AS row
CREATE (n:Entity:$(row.kind))
SET n = row.props
