// Restores stories from an export exactly as they were stored (curated and saved alike), with their revisions;
// a story already there with the same id is replaced, its old revisions with it.
// params: {rows: [{props: {id: 'story/example', origin: 'saved', title: 'Example', audience: 'Anyone', stepsJson: '[]', stepCount: 0, citationCount: 0, version: 1}, revisions: [{story: 'story/example', version: 1, at: '2026-01-01T00:00:00Z', actor: 'alice', title: 'Example', storyJson: '{}'}]}]}
UNWIND $rows AS row
MERGE (s:Story {id: row.props.id})
SET s = row.props
WITH s, row
OPTIONAL MATCH (old:StoryRevision {story: s.id})
DETACH DELETE old
WITH DISTINCT s, row
FOREACH (rev IN row.revisions | CREATE (r:StoryRevision) SET r = rev)
RETURN count(s) AS restored
