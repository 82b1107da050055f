// Saves a story made in the web UI (origin 'saved') if it is still at the version the caller read, and records the
// revision; a curated story's id, or a story changed since (another version), gives no row.
// params: {id: 'story/example-lesson', expected: null, author: 'alice (token 0123abcd)', authorToken: '0123abcd0123abcd', storyJson: '{}', props: {title: 'Example', audience: 'Anyone', stepsJson: '[]', stepCount: 0, citationCount: 0, savedAt: '2026-01-01T00:00:00Z', savedBy: 'alice (token 0123abcd)', datasetVersion: 'abc'}}
MERGE (s:Story {id: $id})
  ON CREATE SET s.origin = 'saved', s.createdAt = $props.savedAt, s.version = 0
WITH s
WHERE s.origin = 'saved' AND coalesce(s.version, 1) = coalesce($expected, 0)
SET s.authorToken = CASE WHEN s.author IS NULL THEN $authorToken ELSE s.authorToken END,
    s.author = coalesce(s.author, s.savedBy, $author)
SET s += $props, s.version = coalesce(s.version, 1) + 1
CREATE (r:StoryRevision {story: s.id, version: s.version, at: $props.savedAt, actor: $author, title: s.title, storyJson: $storyJson})
RETURN properties(s) AS story
