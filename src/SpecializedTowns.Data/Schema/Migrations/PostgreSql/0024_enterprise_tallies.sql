-- Version 24: counts the database keeps itself, so that the dashboard and the recognition checks no longer count a
-- province's 300,000 enterprises on every request (about 45 ms each on PostgreSQL; see docs/performance.md).
-- enterprise_tallies: registered enterprises per county, specialized town (0: none) and role. Statement-level triggers
-- with transition tables add and take away once per statement, also for COPY and for the SET NULL of a deleted town.
-- enterprise_designations.specialized_town_id: the town of the designation's enterprise, kept by triggers, so that the
-- designations a town's enterprises hold are read from one index.
-- pg_dump puts triggers after the data, so a restore neither counts twice nor misses a row.
-- Never edit a released step: add a new one.

-- No enterprise or designation is written by another session between the counting below and the triggers taking over.
LOCK TABLE enterprises, enterprise_designations IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE enterprise_tallies (
    county_id integer NOT NULL,
    town_id integer NOT NULL,
    role integer NOT NULL,
    enterprises integer NOT NULL,
    CONSTRAINT "PK_enterprise_tallies" PRIMARY KEY (county_id, town_id, role)
);

INSERT INTO enterprise_tallies (county_id, town_id, role, enterprises)
SELECT county_id, COALESCE(specialized_town_id, 0), role, COUNT(*) FROM enterprises GROUP BY 1, 2, 3;

ALTER TABLE enterprise_designations ADD specialized_town_id integer;

UPDATE enterprise_designations d SET specialized_town_id = e.specialized_town_id FROM enterprises e WHERE e.id = d.enterprise_id;

CREATE INDEX ix_enterprise_designations_town_key ON enterprise_designations (specialized_town_id, key);

-- Rows in key order, so that two statements touching the same tallies lock them in the same order.
CREATE FUNCTION enterprise_tallies_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO enterprise_tallies (county_id, town_id, role, enterprises)
    SELECT county_id, COALESCE(specialized_town_id, 0), role, COUNT(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (county_id, town_id, role) DO UPDATE SET enterprises = enterprise_tallies.enterprises + EXCLUDED.enterprises;
    RETURN NULL;
END;
$$;

CREATE FUNCTION enterprise_tallies_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO enterprise_tallies (county_id, town_id, role, enterprises)
    SELECT county_id, COALESCE(specialized_town_id, 0), role, -COUNT(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (county_id, town_id, role) DO UPDATE SET enterprises = enterprise_tallies.enterprises + EXCLUDED.enterprises;
    RETURN NULL;
END;
$$;

-- Any update: only the tallies whose count changes are written, so renaming an enterprise locks none of them.
CREATE FUNCTION enterprise_tallies_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO enterprise_tallies (county_id, town_id, role, enterprises)
    SELECT county_id, town_id, role, SUM(n) FROM (
        SELECT county_id, COALESCE(specialized_town_id, 0) AS town_id, role, 1 AS n FROM new_rows
        UNION ALL
        SELECT county_id, COALESCE(specialized_town_id, 0), role, -1 FROM old_rows) c
    GROUP BY 1, 2, 3 HAVING SUM(n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (county_id, town_id, role) DO UPDATE SET enterprises = enterprise_tallies.enterprises + EXCLUDED.enterprises;
    UPDATE enterprise_designations d SET specialized_town_id = n.specialized_town_id
    FROM new_rows n WHERE d.enterprise_id = n.id AND d.specialized_town_id IS DISTINCT FROM n.specialized_town_id;
    RETURN NULL;
END;
$$;

CREATE FUNCTION enterprise_tallies_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM enterprise_tallies;
    RETURN NULL;
END;
$$;

CREATE TRIGGER enterprise_tallies_insert AFTER INSERT ON enterprises
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprise_tallies_insert();
CREATE TRIGGER enterprise_tallies_delete AFTER DELETE ON enterprises
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprise_tallies_delete();
CREATE TRIGGER enterprise_tallies_update AFTER UPDATE ON enterprises
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprise_tallies_update();
CREATE TRIGGER enterprise_tallies_truncate AFTER TRUNCATE ON enterprises
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_tallies_truncate();

-- Whatever a statement writes into the column, it holds the town of the designation's enterprise. FOR SHARE: a session
-- moving the enterprise to another town is waited for (and its town read), or waits for this one and then moves the new
-- designation with it; an unlocked read let a designation added during a move keep the old town.
CREATE FUNCTION enterprise_designations_town() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT specialized_town_id INTO NEW.specialized_town_id FROM enterprises WHERE id = NEW.enterprise_id FOR SHARE;
    RETURN NEW;
END;
$$;

CREATE TRIGGER enterprise_designations_town BEFORE INSERT OR UPDATE OF enterprise_id, specialized_town_id ON enterprise_designations
    FOR EACH ROW EXECUTE FUNCTION enterprise_designations_town();
