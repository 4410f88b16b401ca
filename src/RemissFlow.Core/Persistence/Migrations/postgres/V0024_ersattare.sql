-- Ersättare: a period during which another person of the organisation holds an absent person's work (issue #20).
CREATE TABLE ersattarperioder (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "FranvarandeId" uuid NOT NULL,
    "ErsattareId" uuid NOT NULL,
    "FranOchMed" date NOT NULL,
    "TillOchMed" date NOT NULL,
    "SkapadAv" uuid,
    "SkapadAt" timestamp with time zone NOT NULL,
    "AvslutadAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_ersattarperioder" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ersattarperioder_AspNetUsers_FranvarandeId" FOREIGN KEY ("FranvarandeId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ersattarperioder_AspNetUsers_ErsattareId" FOREIGN KEY ("ErsattareId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ersattarperioder_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES organisationer ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ersattarperioder_ErsattareId_TillOchMed" ON ersattarperioder ("ErsattareId", "TillOchMed");

CREATE INDEX "IX_ersattarperioder_FranvarandeId_TillOchMed" ON ersattarperioder ("FranvarandeId", "TillOchMed");

CREATE INDEX "IX_ersattarperioder_OrganisationId" ON ersattarperioder ("OrganisationId");

-- Who acted on whose behalf: both are recorded, the acting user in ActorId/ActorName as before.
ALTER TABLE handelser ADD COLUMN "PaUppdragAvId" uuid;
ALTER TABLE handelser ADD COLUMN "PaUppdragAvNamn" character varying(200);

ALTER TABLE tjansteutlatanden ADD COLUMN "GodkandPaUppdragAv" uuid;
