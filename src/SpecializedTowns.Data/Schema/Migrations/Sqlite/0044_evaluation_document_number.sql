-- Version 44: an evaluation's report (通报) goes out under the office's 发文字号 and 成文日期, kept with the evaluation so
-- every download prints the same and the history shows who numbered it.
-- Never edit a released step: add a new one.

ALTER TABLE "evaluations" ADD COLUMN "document_number" TEXT NULL;
ALTER TABLE "evaluations" ADD COLUMN "document_date" TEXT NULL;
