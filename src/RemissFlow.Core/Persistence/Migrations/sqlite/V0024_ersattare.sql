-- Ersättare: a period during which another person of the organisation holds an absent person's work (issue #20).
CREATE TABLE "ersattarperioder" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ersattarperioder" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "FranvarandeId" TEXT NOT NULL,
    "ErsattareId" TEXT NOT NULL,
    "FranOchMed" TEXT NOT NULL,
    "TillOchMed" TEXT NOT NULL,
    "SkapadAv" TEXT NULL,
    "SkapadAt" INTEGER NOT NULL,
    "AvslutadAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ersattarperioder_AspNetUsers_FranvarandeId" FOREIGN KEY ("FranvarandeId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ersattarperioder_AspNetUsers_ErsattareId" FOREIGN KEY ("ErsattareId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ersattarperioder_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ersattarperioder_ErsattareId_TillOchMed" ON "ersattarperioder" ("ErsattareId", "TillOchMed");

CREATE INDEX "IX_ersattarperioder_FranvarandeId_TillOchMed" ON "ersattarperioder" ("FranvarandeId", "TillOchMed");

CREATE INDEX "IX_ersattarperioder_OrganisationId" ON "ersattarperioder" ("OrganisationId");

-- Who acted on whose behalf: both are recorded, the acting user in ActorId/ActorName as before.
ALTER TABLE "handelser" ADD COLUMN "PaUppdragAvId" TEXT NULL;
ALTER TABLE "handelser" ADD COLUMN "PaUppdragAvNamn" TEXT NULL;

ALTER TABLE "tjansteutlatanden" ADD COLUMN "GodkandPaUppdragAv" TEXT NULL;
