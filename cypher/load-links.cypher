// Creates one batch of links; the relationship type comes from the row (validated against the allow-list).
// params: {rows: [{type: 'MET', from: 'person/a', to: 'person/b', props: {id: 'MET:person/a>person/b@1990'}}]}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
