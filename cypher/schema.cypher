// Schema: uniqueness of ids, lookup indexes, and the full-text index over names and aliases.
// Idempotent: every statement uses IF NOT EXISTS. Statements are separated by semicolons.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT government_id IF NOT EXISTS FOR (n:Government) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT channel_id IF NOT EXISTS FOR (n:Channel) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (d:Dataset) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT story_id IF NOT EXISTS FOR (s:Story) REQUIRE s.id IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX link_id_participated_in IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.id);
CREATE INDEX link_id_mentored IF NOT EXISTS FOR ()-[r:MENTORED]-() ON (r.id);
CREATE INDEX link_id_initiated IF NOT EXISTS FOR ()-[r:INITIATED]-() ON (r.id);
CREATE INDEX link_id_sponsored IF NOT EXISTS FOR ()-[r:SPONSORED]-() ON (r.id);
CREATE INDEX link_id_facilitated IF NOT EXISTS FOR ()-[r:FACILITATED]-() ON (r.id);
CREATE INDEX link_id_hosted IF NOT EXISTS FOR ()-[r:HOSTED]-() ON (r.id);
CREATE INDEX link_id_reported_to IF NOT EXISTS FOR ()-[r:REPORTED_TO]-() ON (r.id);
CREATE INDEX link_id_briefed IF NOT EXISTS FOR ()-[r:BRIEFED]-() ON (r.id);
CREATE INDEX link_id_carried_document_to IF NOT EXISTS FOR ()-[r:CARRIED_DOCUMENT_TO]-() ON (r.id);
CREATE INDEX link_id_advised IF NOT EXISTS FOR ()-[r:ADVISED]-() ON (r.id);
CREATE INDEX link_id_held_office IF NOT EXISTS FOR ()-[r:HELD_OFFICE]-() ON (r.id);
CREATE INDEX link_id_affiliated_with IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.id);
CREATE INDEX link_id_part_of IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX link_id_produced IF NOT EXISTS FOR ()-[r:PRODUCED]-() ON (r.id);
CREATE INDEX link_id_led_to IF NOT EXISTS FOR ()-[r:LED_TO]-() ON (r.id);
CREATE INDEX link_id_met IF NOT EXISTS FOR ()-[r:MET]-() ON (r.id);
CREATE INDEX link_id_attended IF NOT EXISTS FOR ()-[r:ATTENDED]-() ON (r.id);
CREATE INDEX link_id_session_of IF NOT EXISTS FOR ()-[r:SESSION_OF]-() ON (r.id);
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliasText, n.searchKey]
  OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
