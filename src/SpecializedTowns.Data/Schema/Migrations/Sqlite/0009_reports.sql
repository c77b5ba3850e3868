-- Version 9: task forces (专班) with lead and supporting units and townships; monthly reports (每月汇报) with their steps.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "task_forces" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_task_forces" PRIMARY KEY AUTOINCREMENT,
    "specialized_town_id" INTEGER NOT NULL,
    "county_id" INTEGER NOT NULL,
    "responsible_leader" TEXT NULL,
    "source" TEXT NULL,
    "reports_from" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "updated_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_task_forces_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_task_forces_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE TABLE "task_force_units" (
    "task_force_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "role" INTEGER NOT NULL,
    CONSTRAINT "PK_task_force_units" PRIMARY KEY ("task_force_id", "unit_id"),
    CONSTRAINT "FK_task_force_units_task_forces_task_force_id" FOREIGN KEY ("task_force_id") REFERENCES "task_forces" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_force_units_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "task_force_townships" (
    "task_force_id" INTEGER NOT NULL,
    "township_id" INTEGER NOT NULL,
    CONSTRAINT "PK_task_force_townships" PRIMARY KEY ("task_force_id", "township_id"),
    CONSTRAINT "FK_task_force_townships_jurisdictions_township_id" FOREIGN KEY ("township_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_task_force_townships_task_forces_task_force_id" FOREIGN KEY ("task_force_id") REFERENCES "task_forces" ("id") ON DELETE CASCADE
);

CREATE TABLE "monthly_reports" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_monthly_reports" PRIMARY KEY AUTOINCREMENT,
    "task_force_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "output_wan_yuan" TEXT NULL,
    "output_ytd_wan_yuan" TEXT NULL,
    "investment_ytd_wan_yuan" TEXT NULL,
    "employees" INTEGER NULL,
    "new_market_entities" INTEGER NULL,
    "new_above_scale_enterprises" INTEGER NULL,
    "progress" TEXT NULL,
    "next_month_plan" TEXT NULL,
    "difficulties" TEXT NULL,
    "output_explanation" TEXT NULL,
    "output_ytd_explanation" TEXT NULL,
    "investment_ytd_explanation" TEXT NULL,
    "first_submitted_at_utc" TEXT NULL,
    "submitted_at_utc" TEXT NULL,
    "accepted_at_utc" TEXT NULL,
    "reopened_until" TEXT NULL,
    "created_at_utc" TEXT NOT NULL,
    "updated_at_utc" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_monthly_reports_task_forces_task_force_id" FOREIGN KEY ("task_force_id") REFERENCES "task_forces" ("id") ON DELETE RESTRICT
);

CREATE TABLE "monthly_report_steps" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_monthly_report_steps" PRIMARY KEY AUTOINCREMENT,
    "report_id" INTEGER NOT NULL,
    "action" INTEGER NOT NULL,
    "from_state" INTEGER NOT NULL,
    "to_state" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "reason" TEXT NULL,
    "at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_monthly_report_steps_monthly_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "monthly_reports" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_monthly_report_steps_report" ON "monthly_report_steps" ("report_id");

CREATE INDEX "ix_monthly_reports_month_state" ON "monthly_reports" ("year", "month", "state");

CREATE UNIQUE INDEX "ix_monthly_reports_task_force_month" ON "monthly_reports" ("task_force_id", "year", "month");

CREATE INDEX "ix_task_force_townships_township" ON "task_force_townships" ("township_id");

CREATE INDEX "ix_task_force_units_unit" ON "task_force_units" ("unit_id");

CREATE INDEX "ix_task_forces_county" ON "task_forces" ("county_id");

CREATE UNIQUE INDEX "ix_task_forces_town" ON "task_forces" ("specialized_town_id");
