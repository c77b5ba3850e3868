-- Version 10: annual evaluations (年度评估) with their frozen results and manual scores; the year a standard was issued.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

ALTER TABLE "industry_standards" ADD "year" INTEGER NULL;

CREATE TABLE "evaluations" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_evaluations" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_id" INTEGER NOT NULL,
    "area_path" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "pack_id" TEXT NULL,
    "scheme_id" TEXT NOT NULL,
    "scheme_name" TEXT NOT NULL,
    "scheme_is_platform_default" INTEGER NOT NULL,
    "scheme_json" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "calculated_at_utc" TEXT NOT NULL,
    "published_at_utc" TEXT NULL,
    "published_by" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_evaluations_jurisdictions_jurisdiction_id" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "evaluation_manual_scores" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_evaluation_manual_scores" PRIMARY KEY AUTOINCREMENT,
    "evaluation_id" INTEGER NOT NULL,
    "subject_key" TEXT NOT NULL,
    "indicator_key" TEXT NOT NULL,
    "points" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "given_by" TEXT NOT NULL,
    "given_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_evaluation_manual_scores_evaluations_evaluation_id" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations" ("id") ON DELETE CASCADE
);

CREATE TABLE "evaluation_results" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_evaluation_results" PRIMARY KEY AUTOINCREMENT,
    "evaluation_id" INTEGER NOT NULL,
    "subject_key" TEXT NOT NULL,
    "subject_id" INTEGER NOT NULL,
    "subject_name" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "total" TEXT NOT NULL,
    "band" TEXT NULL,
    "commended" INTEGER NOT NULL,
    "supervised" INTEGER NOT NULL,
    "detail_json" TEXT NOT NULL,
    CONSTRAINT "FK_evaluation_results_evaluations_evaluation_id" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ux_evaluation_manual_scores" ON "evaluation_manual_scores" ("evaluation_id", "subject_key", "indicator_key");

CREATE UNIQUE INDEX "ux_evaluation_results_subject" ON "evaluation_results" ("evaluation_id", "subject_key");

CREATE INDEX "ix_evaluations_area_path" ON "evaluations" ("area_path");

CREATE UNIQUE INDEX "ux_evaluations_area_year_kind" ON "evaluations" ("jurisdiction_id", "year", "kind");
