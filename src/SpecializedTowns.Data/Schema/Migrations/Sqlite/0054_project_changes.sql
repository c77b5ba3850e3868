-- Version 54: a mark of every change to what the 重点项目库 summary cards add up (the projects, their monthly progress and
-- stored warnings, and what decides whose projects they are: the towns, the townships they cover, the jurisdictions),
-- so that a web process may keep a summary until the data changes, whichever process, command or psql session changed
-- it (ProjectSummaries). A province's card adds up the year's 88,000 monthly figures: 40–100 ms on SQLite each time.
-- Kept apart from data_changes (step 30): a project's monthly figure must not make 储备培育 add its year up again.
-- SQLite has one writer at a time: one row whose id each written row moves on, as data_changes.
-- Never edit a released step: add a new one.

CREATE TABLE "project_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_project_changes" PRIMARY KEY
);

INSERT INTO "project_changes" ("id") VALUES (1);

CREATE TRIGGER project_changes_projects_insert AFTER INSERT ON key_projects
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_projects_update AFTER UPDATE ON key_projects
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_projects_delete AFTER DELETE ON key_projects
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_progress_insert AFTER INSERT ON project_progress
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_progress_update AFTER UPDATE ON project_progress
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_progress_delete AFTER DELETE ON project_progress
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_warnings_insert AFTER INSERT ON project_warnings
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_warnings_update AFTER UPDATE ON project_warnings
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_warnings_delete AFTER DELETE ON project_warnings
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_jurisdictions_insert AFTER INSERT ON jurisdictions
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_jurisdictions_update AFTER UPDATE ON jurisdictions
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_jurisdictions_delete AFTER DELETE ON jurisdictions
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_towns_insert AFTER INSERT ON specialized_towns
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_towns_update AFTER UPDATE ON specialized_towns
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_towns_delete AFTER DELETE ON specialized_towns
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_town_townships_insert AFTER INSERT ON specialized_town_townships
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_town_townships_update AFTER UPDATE ON specialized_town_townships
BEGIN
    UPDATE project_changes SET id = id + 1;
END;

CREATE TRIGGER project_changes_town_townships_delete AFTER DELETE ON specialized_town_townships
BEGIN
    UPDATE project_changes SET id = id + 1;
END;
