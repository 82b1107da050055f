// One API token's hash and role by its public id, for checking a bearer token.
// params: {id: '0123abcd'}
MATCH (t:ApiToken {id: $id})
RETURN t.id AS id, t.name AS name, t.role AS role, t.hash AS hash, t.revokedAt AS revokedAt
