-- Version 14: where each audited record lies (its root record's jurisdiction path), so an office reads the changes made to
-- its records by anybody, the province administrator included. Entries written before this step keep it empty: the table
-- is append-only (step 0013's triggers refuse UPDATE), so they stay visible by their author's jurisdiction only.
-- Never edit a released step: add a new one.

ALTER TABLE "audit_entries" ADD COLUMN "record_path" TEXT NULL;

CREATE INDEX "ix_audit_entries_record_path" ON "audit_entries" ("record_path", "at_utc");
