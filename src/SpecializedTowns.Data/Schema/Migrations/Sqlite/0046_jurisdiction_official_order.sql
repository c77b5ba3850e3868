-- Version 46: places in the official order of their division codes (GB/T 2260: 太原市, 大同市 … 吕梁市, a city's districts
-- first), not in the code-point order of their paths, which put 临汾市 first (PlaceOrder). official_order is a place's code,
-- else its path; 企业名录 over a province walks its counties in this order from the index and each county's enterprises
-- from ix_enterprises_county_id_role_name, as it walked them by path before, instead of sorting 300,000 rows for a page.
-- Virtual: SQLite cannot add a stored column, and the index keeps the values. Written as EF Core writes a computed column.
-- Never edit a released step: add a new one.

ALTER TABLE "jurisdictions" ADD "official_order" AS (COALESCE(code, path)) VIRTUAL;

CREATE INDEX "ix_jurisdictions_official_order" ON "jurisdictions" ("official_order");
