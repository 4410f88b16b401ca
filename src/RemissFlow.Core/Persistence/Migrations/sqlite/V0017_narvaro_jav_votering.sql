-- At the meeting: närvaro and who serves for whom, jäv per item, voteringar by name (issue #16).
CREATE TABLE "narvaro" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_narvaro" PRIMARY KEY,
    "SammantradeId" TEXT NOT NULL,
    "LedamotId" TEXT NOT NULL,
    "Narvarande" INTEGER NOT NULL,
    "ErsatterLedamotId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_narvaro_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES "sammantraden" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_narvaro_ledamoter_LedamotId" FOREIGN KEY ("LedamotId") REFERENCES "ledamoter" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_narvaro_SammantradeId_LedamotId" ON "narvaro" ("SammantradeId", "LedamotId");

CREATE INDEX "IX_narvaro_LedamotId" ON "narvaro" ("LedamotId");

CREATE TABLE "jav" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_jav" PRIMARY KEY,
    "SammantradeId" TEXT NOT NULL,
    "PunktId" TEXT NOT NULL,
    "LedamotId" TEXT NOT NULL,
    "ErsattareId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_jav_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES "sammantraden" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_jav_ledamoter_LedamotId" FOREIGN KEY ("LedamotId") REFERENCES "ledamoter" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_jav_SammantradeId_PunktId_LedamotId" ON "jav" ("SammantradeId", "PunktId", "LedamotId");

CREATE INDEX "IX_jav_LedamotId" ON "jav" ("LedamotId");

CREATE TABLE "voteringar" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_voteringar" PRIMARY KEY,
    "SammantradeId" TEXT NOT NULL,
    "PunktId" TEXT NOT NULL,
    "JaForslag" TEXT NOT NULL,
    "NejForslag" TEXT NOT NULL,
    "Ja" INTEGER NOT NULL,
    "Nej" INTEGER NOT NULL,
    "Avstar" INTEGER NOT NULL,
    "Utfall" TEXT NOT NULL,
    "Utslagsrost" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "roster" TEXT NULL,
    CONSTRAINT "FK_voteringar_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES "sammantraden" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_voteringar_SammantradeId_PunktId" ON "voteringar" ("SammantradeId", "PunktId");
