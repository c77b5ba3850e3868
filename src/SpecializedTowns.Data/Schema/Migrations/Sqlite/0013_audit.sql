-- Version 13: the audit trail (审计日志): one row per create, change or delete of a record, written with the change.
-- Append-only: the triggers below refuse UPDATE and DELETE, so not even a bug in the platform can rewrite history.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "audit_entries" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY AUTOINCREMENT,
    "at_utc" TEXT NOT NULL,
    "user_id" INTEGER NULL,
    "user_name" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "actor_path" TEXT NULL,
    "address" TEXT NULL,
    "action" INTEGER NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "entity_label" TEXT NULL,
    "root_type" TEXT NOT NULL,
    "root_id" TEXT NOT NULL,
    "changes" TEXT NOT NULL
);

CREATE INDEX "ix_audit_entries_at" ON "audit_entries" ("at_utc");

CREATE INDEX "ix_audit_entries_root" ON "audit_entries" ("root_type", "root_id", "at_utc");

CREATE INDEX "ix_audit_entries_type" ON "audit_entries" ("entity_type", "at_utc");

CREATE INDEX "ix_audit_entries_user" ON "audit_entries" ("user_id", "at_utc");

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, '审计日志只能追加，不能删除');
END;
