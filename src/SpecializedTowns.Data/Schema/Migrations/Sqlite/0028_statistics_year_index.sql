-- Version 28: 储备培育 offers the years that have enterprise statistics. With this index the few years are found by
-- stepping from one to the next (ClusterQueries.YearsAsync), not by reading every enterprise's statistics of every year
-- (province: 900,000 rows, 0.1 s on each page).
-- Never edit a released step: add a new one.

CREATE INDEX "ix_enterprise_annual_statistics_year" ON "enterprise_annual_statistics" ("year");
