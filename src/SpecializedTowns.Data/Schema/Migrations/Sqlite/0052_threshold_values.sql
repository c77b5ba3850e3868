-- Version 52: the numbers an office enters where its recognition standard's text gives none (decision 0021), each with the
-- document it cites and who entered it; a new number supersedes the current one instead of changing it.
-- Never edit a released step: add a new one.

CREATE TABLE "threshold_values" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_threshold_values" PRIMARY KEY AUTOINCREMENT,
    "standard_id" TEXT NOT NULL,
    "criterion_key" TEXT NOT NULL,
    "category" TEXT NULL,
    "value" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "entered_by" TEXT NOT NULL,
    "entered_at_utc" TEXT NOT NULL,
    "superseded_by" TEXT NULL,
    "superseded_at_utc" TEXT NULL
);

CREATE INDEX "ix_threshold_values_standard" ON "threshold_values" ("standard_id", "criterion_key");
