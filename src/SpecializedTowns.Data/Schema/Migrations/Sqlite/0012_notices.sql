-- Version 12: supervision notices (督办通知书) with their findings and rectification (限期整改), the steps taken on them,
-- the office's actions after a missed deadline (通报批评、约谈) and the evidence files.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "notices" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notices" PRIMARY KEY AUTOINCREMENT,
    "issuing_jurisdiction_id" INTEGER NOT NULL,
    "issuing_office" TEXT NOT NULL,
    "number_prefix" TEXT NOT NULL,
    "number_year" INTEGER NOT NULL,
    "number_sequence" INTEGER NOT NULL,
    "document_number" TEXT NOT NULL,
    "recipient_kind" INTEGER NOT NULL,
    "recipient_town_id" INTEGER NULL,
    "recipient_township_id" INTEGER NULL,
    "recipient_unit_id" INTEGER NULL,
    "recipient_name" TEXT NOT NULL,
    "addressee" TEXT NOT NULL,
    "recipient_area_id" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "evaluation_id" INTEGER NULL,
    "issued_on" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "contact_name" TEXT NOT NULL,
    "contact_phone" TEXT NOT NULL,
    "copy_to" TEXT NOT NULL,
    "policy_pack_id" TEXT NULL,
    "overdue_consequence" TEXT NULL,
    "state" INTEGER NOT NULL,
    "rectified_at_utc" TEXT NULL,
    "handled_at_utc" TEXT NULL,
    "created_by_user_id" INTEGER NULL,
    "created_by" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_notices_AspNetUsers_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_notices_jurisdictions_issuing_jurisdiction_id" FOREIGN KEY ("issuing_jurisdiction_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_notices_jurisdictions_recipient_area_id" FOREIGN KEY ("recipient_area_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_notices_jurisdictions_recipient_township_id" FOREIGN KEY ("recipient_township_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_notices_specialized_towns_recipient_town_id" FOREIGN KEY ("recipient_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_notices_units_recipient_unit_id" FOREIGN KEY ("recipient_unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "notice_files" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notice_files" PRIMARY KEY AUTOINCREMENT,
    "notice_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "uploaded_by_user_id" INTEGER NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_notice_files_AspNetUsers_uploaded_by_user_id" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_notice_files_notices_notice_id" FOREIGN KEY ("notice_id") REFERENCES "notices" ("id") ON DELETE CASCADE
);

CREATE TABLE "notice_items" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notice_items" PRIMARY KEY AUTOINCREMENT,
    "notice_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "finding" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "measures" TEXT NULL,
    "evidence" TEXT NULL,
    "attachment_id" INTEGER NULL,
    "recorded_at_utc" TEXT NULL,
    "recorded_by" TEXT NULL,
    "submitted_at_utc" TEXT NULL,
    "submitted_on" TEXT NULL,
    "verified_at_utc" TEXT NULL,
    "verified_by" TEXT NULL,
    "return_reason" TEXT NULL,
    CONSTRAINT "FK_notice_items_notice_files_attachment_id" FOREIGN KEY ("attachment_id") REFERENCES "notice_files" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_notice_items_notices_notice_id" FOREIGN KEY ("notice_id") REFERENCES "notices" ("id") ON DELETE CASCADE
);

CREATE TABLE "notice_events" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notice_events" PRIMARY KEY AUTOINCREMENT,
    "notice_id" INTEGER NOT NULL,
    "item_position" INTEGER NULL,
    "at_utc" TEXT NOT NULL,
    "user_id" INTEGER NULL,
    "user_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "note" TEXT NULL,
    "on_behalf" INTEGER NOT NULL,
    CONSTRAINT "FK_notice_events_notices_notice_id" FOREIGN KEY ("notice_id") REFERENCES "notices" ("id") ON DELETE CASCADE
);

CREATE TABLE "notice_actions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notice_actions" PRIMARY KEY AUTOINCREMENT,
    "notice_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "taken_on" TEXT NOT NULL,
    "document_number" TEXT NULL,
    "note" TEXT NULL,
    "recorded_by_user_id" INTEGER NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_notice_actions_AspNetUsers_recorded_by_user_id" FOREIGN KEY ("recorded_by_user_id") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_notice_actions_notices_notice_id" FOREIGN KEY ("notice_id") REFERENCES "notices" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_notice_actions_notice" ON "notice_actions" ("notice_id");

CREATE INDEX "ix_notice_actions_recorded_by" ON "notice_actions" ("recorded_by_user_id");

CREATE INDEX "ix_notice_events_notice" ON "notice_events" ("notice_id");

CREATE INDEX "ix_notice_files_notice" ON "notice_files" ("notice_id");

CREATE INDEX "ix_notice_files_uploaded_by" ON "notice_files" ("uploaded_by_user_id");

CREATE INDEX "ix_notice_items_attachment" ON "notice_items" ("attachment_id");

CREATE UNIQUE INDEX "ix_notice_items_position" ON "notice_items" ("notice_id", "position");

CREATE INDEX "ix_notices_created_by" ON "notices" ("created_by_user_id");

CREATE INDEX "ix_notices_evaluation" ON "notices" ("evaluation_id");

CREATE UNIQUE INDEX "ix_notices_number" ON "notices" ("issuing_jurisdiction_id", "number_year", "number_sequence");

CREATE INDEX "ix_notices_recipient_area" ON "notices" ("recipient_area_id");

CREATE INDEX "ix_notices_recipient_town" ON "notices" ("recipient_town_id");

CREATE INDEX "ix_notices_recipient_township" ON "notices" ("recipient_township_id");

CREATE INDEX "ix_notices_recipient_unit" ON "notices" ("recipient_unit_id");
