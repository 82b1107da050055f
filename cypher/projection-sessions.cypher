// Sessions with their channel, date, place and attendees, for who-met-whom.
// params: {}
MATCH (s:Session)-[:SESSION_OF]->(c:Channel)
OPTIONAL MATCH (p:Person)-[:ATTENDED]->(s)
RETURN s.id AS id, c.id AS channelId, s.when AS when, s.place AS place, s.citationsJson AS citationsJson,
       collect(p.id) AS attendees
