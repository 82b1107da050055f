// Stores a new API token: only its sha256 hash, never the token itself.
// params: {id: '0123abcd', name: 'alice', role: 'editor', hash: '00', createdAt: '2026-01-01T00:00:00Z', createdBy: 'cli'}
CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash, createdAt: $createdAt, createdBy: $createdBy})
RETURN t.id AS id, t.name AS name, t.role AS role, t.createdAt AS createdAt
