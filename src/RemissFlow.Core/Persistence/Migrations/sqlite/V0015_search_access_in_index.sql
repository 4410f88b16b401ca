-- Search access in the index (issue #15): each row carries the access keys of the page it links to as
-- tokens (SearchAccess), kept by the same transaction as the data, so a query's access check is part of the
-- FTS5 lookup instead of a join per match. FTS5 cannot gain a column, so the index is made again;
-- `remissflow search rebuild` fills it (a database made before this version must run it once).
DROP TABLE "sok_fts";
DELETE FROM "sok_dokument";
ALTER TABLE "sok_dokument" ADD COLUMN "Atkomst" TEXT NOT NULL DEFAULT '';
CREATE INDEX "IX_sok_dokument_RemissId" ON "sok_dokument" ("RemissId");
CREATE INDEX "IX_sok_dokument_ForalderId" ON "sok_dokument" ("ForalderId");
CREATE VIRTUAL TABLE "sok_fts" USING fts5("TitelOrd", "Ord", "Atkomst", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
