-- Version 38: the places at or below a jurisdiction as one range of paths compared byte by byte
-- (UserScope.CountiesUnder). SQLite compares bytes already and reads that range from ix_jurisdictions_path; this index,
-- the same columns, is PostgreSQL's "C"-collated one, kept here so that both providers hold the one model (a few
-- thousand rows, written only when the jurisdictions are loaded).
-- Never edit a released step: add a new one.

CREATE INDEX "ix_jurisdictions_path_c" ON "jurisdictions" ("path");
