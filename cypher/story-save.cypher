// Saves a story made in the web UI (origin 'saved'); a curated story's id is refused (no row comes back).
// params: {id: 'story/example-lesson', props: {title: 'Example', audience: 'Anyone', stepsJson: '[]', stepCount: 0, citationCount: 0, savedAt: '2026-01-01T00:00:00Z', savedBy: 'alice (token 0123abcd)', datasetVersion: 'abc'}}
MERGE (s:Story {id: $id})
  ON CREATE SET s.origin = 'saved', s.createdAt = $props.savedAt
WITH s
WHERE s.origin = 'saved'
SET s += $props
RETURN properties(s) AS story
