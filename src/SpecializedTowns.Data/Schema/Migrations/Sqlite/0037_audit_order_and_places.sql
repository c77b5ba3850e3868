-- Version 37: the audit page at a province's size (one entry per enterprise an import brings in: hundreds of thousands).
-- Newest first is (at_utc, id): the entries of one import share their moment, and by time alone the page sorted all of
-- them. An office reads the entries of its people and of its records by place, compared as a range ("under
-- 山西省/运城市/"), which SQLite reads from an index where it does not for LIKE (its LIKE ignores case, the index does
-- not). The people's places get their own index, and so do the kinds of change
-- (修改 and 删除 are few among the 新增 of imports).
-- Never edit a released step: add a new one.

DROP INDEX "ix_audit_entries_at";

CREATE INDEX "ix_audit_entries_at" ON "audit_entries" ("at_utc", "id");

CREATE INDEX "ix_audit_entries_actor_path" ON "audit_entries" ("actor_path", "at_utc");

CREATE INDEX "ix_audit_entries_action" ON "audit_entries" ("action", "at_utc");
