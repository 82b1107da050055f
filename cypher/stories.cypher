// Every story: the curated ones (seed/stories) first, then those saved through the API, each by title.
// params: {}
MATCH (s:Story)
RETURN properties(s) AS story
ORDER BY CASE s.origin WHEN 'seed' THEN 0 ELSE 1 END, s.title, s.id
