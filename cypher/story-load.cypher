// Replaces the curated stories (origin 'seed', from seed/stories) with the given ones; stories saved through the API stay.
// params: {ids: ['story/example'], rows: [{id: 'story/example', props: {id: 'story/example', origin: 'seed', title: 'Example', audience: 'Anyone', stepsJson: '[]', stepCount: 0, citationCount: 0}}]}
OPTIONAL MATCH (old:Story {origin: 'seed'})
WHERE NOT old.id IN $ids
DETACH DELETE old
WITH count(*) AS cleared
UNWIND $rows AS row
MERGE (s:Story {id: row.id})
SET s = row.props
RETURN count(s) AS loaded
