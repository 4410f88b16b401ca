-- An organisation's template overrides per document kind (issue #21), one row per saved version; the newest applies.
CREATE TABLE "dokumentmallar" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_dokumentmallar" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "Dokumenttyp" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Innehall" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "SkapadAv" TEXT NULL,
    "SkapadAt" INTEGER NOT NULL,
    CONSTRAINT "FK_dokumentmallar_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_dokumentmallar_OrganisationId_Dokumenttyp_Version" ON "dokumentmallar" ("OrganisationId", "Dokumenttyp", "Version");
