-- The masked public copy of a sekretessmarkerad handling (issue #19): one per handling, its bytes in the file store.
CREATE TABLE "maskerade_kopior" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_maskerade_kopior" PRIMARY KEY,
    "HandlingTyp" TEXT NOT NULL,
    "HandlingId" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "MediaType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Maskering" TEXT NOT NULL,
    "SkapadAv" TEXT NULL,
    "SkapadAt" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_maskerade_kopior_HandlingTyp_HandlingId" ON "maskerade_kopior" ("HandlingTyp", "HandlingId");
