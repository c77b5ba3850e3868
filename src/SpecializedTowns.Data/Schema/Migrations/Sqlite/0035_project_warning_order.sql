-- Version 35: 重点项目库 in warning order (the most urgent level first, then the nearest next planned date, those without
-- one last) straight from an index. Each page sorted every project in scope: 20,000 for the province office, on every
-- list, every reminder bell and the projects API. next_in_order is the next planned date or the last day there is, so the
-- order is three plain columns, and every project has its row (step 26). Virtual: SQLite cannot add a stored column, and
-- the index keeps the values. Written as EF Core writes a computed column (no declared type; the value is the date's text).
-- Never edit a released step: add a new one.

ALTER TABLE "project_warnings" ADD "next_in_order" AS (COALESCE("next_planned_on", '9999-12-31')) VIRTUAL;

CREATE INDEX "ix_project_warnings_order" ON "project_warnings" ("level" DESC, "next_in_order", "project_id");
