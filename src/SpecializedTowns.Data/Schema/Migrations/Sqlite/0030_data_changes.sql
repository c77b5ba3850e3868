-- Version 30: a mark of every change to what 储备培育 adds up (enterprises, their yearly figures and designations, the
-- towns, the jurisdictions), so that a web process may keep a year's sums until the data changes, whichever process or
-- command changed it. SQLite has one writer at a time, so one row whose id each written row moves on is enough (on
-- PostgreSQL the rows are appended instead). The mark is count(*) and max(id), as on PostgreSQL.
-- Never edit a released step: add a new one.

CREATE TABLE "data_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_data_changes" PRIMARY KEY
);

INSERT INTO "data_changes" ("id") VALUES (1);

CREATE TRIGGER data_changes_enterprises_insert AFTER INSERT ON enterprises
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_enterprises_update AFTER UPDATE ON enterprises
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_enterprises_delete AFTER DELETE ON enterprises
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_statistics_insert AFTER INSERT ON enterprise_annual_statistics
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_statistics_update AFTER UPDATE ON enterprise_annual_statistics
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_statistics_delete AFTER DELETE ON enterprise_annual_statistics
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_designations_insert AFTER INSERT ON enterprise_designations
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_designations_update AFTER UPDATE ON enterprise_designations
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_designations_delete AFTER DELETE ON enterprise_designations
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_towns_insert AFTER INSERT ON specialized_towns
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_towns_update AFTER UPDATE ON specialized_towns
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_towns_delete AFTER DELETE ON specialized_towns
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_jurisdictions_insert AFTER INSERT ON jurisdictions
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_jurisdictions_update AFTER UPDATE ON jurisdictions
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_jurisdictions_delete AFTER DELETE ON jurisdictions
BEGIN
    UPDATE data_changes SET id = id + 1;
END;
