-- Version 53: a finding of a 督办通知书 keeps several evidence files (整改佐证) instead of one. A file names its finding
-- (notice_files.notice_item_id; null for one uploaded to the notice and given to no finding yet) and the finding's single
-- attachment_id goes. A file an item named moves to that item; a file two items named stays with the first and the other
-- gets its own copy, so that taking it off one finding leaves the other's evidence in place.
-- SQLite cannot drop a column that a foreign key uses, so both tables are rebuilt: the new notice_files refers to the new
-- notice_items, and renaming that table carries the reference along. Ids and the AUTOINCREMENT counters are kept.
-- Never edit a released step: add a new one.

CREATE TABLE "notice_items_new" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notice_items" PRIMARY KEY AUTOINCREMENT,
    "notice_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "finding" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "measures" TEXT NULL,
    "evidence" TEXT NULL,
    "recorded_at_utc" TEXT NULL,
    "recorded_by" TEXT NULL,
    "submitted_at_utc" TEXT NULL,
    "submitted_on" TEXT NULL,
    "verified_at_utc" TEXT NULL,
    "verified_by" TEXT NULL,
    "return_reason" TEXT NULL,
    CONSTRAINT "FK_notice_items_notices_notice_id" FOREIGN KEY ("notice_id") REFERENCES "notices" ("id") ON DELETE CASCADE
);

INSERT INTO "notice_items_new" ("id", "notice_id", "position", "finding", "source", "state", "measures", "evidence", "recorded_at_utc",
    "recorded_by", "submitted_at_utc", "submitted_on", "verified_at_utc", "verified_by", "return_reason")
SELECT "id", "notice_id", "position", "finding", "source", "state", "measures", "evidence", "recorded_at_utc",
    "recorded_by", "submitted_at_utc", "submitted_on", "verified_at_utc", "verified_by", "return_reason"
FROM "notice_items";

CREATE TABLE "notice_files_new" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notice_files" PRIMARY KEY AUTOINCREMENT,
    "notice_id" INTEGER NOT NULL,
    "notice_item_id" INTEGER NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "uploaded_by_user_id" INTEGER NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_notice_files_AspNetUsers_uploaded_by_user_id" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_notice_files_notice_items_notice_item_id" FOREIGN KEY ("notice_item_id") REFERENCES "notice_items_new" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_notice_files_notices_notice_id" FOREIGN KEY ("notice_id") REFERENCES "notices" ("id") ON DELETE CASCADE
);

-- Each file as it was, given to the first finding (by number) that named it.
INSERT INTO "notice_files_new" ("id", "notice_id", "notice_item_id", "file_name", "content_type", "size", "content",
    "uploaded_by_user_id", "uploaded_by", "uploaded_at_utc")
SELECT f."id", f."notice_id",
    (SELECT i."id" FROM "notice_items" i WHERE i."attachment_id" = f."id" ORDER BY i."position" LIMIT 1),
    f."file_name", f."content_type", f."size", f."content", f."uploaded_by_user_id", f."uploaded_by", f."uploaded_at_utc"
FROM "notice_files" f;

-- The counters go on from where the old tables' stood: an id once used (a file since deleted) is not given again.
INSERT INTO "sqlite_sequence" ("name", "seq")
SELECT 'notice_items_new', 0 WHERE NOT EXISTS (SELECT 1 FROM "sqlite_sequence" WHERE "name" = 'notice_items_new')
    AND EXISTS (SELECT 1 FROM "sqlite_sequence" WHERE "name" = 'notice_items');
UPDATE "sqlite_sequence" SET "seq" = (SELECT s."seq" FROM "sqlite_sequence" s WHERE s."name" = 'notice_items')
WHERE "name" = 'notice_items_new' AND "seq" < (SELECT s."seq" FROM "sqlite_sequence" s WHERE s."name" = 'notice_items');
INSERT INTO "sqlite_sequence" ("name", "seq")
SELECT 'notice_files_new', 0 WHERE NOT EXISTS (SELECT 1 FROM "sqlite_sequence" WHERE "name" = 'notice_files_new')
    AND EXISTS (SELECT 1 FROM "sqlite_sequence" WHERE "name" = 'notice_files');
UPDATE "sqlite_sequence" SET "seq" = (SELECT s."seq" FROM "sqlite_sequence" s WHERE s."name" = 'notice_files')
WHERE "name" = 'notice_files_new' AND "seq" < (SELECT s."seq" FROM "sqlite_sequence" s WHERE s."name" = 'notice_files');

-- Every other finding that named the same file gets a copy of its own.
INSERT INTO "notice_files_new" ("notice_id", "notice_item_id", "file_name", "content_type", "size", "content",
    "uploaded_by_user_id", "uploaded_by", "uploaded_at_utc")
SELECT i."notice_id", i."id", f."file_name", f."content_type", f."size", f."content", f."uploaded_by_user_id", f."uploaded_by", f."uploaded_at_utc"
FROM "notice_items" i JOIN "notice_files_new" f ON f."id" = i."attachment_id"
WHERE f."notice_item_id" <> i."id"
ORDER BY i."id";

DROP TABLE "notice_items";

DROP TABLE "notice_files";

ALTER TABLE "notice_items_new" RENAME TO "notice_items";

ALTER TABLE "notice_files_new" RENAME TO "notice_files";

CREATE INDEX "ix_notice_files_item" ON "notice_files" ("notice_item_id");

CREATE INDEX "ix_notice_files_notice" ON "notice_files" ("notice_id");

CREATE INDEX "ix_notice_files_uploaded_by" ON "notice_files" ("uploaded_by_user_id");

CREATE UNIQUE INDEX "ix_notice_items_position" ON "notice_items" ("notice_id", "position");
