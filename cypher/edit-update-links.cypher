// Replaces the properties of existing links (same id, type and ends), one batch.
// params: {rows: [{id: 'MET:person/a>person/b@1990', from: 'person/a', to: 'person/b', props: {id: 'MET:person/a>person/b@1990', confidence: 'high'}}]}
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->(:Entity {id: row.to})
WHERE r.id = row.id
SET r = row.props
RETURN count(r) AS updated
