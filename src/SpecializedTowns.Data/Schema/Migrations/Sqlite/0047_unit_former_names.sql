-- Version 47: the names a unit was known by at a place (系统 → 单位): its name before a rename, and the name of a duplicate
-- merged into it. The policy documents' unit names are registered at every start; a name kept here is not registered again.
-- Never edit a released step: add a new one.

CREATE TABLE "unit_former_names" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_unit_former_names" PRIMARY KEY AUTOINCREMENT,
    "unit_id" INTEGER NOT NULL,
    "jurisdiction_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "merged_unit_id" INTEGER NULL,
    CONSTRAINT "FK_unit_former_names_jurisdictions_jurisdiction_id" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_unit_former_names_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_unit_former_names_jurisdiction_name" ON "unit_former_names" ("jurisdiction_id", "name");

CREATE INDEX "ix_unit_former_names_unit" ON "unit_former_names" ("unit_id");
