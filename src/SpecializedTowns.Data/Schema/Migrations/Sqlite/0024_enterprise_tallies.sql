-- Version 24: counts the database keeps itself, so that the dashboard and the recognition checks no longer count a
-- province's 300,000 enterprises on every request (see docs/performance.md).
-- enterprise_tallies: registered enterprises per county, specialized town (0: none) and role, kept by row triggers,
-- also for the SET NULL of a deleted town.
-- enterprise_designations.specialized_town_id: the town of the designation's enterprise, kept by triggers, so that the
-- designations a town's enterprises hold are read from one index.
-- A backup is a copy of the file, counts included.
-- Never edit a released step: add a new one.

CREATE TABLE "enterprise_tallies" (
    "county_id" INTEGER NOT NULL,
    "town_id" INTEGER NOT NULL,
    "role" INTEGER NOT NULL,
    "enterprises" INTEGER NOT NULL,
    CONSTRAINT "PK_enterprise_tallies" PRIMARY KEY ("county_id", "town_id", "role")
);

INSERT INTO "enterprise_tallies" ("county_id", "town_id", "role", "enterprises")
SELECT "county_id", COALESCE("specialized_town_id", 0), "role", COUNT(*) FROM "enterprises" GROUP BY 1, 2, 3;

ALTER TABLE "enterprise_designations" ADD "specialized_town_id" INTEGER NULL;

UPDATE "enterprise_designations" SET "specialized_town_id" = (SELECT e."specialized_town_id" FROM "enterprises" e WHERE e."id" = "enterprise_designations"."enterprise_id");

CREATE INDEX "ix_enterprise_designations_town_key" ON "enterprise_designations" ("specialized_town_id", "key");

CREATE TRIGGER enterprise_tallies_insert AFTER INSERT ON enterprises
BEGIN
    INSERT INTO enterprise_tallies (county_id, town_id, role, enterprises) VALUES (NEW.county_id, COALESCE(NEW.specialized_town_id, 0), NEW.role, 1)
    ON CONFLICT (county_id, town_id, role) DO UPDATE SET enterprises = enterprises + 1;
END;

CREATE TRIGGER enterprise_tallies_delete AFTER DELETE ON enterprises
BEGIN
    UPDATE enterprise_tallies SET enterprises = enterprises - 1
    WHERE county_id = OLD.county_id AND town_id = COALESCE(OLD.specialized_town_id, 0) AND role = OLD.role;
END;

CREATE TRIGGER enterprise_tallies_update AFTER UPDATE OF county_id, specialized_town_id, role ON enterprises
WHEN OLD.county_id IS NOT NEW.county_id OR OLD.specialized_town_id IS NOT NEW.specialized_town_id OR OLD.role IS NOT NEW.role
BEGIN
    UPDATE enterprise_tallies SET enterprises = enterprises - 1
    WHERE county_id = OLD.county_id AND town_id = COALESCE(OLD.specialized_town_id, 0) AND role = OLD.role;
    INSERT INTO enterprise_tallies (county_id, town_id, role, enterprises) VALUES (NEW.county_id, COALESCE(NEW.specialized_town_id, 0), NEW.role, 1)
    ON CONFLICT (county_id, town_id, role) DO UPDATE SET enterprises = enterprises + 1;
    UPDATE enterprise_designations SET specialized_town_id = NEW.specialized_town_id
    WHERE enterprise_id = NEW.id AND specialized_town_id IS NOT NEW.specialized_town_id;
END;

CREATE TRIGGER enterprise_designations_town_insert AFTER INSERT ON enterprise_designations
BEGIN
    UPDATE enterprise_designations SET specialized_town_id = (SELECT specialized_town_id FROM enterprises WHERE id = NEW.enterprise_id)
    WHERE id = NEW.id;
END;

-- Also when the town itself is written: whatever a statement puts there, the column holds the enterprise's town (the
-- trigger's own update does not fire it again: SQLite triggers do not recurse unless recursive_triggers is on).
CREATE TRIGGER enterprise_designations_town_update AFTER UPDATE OF enterprise_id, specialized_town_id ON enterprise_designations
BEGIN
    UPDATE enterprise_designations SET specialized_town_id = (SELECT specialized_town_id FROM enterprises WHERE id = NEW.enterprise_id)
    WHERE id = NEW.id;
END;
