-- The search index (Core/Search). One row per searchable item with what the result list shows and
-- the keys its access rule is checked by at query time against the live tables; the words are in an
-- FTS5 table beside it, already folded and stemmed by SwedishAnalysis (SQLite has no Swedish stemmer).
CREATE TABLE "sok_dokument" (
    "Nr" INTEGER PRIMARY KEY,
    "Id" TEXT NOT NULL,
    "Typ" TEXT NOT NULL,
    "RemissId" TEXT NULL,
    "RemissvarId" TEXT NULL,
    "OrganisationId" TEXT NULL,
    "ForalderId" TEXT NULL,
    "Nummer" INTEGER NULL,
    "Datum" TEXT NULL,
    "Titel" TEXT NOT NULL,
    "Dnr" TEXT NULL,
    "DnrNorm" TEXT NULL,
    "DnrNr" TEXT NULL,
    "Text" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IX_sok_dokument_Id" ON "sok_dokument" ("Id");
CREATE INDEX "IX_sok_dokument_DnrNorm" ON "sok_dokument" ("DnrNorm");
CREATE INDEX "IX_sok_dokument_DnrNr" ON "sok_dokument" ("DnrNr");
CREATE INDEX "IX_sok_dokument_RemissvarId" ON "sok_dokument" ("RemissvarId");
CREATE VIRTUAL TABLE "sok_fts" USING fts5("TitelOrd", "Ord", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
