-- Version 50 (PostgreSQL only): an index of the enterprises' names by pairs of adjacent characters, for the enterprise list's
-- name search (EnterpriseNameIndex). On SQLite nothing changes: a province's 300,000 names are tested in ~100 ms there, within
-- the 150 ms of a page, and an index kept by SQLite would need its own triggers for renames and an FTS5 table beside them,
-- a second way of finding the same rows for no page that needs it. The search stays the plain “名称包含” test on SQLite.
-- Never edit a released step: add a new one.

SELECT 1;
