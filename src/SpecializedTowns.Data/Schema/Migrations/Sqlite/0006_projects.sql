-- Version 6: the key-project library (重点项目库) with monthly progress, element guarantees and stage history;
-- "三个一批" batches; investment leads (招商引资项目库).
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "project_batches" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_project_batches" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "held_on" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "location" TEXT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_project_batches_jurisdictions_jurisdiction_id" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "key_projects" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_key_projects" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "specialized_town_id" INTEGER NOT NULL,
    "county_id" INTEGER NOT NULL,
    "owner_enterprise_id" INTEGER NULL,
    "owner_name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "role" INTEGER NOT NULL,
    "description" TEXT NULL,
    "total_investment_wan_yuan" TEXT NOT NULL,
    "annual_planned_investment_wan_yuan" TEXT NOT NULL,
    "plan_year" INTEGER NOT NULL,
    "responsible_unit_id" INTEGER NULL,
    "responsible_leader" TEXT NULL,
    "stage" INTEGER NOT NULL,
    "planned_signed_on" TEXT NULL,
    "signed_on" TEXT NULL,
    "planned_start_on" TEXT NULL,
    "started_on" TEXT NULL,
    "planned_production_on" TEXT NULL,
    "in_production_on" TEXT NULL,
    "planned_target_on" TEXT NULL,
    "at_target_on" TEXT NULL,
    "is_demo" INTEGER NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_key_projects_enterprises_owner_enterprise_id" FOREIGN KEY ("owner_enterprise_id") REFERENCES "enterprises" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_key_projects_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_key_projects_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_key_projects_units_responsible_unit_id" FOREIGN KEY ("responsible_unit_id") REFERENCES "units" ("id") ON DELETE SET NULL
);

CREATE TABLE "investment_leads" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_investment_leads" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "specialized_town_id" INTEGER NOT NULL,
    "county_id" INTEGER NOT NULL,
    "target_enterprise" TEXT NOT NULL,
    "chain_link" INTEGER NOT NULL,
    "chain_position" TEXT NOT NULL,
    "channel" INTEGER NOT NULL,
    "intended_investment_wan_yuan" TEXT NOT NULL,
    "responsible_unit_id" INTEGER NULL,
    "contact" TEXT NULL,
    "notes" TEXT NULL,
    "stage" INTEGER NOT NULL,
    "first_contact_on" TEXT NOT NULL,
    "signed_on" TEXT NULL,
    "landed_on" TEXT NULL,
    "drop_reason" TEXT NULL,
    "key_project_id" INTEGER NULL,
    "is_demo" INTEGER NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_investment_leads_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_investment_leads_key_projects_key_project_id" FOREIGN KEY ("key_project_id") REFERENCES "key_projects" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_investment_leads_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_investment_leads_units_responsible_unit_id" FOREIGN KEY ("responsible_unit_id") REFERENCES "units" ("id") ON DELETE SET NULL
);

CREATE TABLE "project_batch_items" (
    "batch_id" INTEGER NOT NULL,
    "project_id" INTEGER NOT NULL,
    CONSTRAINT "PK_project_batch_items" PRIMARY KEY ("batch_id", "project_id"),
    CONSTRAINT "FK_project_batch_items_key_projects_project_id" FOREIGN KEY ("project_id") REFERENCES "key_projects" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_project_batch_items_project_batches_batch_id" FOREIGN KEY ("batch_id") REFERENCES "project_batches" ("id") ON DELETE CASCADE
);

CREATE TABLE "project_guarantees" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_project_guarantees" PRIMARY KEY AUTOINCREMENT,
    "project_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "unit_id" INTEGER NULL,
    "note" TEXT NULL,
    "updated_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_project_guarantees_key_projects_project_id" FOREIGN KEY ("project_id") REFERENCES "key_projects" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_project_guarantees_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE SET NULL
);

CREATE TABLE "project_progress" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_project_progress" PRIMARY KEY AUTOINCREMENT,
    "project_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "investment_completed_wan_yuan" TEXT NOT NULL,
    "physical_progress" TEXT NOT NULL,
    "difficulties" TEXT NULL,
    "problem_id" INTEGER NULL,
    "reported_by_user_id" INTEGER NOT NULL,
    "reported_by" TEXT NOT NULL,
    "reported_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_project_progress_key_projects_project_id" FOREIGN KEY ("project_id") REFERENCES "key_projects" ("id") ON DELETE CASCADE
);

CREATE TABLE "project_stage_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_project_stage_changes" PRIMARY KEY AUTOINCREMENT,
    "project_id" INTEGER NOT NULL,
    "from_stage" INTEGER NOT NULL,
    "to_stage" INTEGER NOT NULL,
    "reached_on" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "note" TEXT NULL,
    "at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_project_stage_changes_key_projects_project_id" FOREIGN KEY ("project_id") REFERENCES "key_projects" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_investment_leads_county_stage" ON "investment_leads" ("county_id", "stage");

CREATE INDEX "IX_investment_leads_key_project_id" ON "investment_leads" ("key_project_id");

CREATE INDEX "IX_investment_leads_responsible_unit_id" ON "investment_leads" ("responsible_unit_id");

CREATE INDEX "ix_investment_leads_town" ON "investment_leads" ("specialized_town_id");

CREATE INDEX "ix_key_projects_county_stage" ON "key_projects" ("county_id", "stage");

CREATE INDEX "IX_key_projects_owner_enterprise_id" ON "key_projects" ("owner_enterprise_id");

CREATE INDEX "ix_key_projects_town" ON "key_projects" ("specialized_town_id");

CREATE INDEX "ix_key_projects_unit" ON "key_projects" ("responsible_unit_id");

CREATE INDEX "ix_project_batch_items_project" ON "project_batch_items" ("project_id");

CREATE INDEX "ix_project_batches_jurisdiction_date" ON "project_batches" ("jurisdiction_id", "held_on");

CREATE UNIQUE INDEX "ix_project_guarantees_project_kind" ON "project_guarantees" ("project_id", "kind");

CREATE INDEX "ix_project_guarantees_unit" ON "project_guarantees" ("unit_id");

CREATE UNIQUE INDEX "ix_project_progress_project_month" ON "project_progress" ("project_id", "year", "month");

CREATE INDEX "ix_project_stage_changes_project" ON "project_stage_changes" ("project_id");
