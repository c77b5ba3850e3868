-- Version 3: recognition applications (认定申报) with their event log, assigned experts and expert scores.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "recognition_applications" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_recognition_applications" PRIMARY KEY AUTOINCREMENT,
    "specialized_town_id" INTEGER NOT NULL,
    "standard_id" TEXT NOT NULL,
    "target_tier" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "facts_json" TEXT NOT NULL,
    "pre_check_outcome" TEXT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "submitted_at_utc" TEXT NULL,
    "decision" INTEGER NULL,
    "decision_document_number" TEXT NULL,
    "publicity_ends_on" TEXT NULL,
    "panel_conclusion_json" TEXT NULL,
    CONSTRAINT "FK_recognition_applications_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE TABLE "application_events" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_application_events" PRIMARY KEY AUTOINCREMENT,
    "application_id" INTEGER NOT NULL,
    "at_utc" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "from_state" INTEGER NOT NULL,
    "to_state" INTEGER NOT NULL,
    "reason" TEXT NULL,
    CONSTRAINT "FK_application_events_recognition_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "recognition_applications" ("id") ON DELETE CASCADE
);

CREATE TABLE "application_experts" (
    "application_id" INTEGER NOT NULL,
    "expert_user_id" INTEGER NOT NULL,
    CONSTRAINT "PK_application_experts" PRIMARY KEY ("application_id", "expert_user_id"),
    CONSTRAINT "FK_application_experts_AspNetUsers_expert_user_id" FOREIGN KEY ("expert_user_id") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_application_experts_recognition_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "recognition_applications" ("id") ON DELETE CASCADE
);

CREATE TABLE "expert_scores" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_expert_scores" PRIMARY KEY AUTOINCREMENT,
    "application_id" INTEGER NOT NULL,
    "expert_user_id" INTEGER NOT NULL,
    "criterion_key" TEXT NOT NULL,
    "met" INTEGER NOT NULL,
    "comment" TEXT NOT NULL,
    CONSTRAINT "FK_expert_scores_recognition_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "recognition_applications" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_application_events_application" ON "application_events" ("application_id");

CREATE INDEX "ix_application_experts_expert" ON "application_experts" ("expert_user_id");

CREATE UNIQUE INDEX "ix_expert_scores_unique" ON "expert_scores" ("application_id", "expert_user_id", "criterion_key");

CREATE INDEX "ix_recognition_applications_state" ON "recognition_applications" ("state");

CREATE INDEX "ix_recognition_applications_town" ON "recognition_applications" ("specialized_town_id");
