-- Version 7: the problem ledger (问题台账) — problems, their cooperating units and their event history.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "problems" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_problems" PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "source" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "category" INTEGER NOT NULL,
    "jurisdiction_id" INTEGER NOT NULL,
    "specialized_town_id" INTEGER NULL,
    "enterprise_id" INTEGER NULL,
    "lead_unit_id" INTEGER NULL,
    "deadline" TEXT NULL,
    "raised_by_user_id" INTEGER NULL,
    "raised_by" TEXT NOT NULL,
    "raised_at_utc" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "accepted_at_utc" TEXT NULL,
    "answered_at_utc" TEXT NULL,
    "closed_at_utc" TEXT NULL,
    "latest_answer" TEXT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_problems_AspNetUsers_raised_by_user_id" FOREIGN KEY ("raised_by_user_id") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_problems_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_problems_jurisdictions_jurisdiction_id" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_problems_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_problems_units_lead_unit_id" FOREIGN KEY ("lead_unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "problem_cooperating_units" (
    "problem_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    CONSTRAINT "PK_problem_cooperating_units" PRIMARY KEY ("problem_id", "unit_id"),
    CONSTRAINT "FK_problem_cooperating_units_problems_problem_id" FOREIGN KEY ("problem_id") REFERENCES "problems" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_problem_cooperating_units_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "problem_events" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_problem_events" PRIMARY KEY AUTOINCREMENT,
    "problem_id" INTEGER NOT NULL,
    "at_utc" TEXT NOT NULL,
    "user_id" INTEGER NULL,
    "user_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "from_state" INTEGER NOT NULL,
    "to_state" INTEGER NOT NULL,
    "note" TEXT NULL,
    "on_behalf" INTEGER NOT NULL,
    CONSTRAINT "FK_problem_events_problems_problem_id" FOREIGN KEY ("problem_id") REFERENCES "problems" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_problem_cooperating_units_unit" ON "problem_cooperating_units" ("unit_id");

CREATE INDEX "ix_problem_events_problem" ON "problem_events" ("problem_id");

CREATE INDEX "ix_problems_enterprise" ON "problems" ("enterprise_id");

CREATE INDEX "ix_problems_jurisdiction" ON "problems" ("jurisdiction_id");

CREATE INDEX "ix_problems_lead_unit" ON "problems" ("lead_unit_id");

CREATE INDEX "ix_problems_raised_by" ON "problems" ("raised_by_user_id");

CREATE INDEX "ix_problems_state" ON "problems" ("state");

CREATE INDEX "ix_problems_town" ON "problems" ("specialized_town_id");
