// One story by its id (story/oslo), with its steps as JSON.
// params: {id: 'story/oslo'}
MATCH (s:Story {id: $id})
RETURN properties(s) AS story
