-- Version 34: which townships a town covers is marked in data_changes too (step 30). 储备培育 now keeps its ranked
-- candidates with the year, and whether a township–industry pair is already a town is read from these rows: a town
-- given another township would otherwise still be offered as a candidate until some other change.
-- Never edit a released step: add a new one.

CREATE TRIGGER data_changes_town_townships AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON specialized_town_townships
    FOR EACH STATEMENT EXECUTE FUNCTION data_changes_note();
