// The projection's sessions again, by id, with their channel and attendees: for an incremental update of the snapshot.
// params: {ids: ['session/oslo-1993-borregaard']}
UNWIND $ids AS id
MATCH (s:Session {id: id})-[:SESSION_OF]->(c:Channel)
OPTIONAL MATCH (p:Person)-[:ATTENDED]->(s)
RETURN s.id AS id, c.id AS channelId, s.when AS when, s.place AS place, s.citationsJson AS citationsJson,
       collect(p.id) AS attendees
