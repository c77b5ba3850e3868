-- Version 40: an office's audit page below the province reads each of its places newest first (AuditQueries.NewestByPlaceAsync)
-- and merges them. SQLite's indexes carry the row id already; the id is named to match the model (and PostgreSQL's).
-- Never edit a released step: add a new one.

DROP INDEX "ix_audit_entries_record_path";

CREATE INDEX "ix_audit_entries_record_path" ON "audit_entries" ("record_path", "at_utc", "id");

DROP INDEX "ix_audit_entries_actor_path";

CREATE INDEX "ix_audit_entries_actor_path" ON "audit_entries" ("actor_path", "at_utc", "id");
