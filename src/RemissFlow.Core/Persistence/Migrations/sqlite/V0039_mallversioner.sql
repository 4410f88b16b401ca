-- Every resolved template a TU version was approved with, by its SHA-256 (issue #21): an approved TU renders with the
-- template it was approved under, whatever the organisation's template says later. Content-addressed, never changed.
CREATE TABLE "mallversioner" (
    "Sha256" TEXT NOT NULL CONSTRAINT "PK_mallversioner" PRIMARY KEY,
    "Dokumenttyp" TEXT NOT NULL,
    "Innehall" TEXT NOT NULL
);

ALTER TABLE "tjansteutlatande_versioner" ADD COLUMN "MallVersion" TEXT NULL REFERENCES "mallversioner" ("Sha256") ON DELETE RESTRICT;
CREATE INDEX "IX_tjansteutlatande_versioner_MallVersion" ON "tjansteutlatande_versioner" ("MallVersion");
