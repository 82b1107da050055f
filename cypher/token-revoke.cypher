// Revokes an API token (kept, marked revoked, for the record).
// params: {id: '0123abcd', at: '2026-01-01T00:00:00Z'}
MATCH (t:ApiToken {id: $id})
SET t.revokedAt = coalesce(t.revokedAt, $at)
RETURN t.id AS id, t.name AS name, t.role AS role, t.createdAt AS createdAt, t.createdBy AS createdBy, t.revokedAt AS revokedAt
