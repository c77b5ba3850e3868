-- Version 33: 企业名录 sorted by output for a county or a city. The index of step 31 walks the whole province from the
-- largest down, so a county's last page read every enterprise above it (垣曲县: 1.2 s). By county, the county's own range
-- is already in order and a city's tens of thousands of rows are sorted.
-- Never edit a released step: add a new one.

CREATE INDEX "ix_enterprises_county_output_order" ON "enterprises" ("county_id", "output_order" DESC, "id");
