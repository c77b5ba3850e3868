-- Version 51: a 专班月报's 困难问题 turned into a 问题台账 entry (转入问题台账) remembers the problem, so that it is raised once
-- and the report and the problem name each other. Looked up from the problem's page by the index.
-- Never edit a released step: add a new one.

ALTER TABLE monthly_reports ADD COLUMN problem_id integer;

CREATE INDEX ix_monthly_reports_problem ON monthly_reports (problem_id);
