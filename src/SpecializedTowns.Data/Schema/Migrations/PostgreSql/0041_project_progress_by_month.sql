-- Version 41: the project library's card adds up a year's completed investment month by month (ProjectQueries.SummaryAsync)
-- from this index alone, in month order.
-- Never edit a released step: add a new one.

CREATE INDEX ix_project_progress_year_month ON project_progress (year, month, project_id, investment_completed_wan_yuan);
