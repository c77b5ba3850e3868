-- Version 26: every key project has its row in project_warnings from the moment it is inserted, whatever inserts it (a
-- form, an import, a bulk load): a trigger adds the row marked out of date (basis ''), and a save that changes a project or
-- its progress marks its row out of date instead of deleting it (ProjectWarningStore). "Every level is today's" is then
-- "no row has another basis", which the index on basis answers at once; it was two counts of 20,000 rows (3–6 ms) before
-- every request that reads the warnings, the bell on every page among them.
-- pg_dump puts triggers after the data, so a restore adds no second row.
-- Never edit a released step: add a new one.

-- No project is inserted by another session between the filling below and the trigger taking over.
LOCK TABLE key_projects IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO project_warnings (project_id, level, next_planned_on, basis)
SELECT p.id, 0, NULL, '' FROM key_projects p WHERE NOT EXISTS (SELECT 1 FROM project_warnings w WHERE w.project_id = p.id);

CREATE INDEX ix_project_warnings_basis ON project_warnings (basis);

CREATE FUNCTION project_warnings_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO project_warnings (project_id, level, next_planned_on, basis) SELECT id, 0, NULL, '' FROM new_rows;
    RETURN NULL;
END;
$$;

CREATE TRIGGER project_warnings_insert AFTER INSERT ON key_projects
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_warnings_insert();
