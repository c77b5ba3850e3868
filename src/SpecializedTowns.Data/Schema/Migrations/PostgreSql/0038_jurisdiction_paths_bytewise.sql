-- Version 38: the places at or below a jurisdiction (an office's scope, a place filter) as one range of paths compared
-- byte by byte (UserScope.CountiesUnder): "under 山西省/" is from '山西省/' up to '山西省0'. This index holds the paths in
-- that order whatever the database's locale; LIKE '山西省/%' reads the whole table unless the database is in the C locale,
-- which with 44,059 jurisdictions (national scale) cost every scoped query of a province office 5–40 ms.
-- Never edit a released step: add a new one.

CREATE INDEX ix_jurisdictions_path_c ON jurisdictions (path COLLATE "C");
