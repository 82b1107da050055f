// Every API token (never its hash), newest first, for admins.
// params: {}
MATCH (t:ApiToken)
RETURN t.id AS id, t.name AS name, t.role AS role, t.createdAt AS createdAt, t.createdBy AS createdBy, t.revokedAt AS revokedAt
ORDER BY t.createdAt DESC
