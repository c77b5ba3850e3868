-- Version 5: units (成员单位, 乡镇政府, 开发区) as records, and each account's unit by reference instead of by name.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "units" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_units" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "FK_units_jurisdictions_jurisdiction_id" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_units_jurisdiction_name" ON "units" ("jurisdiction_id", "name");

ALTER TABLE "AspNetUsers" ADD COLUMN "unit_id" INTEGER NULL CONSTRAINT "FK_AspNetUsers_units_unit_id" REFERENCES "units" ("id") ON DELETE SET NULL;

CREATE INDEX "ix_users_unit_id" ON "AspNetUsers" ("unit_id");

-- The unit names accounts carried become units of the account's jurisdiction.
INSERT INTO "units" ("jurisdiction_id", "name")
SELECT DISTINCT "jurisdiction_id", TRIM("unit_name") FROM "AspNetUsers" WHERE "unit_name" IS NOT NULL AND TRIM("unit_name") <> '';

UPDATE "AspNetUsers" SET "unit_id" = (
    SELECT u."id" FROM "units" u WHERE u."jurisdiction_id" = "AspNetUsers"."jurisdiction_id" AND u."name" = TRIM("AspNetUsers"."unit_name"))
WHERE "unit_name" IS NOT NULL;

ALTER TABLE "AspNetUsers" DROP COLUMN "unit_name";
