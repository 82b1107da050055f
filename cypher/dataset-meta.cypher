// Dataset meta: the loaded dataset's version, counts and load time.
// params: {}
MATCH (d:Dataset {id: 'current'})
RETURN d.version AS version, d.sequence AS sequence, d.loadedAt AS loadedAt, d.counts AS counts,
       d.citedShare AS citedShare, d.datedShare AS datedShare, d.seedVersion AS seedVersion
