// A saved story's revisions, newest first: who saved which version when (the story's own audit trail).
// params: {id: 'story/example-lesson', limit: 20}
MATCH (r:StoryRevision {story: $id})
RETURN r.version AS version, r.at AS at, r.actor AS actor, r.title AS title
ORDER BY r.version DESC
LIMIT toInteger($limit)
