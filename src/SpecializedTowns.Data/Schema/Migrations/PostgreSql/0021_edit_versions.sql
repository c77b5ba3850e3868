-- Version 20: an edit-form version on the records people edit in forms (专业镇, 企业, 重点项目, 重点任务, 月报): a save
-- made against a version somebody else has since moved on is refused with a conflict message, nothing overwritten.
-- Hand-written. Never edit a released step: add a new one.

ALTER TABLE specialized_towns ADD COLUMN version integer NOT NULL DEFAULT 0;

ALTER TABLE enterprises ADD COLUMN version integer NOT NULL DEFAULT 0;

ALTER TABLE key_projects ADD COLUMN version integer NOT NULL DEFAULT 0;

ALTER TABLE plan_tasks ADD COLUMN version integer NOT NULL DEFAULT 0;

ALTER TABLE monthly_reports ADD COLUMN version integer NOT NULL DEFAULT 0;
