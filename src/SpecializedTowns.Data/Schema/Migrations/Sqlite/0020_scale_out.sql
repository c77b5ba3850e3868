-- Version 20: what several web processes behind one load balancer must share. The data-protection key ring (it signs the
-- sign-in cookie, antiforgery tokens, TempData and bearer tokens), so any process reads what another wrote; without it
-- each process makes its own keys and a user is signed out whenever another process answers. And the import jobs (an
-- uploaded file being checked or written), so the page's progress polls and the confirmation may reach any process.
-- Never edit a released step: add a new one.

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);

CREATE TABLE "import_jobs" (
    "id" TEXT NOT NULL CONSTRAINT "PK_import_jobs" PRIMARY KEY,
    "user_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "touched_at_utc" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "done" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "running" INTEGER NOT NULL,
    "committing" INTEGER NOT NULL,
    "can_commit" INTEGER NOT NULL,
    "result" TEXT NULL,
    "failure" TEXT NULL
);

CREATE INDEX "ix_import_jobs_created" ON "import_jobs" ("created_at_utc");
