-- Search access in the index (issue #15): each row carries the access keys of the page it links to as
-- lexemes in "Ord" (SearchAccess, written with array_to_tsvector so no parser touches them), kept by the
-- same transaction as the data, so a query's access check is part of the GIN lookup instead of a join per
-- match. The rows are written again with their keys: `remissflow search rebuild` fills the index (a
-- database made before this version must run it once).
DELETE FROM "sok_dokument";
ALTER TABLE "sok_dokument" ADD COLUMN "Atkomst" text NOT NULL DEFAULT '';
CREATE INDEX "IX_sok_dokument_RemissId" ON "sok_dokument" ("RemissId");
CREATE INDEX "IX_sok_dokument_ForalderId" ON "sok_dokument" ("ForalderId");
