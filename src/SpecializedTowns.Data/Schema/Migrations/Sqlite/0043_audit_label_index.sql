-- Version 43: the audit page's name search reads an index of the entries' record names by their pairs of adjacent
-- characters (AuditLabelIndex) instead of testing every entry (a province's 1,140,000: 0.8 s). The index is built after
-- the entries are written, by the web process, so an import does not pay for it. audit_label_grams is an FTS5 table of
-- words standing for the pairs (no copy of the names: content=''), one document per entry, its rowid the entry's id.
-- SQLite has one writer at a time, so entries are committed in id order: audit_label_times notes the time of every
-- entry the index has passed (so that a search orders its candidates without reading the entries), and the entries above
-- its highest id are tested directly. Every entry already stored is indexed in the background after the upgrade.
-- Never edit a released step: add a new one.

CREATE VIRTUAL TABLE audit_label_grams USING fts5(grams, content='', detail=none, columnsize=0);

CREATE TABLE "audit_label_times" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_label_times" PRIMARY KEY,
    "at_utc" TEXT NOT NULL
);
