-- Version 22: indexes for a province of 300,000 enterprises. A town's registered enterprises are counted by role for every
-- recognition check, the dashboard and the 动态调整 page: with the role in the index the count reads the index alone,
-- and a town's page lists its enterprises by role and name straight from it.
-- The enterprise list is ordered by place, role and name: walking the counties in path order, each county's enterprises
-- come out of the index already ordered, so a page is read without sorting the whole province (it subsumes county_id).
-- Never edit a released step: add a new one.

DROP INDEX "ix_enterprises_specialized_town_id";
CREATE INDEX "ix_enterprises_specialized_town_id_role_name" ON "enterprises" ("specialized_town_id", "role", "name", "id");
DROP INDEX "ix_enterprises_county_id";
CREATE INDEX "ix_enterprises_county_id_role_name" ON "enterprises" ("county_id", "role", "name", "id");
