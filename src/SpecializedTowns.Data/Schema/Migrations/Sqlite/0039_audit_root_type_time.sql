-- Version 39: the audit page's filter by kind of record (重点项目 with its progress and stage changes) is one condition on
-- root_type (AuditQueries), read newest first from this index rather than walking the whole trail by time.
-- Never edit a released step: add a new one.

CREATE INDEX "ix_audit_entries_root_time" ON "audit_entries" ("root_type", "at_utc", "id");
