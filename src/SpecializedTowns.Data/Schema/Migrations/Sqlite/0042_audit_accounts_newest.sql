-- Version 42: a 操作人 filter over many entries reads each account named newest first (AuditQueries.NewestByAccountAsync)
-- and merges them. SQLite's indexes carry the row id already; the id is named to match the model (and PostgreSQL's).
-- Never edit a released step: add a new one.

DROP INDEX "ix_audit_entries_user";

CREATE INDEX "ix_audit_entries_user" ON "audit_entries" ("user_id", "at_utc", "id");
