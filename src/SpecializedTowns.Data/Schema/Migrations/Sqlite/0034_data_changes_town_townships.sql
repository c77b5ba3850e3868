-- Version 34: which townships a town covers is marked in data_changes too (step 30). 储备培育 now keeps its ranked
-- candidates with the year, and whether a township–industry pair is already a town is read from these rows: a town
-- given another township would otherwise still be offered as a candidate until some other change.
-- Never edit a released step: add a new one.

CREATE TRIGGER data_changes_town_townships_insert AFTER INSERT ON specialized_town_townships
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_town_townships_update AFTER UPDATE ON specialized_town_townships
BEGIN
    UPDATE data_changes SET id = id + 1;
END;

CREATE TRIGGER data_changes_town_townships_delete AFTER DELETE ON specialized_town_townships
BEGIN
    UPDATE data_changes SET id = id + 1;
END;
