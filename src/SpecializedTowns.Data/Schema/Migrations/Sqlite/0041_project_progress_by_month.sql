-- Version 41: the project library's card adds up a year's completed investment month by month (ProjectQueries.SummaryAsync)
-- from this index alone, testing each figure's project against the list's. Joined to the projects, SQLite looked up the
-- project and its county for each of the province's 88,000 figures of the year (75–93 ms; now 37–45). The project comes
-- before the month: SQLite, which keeps no statistics, also takes this index for a project's figures of its plan year
-- (ProjectQueries.CompletedInPlanYearAsync), and with the month second it read the whole year for each project.
-- Never edit a released step: add a new one.

CREATE INDEX "ix_project_progress_year_month" ON "project_progress" ("year", "project_id", "month", "investment_completed_wan_yuan");
