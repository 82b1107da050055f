// Records the loaded dataset's version, counts and load time; seedVersion marks it as loaded from seed/.
// params: {version: 'abc', counts: '{}', citedShare: 1, datedShare: 0.9, loadedAt: '2026-01-01T00:00:00Z'}
MERGE (d:Dataset {id: 'current'})
SET d.version = $version, d.counts = $counts, d.citedShare = $citedShare, d.datedShare = $datedShare,
    d.loadedAt = $loadedAt, d.seedVersion = $version, d.sequence = coalesce(d.sequence, 0) + 1
RETURN d.sequence AS sequence
