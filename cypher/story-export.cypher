// Every story with its stored properties and, for saved lessons, every revision: what a full export restores.
// params: {}
MATCH (s:Story)
OPTIONAL MATCH (r:StoryRevision {story: s.id})
WITH s, r ORDER BY s.id, r.version
WITH s, collect(properties(r)) AS revisions
RETURN properties(s) AS story, revisions
ORDER BY s.id
