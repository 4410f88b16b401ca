-- Expediering (issue #18): an outgoing e-mail may carry several files (the answer as PDF and as Word), and what was
-- sent to an outside sender, to whom and when is kept per ärende; that moment is the answer's expedierad date.
CREATE TABLE "utgaende_epost_bilagor" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_utgaende_epost_bilagor" PRIMARY KEY,
    "EpostId" TEXT NOT NULL,
    "Ordning" INTEGER NOT NULL,
    "Namn" TEXT NOT NULL,
    "Typ" TEXT NOT NULL,
    "Innehall" BLOB NOT NULL
);

CREATE INDEX "IX_utgaende_epost_bilagor_EpostId" ON "utgaende_epost_bilagor" ("EpostId");

CREATE TABLE "expedieringar" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_expedieringar" PRIMARY KEY,
    "RemissvarId" TEXT NOT NULL,
    "RemissId" TEXT NOT NULL,
    "ExpedieradAt" INTEGER NOT NULL,
    "ExpedieradAv" TEXT NULL,
    "Till" TEXT NOT NULL,
    "Amne" TEXT NOT NULL,
    "Filer" TEXT NOT NULL,
    "EpostId" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_expedieringar_RemissvarId" ON "expedieringar" ("RemissvarId");

CREATE INDEX "IX_expedieringar_RemissId" ON "expedieringar" ("RemissId");
