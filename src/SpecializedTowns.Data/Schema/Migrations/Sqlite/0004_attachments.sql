-- Version 4: evidence attached to recognition applications (申报材料).
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "application_attachments" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_application_attachments" PRIMARY KEY AUTOINCREMENT,
    "application_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "uploaded_by_user_id" INTEGER NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_application_attachments_recognition_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "recognition_applications" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_application_attachments_application" ON "application_attachments" ("application_id");
