-- The föredragningslista's typed-in items beside the remiss ärenden, and when the kallelse went out (issue #16).
ALTER TABLE "sammantraden" ADD COLUMN "KallelseSkickadAt" INTEGER NULL;

ALTER TABLE "sammantraden" ADD COLUMN "KallelseSenastSkickadAt" INTEGER NULL;

CREATE TABLE "ovriga_punkter" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ovriga_punkter" PRIMARY KEY,
    "SammantradeId" TEXT NOT NULL,
    "Ordning" INTEGER NOT NULL,
    "Rubrik" TEXT NOT NULL,
    "Dnr" TEXT NULL,
    "Foredragande" TEXT NULL,
    "Beslutsforslag" TEXT NULL,
    "AnmaldAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ovriga_punkter_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES "sammantraden" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ovriga_punkter_SammantradeId" ON "ovriga_punkter" ("SammantradeId");
