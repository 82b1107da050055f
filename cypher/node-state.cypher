// Whether an id names a live node, a retired one, or nothing.
// params: {id: 'person/example'}
OPTIONAL MATCH (live:Entity {id: $id})
OPTIONAL MATCH (retired:Retired {id: $id})
RETURN live IS NOT NULL AS live, retired IS NOT NULL AS retired
