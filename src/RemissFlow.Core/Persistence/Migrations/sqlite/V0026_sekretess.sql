-- Sekretess per handling (issue #19): the OSL provisions the administratör keeps, and one marking per handling.
CREATE TABLE "osl_bestammelser" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_osl_bestammelser" PRIMARY KEY,
    "Kapitel" INTEGER NOT NULL,
    "Paragraf" INTEGER NOT NULL,
    "Beskrivning" TEXT NOT NULL,
    "Aktiv" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_osl_bestammelser_Kapitel_Paragraf" ON "osl_bestammelser" ("Kapitel", "Paragraf");

CREATE TABLE "sekretessmarkeringar" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sekretessmarkeringar" PRIMARY KEY,
    "HandlingTyp" TEXT NOT NULL,
    "HandlingId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "OslBestammelseId" TEXT NOT NULL,
    "Skal" TEXT NOT NULL,
    "MarkeradAv" TEXT NULL,
    "MarkeradAt" INTEGER NOT NULL,
    CONSTRAINT "FK_sekretessmarkeringar_osl_bestammelser_OslBestammelseId" FOREIGN KEY ("OslBestammelseId") REFERENCES "osl_bestammelser" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_sekretessmarkeringar_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_sekretessmarkeringar_HandlingTyp_HandlingId" ON "sekretessmarkeringar" ("HandlingTyp", "HandlingId");

CREATE INDEX "IX_sekretessmarkeringar_OrganisationId" ON "sekretessmarkeringar" ("OrganisationId");

-- The provisions a municipality cites most often; the administratör adds others.
INSERT INTO "osl_bestammelser" ("Id", "Kapitel", "Paragraf", "Beskrivning", "Aktiv") VALUES ('0195F0A0-0000-7000-8000-000000000001', 18, 8, 'Säkerhets- eller bevakningsåtgärd', 1);
INSERT INTO "osl_bestammelser" ("Id", "Kapitel", "Paragraf", "Beskrivning", "Aktiv") VALUES ('0195F0A0-0000-7000-8000-000000000002', 19, 3, 'Upphandling: anbud och uppgifter i upphandlingen', 1);
INSERT INTO "osl_bestammelser" ("Id", "Kapitel", "Paragraf", "Beskrivning", "Aktiv") VALUES ('0195F0A0-0000-7000-8000-000000000003', 21, 1, 'Uppgift om hälsa eller sexualliv', 1);
INSERT INTO "osl_bestammelser" ("Id", "Kapitel", "Paragraf", "Beskrivning", "Aktiv") VALUES ('0195F0A0-0000-7000-8000-000000000004', 21, 3, 'Uppgift om var en enskild bor, när den enskilde förföljs (skyddade personuppgifter)', 1);
INSERT INTO "osl_bestammelser" ("Id", "Kapitel", "Paragraf", "Beskrivning", "Aktiv") VALUES ('0195F0A0-0000-7000-8000-000000000005', 21, 7, 'Personuppgift som skulle behandlas i strid med dataskyddsregleringen', 1);
INSERT INTO "osl_bestammelser" ("Id", "Kapitel", "Paragraf", "Beskrivning", "Aktiv") VALUES ('0195F0A0-0000-7000-8000-000000000006', 25, 1, 'Hälso- och sjukvård: enskilds hälsotillstånd och personliga förhållanden', 1);
INSERT INTO "osl_bestammelser" ("Id", "Kapitel", "Paragraf", "Beskrivning", "Aktiv") VALUES ('0195F0A0-0000-7000-8000-000000000007', 26, 1, 'Socialtjänst: enskilds personliga förhållanden', 1);
INSERT INTO "osl_bestammelser" ("Id", "Kapitel", "Paragraf", "Beskrivning", "Aktiv") VALUES ('0195F0A0-0000-7000-8000-000000000008', 31, 16, 'Enskilds affärs- eller driftförhållanden i affärsförbindelse med myndigheten', 1);
