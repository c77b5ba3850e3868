-- Version 8: responsibility lists (责任清单 / 年度行动计划): plans, task groups, tasks with their units,
-- milestones, progress notes and extension requests.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "action_plans" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_action_plans" PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "policy_id" TEXT NOT NULL,
    "jurisdiction_id" INTEGER NOT NULL,
    "specialized_town_id" INTEGER NULL,
    "created_at_utc" TEXT NOT NULL,
    "created_by_user_id" INTEGER NULL,
    "created_by" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_action_plans_jurisdictions_jurisdiction_id" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_action_plans_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE TABLE "task_groups" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_task_groups" PRIMARY KEY AUTOINCREMENT,
    "plan_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "weight" TEXT NOT NULL,
    CONSTRAINT "FK_task_groups_action_plans_plan_id" FOREIGN KEY ("plan_id") REFERENCES "action_plans" ("id") ON DELETE CASCADE
);

CREATE TABLE "plan_tasks" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_plan_tasks" PRIMARY KEY AUTOINCREMENT,
    "plan_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "number" TEXT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NULL,
    "measures" TEXT NOT NULL,
    "target_value" TEXT NULL,
    "target_unit" TEXT NULL,
    "current_value" TEXT NULL,
    "weight" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "original_deadline" TEXT NOT NULL,
    "own_progress" INTEGER NOT NULL,
    "done_on" TEXT NULL,
    CONSTRAINT "FK_plan_tasks_action_plans_plan_id" FOREIGN KEY ("plan_id") REFERENCES "action_plans" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_plan_tasks_task_groups_group_id" FOREIGN KEY ("group_id") REFERENCES "task_groups" ("id") ON DELETE CASCADE
);

CREATE TABLE "task_units" (
    "task_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "role" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    CONSTRAINT "PK_task_units" PRIMARY KEY ("task_id", "unit_id"),
    CONSTRAINT "FK_task_units_plan_tasks_task_id" FOREIGN KEY ("task_id") REFERENCES "plan_tasks" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_units_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "task_milestones" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_task_milestones" PRIMARY KEY AUTOINCREMENT,
    "task_id" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "original_deadline" TEXT NOT NULL,
    "weight" TEXT NOT NULL,
    "progress" INTEGER NOT NULL,
    "done_on" TEXT NULL,
    CONSTRAINT "FK_task_milestones_plan_tasks_task_id" FOREIGN KEY ("task_id") REFERENCES "plan_tasks" ("id") ON DELETE CASCADE
);

CREATE TABLE "task_notes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_task_notes" PRIMARY KEY AUTOINCREMENT,
    "task_id" INTEGER NOT NULL,
    "milestone_id" INTEGER NULL,
    "at_utc" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "unit_name" TEXT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "FK_task_notes_plan_tasks_task_id" FOREIGN KEY ("task_id") REFERENCES "plan_tasks" ("id") ON DELETE CASCADE
);

CREATE TABLE "task_extensions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_task_extensions" PRIMARY KEY AUTOINCREMENT,
    "task_id" INTEGER NOT NULL,
    "milestone_id" INTEGER NULL,
    "previous_deadline" TEXT NOT NULL,
    "requested_deadline" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_at_utc" TEXT NOT NULL,
    "requested_by_user_id" INTEGER NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_by_unit" TEXT NULL,
    "state" INTEGER NOT NULL,
    "decided_at_utc" TEXT NULL,
    "decided_by_user_id" INTEGER NULL,
    "decided_by" TEXT NULL,
    "decision_note" TEXT NULL,
    CONSTRAINT "FK_task_extensions_plan_tasks_task_id" FOREIGN KEY ("task_id") REFERENCES "plan_tasks" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_extensions_task_milestones_milestone_id" FOREIGN KEY ("milestone_id") REFERENCES "task_milestones" ("id")
);

CREATE INDEX "ix_action_plans_jurisdiction_year" ON "action_plans" ("jurisdiction_id", "year");

CREATE INDEX "ix_action_plans_town" ON "action_plans" ("specialized_town_id");

CREATE INDEX "ix_plan_tasks_group" ON "plan_tasks" ("group_id");

CREATE INDEX "ix_plan_tasks_plan" ON "plan_tasks" ("plan_id");

CREATE INDEX "ix_task_extensions_milestone" ON "task_extensions" ("milestone_id");

CREATE INDEX "ix_task_extensions_task" ON "task_extensions" ("task_id");

CREATE INDEX "ix_task_groups_plan" ON "task_groups" ("plan_id");

CREATE INDEX "ix_task_milestones_task" ON "task_milestones" ("task_id");

CREATE INDEX "ix_task_notes_task" ON "task_notes" ("task_id");

CREATE INDEX "ix_task_units_unit" ON "task_units" ("unit_id");
