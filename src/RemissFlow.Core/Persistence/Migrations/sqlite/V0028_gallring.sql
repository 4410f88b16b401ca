-- Gallring by a dokumenthanteringsplan (issue #19): the plan's rows (every edit a new version), the arkivarie's
-- gallringsbeslut with the handlingar it covers, and the gallringsnotering that takes each gallrad handling's place.
CREATE TABLE "gallringsplan" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_gallringsplan" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "Handlingstyp" TEXT NOT NULL,
    "PlanVersion" INTEGER NOT NULL,
    "Atgard" TEXT NOT NULL,
    "Ar" INTEGER NULL,
    "Utgangspunkt" TEXT NULL,
    "Anmarkning" TEXT NULL,
    "Giltig" INTEGER NOT NULL,
    "AndradAv" TEXT NULL,
    "AndradAt" INTEGER NOT NULL,
    CONSTRAINT "FK_gallringsplan_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_gallringsplan_OrganisationId_Handlingstyp_PlanVersion" ON "gallringsplan" ("OrganisationId", "Handlingstyp", "PlanVersion");

CREATE TABLE "gallringsbeslut" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_gallringsbeslut" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "Beteckning" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "WorkflowInstanceId" TEXT NULL,
    "SkapadAv" TEXT NULL,
    "SkapadAt" INTEGER NOT NULL,
    "BeslutadAv" TEXT NULL,
    "BeslutadAvNamn" TEXT NULL,
    "BeslutadAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_gallringsbeslut_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_gallringsbeslut_Beteckning" ON "gallringsbeslut" ("Beteckning");

CREATE INDEX "IX_gallringsbeslut_OrganisationId_Status" ON "gallringsbeslut" ("OrganisationId", "Status");

CREATE TABLE "gallringsbeslut_poster" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_gallringsbeslut_poster" PRIMARY KEY,
    "BeslutId" TEXT NOT NULL,
    "Handlingstyp" TEXT NOT NULL,
    "HandlingId" TEXT NOT NULL,
    "ArendeTyp" TEXT NOT NULL,
    "ArendeId" TEXT NOT NULL,
    "Dnr" TEXT NULL,
    "Namn" TEXT NOT NULL,
    "PlanradId" TEXT NOT NULL,
    "GallrasFran" TEXT NOT NULL,
    "Skal" TEXT NOT NULL,
    CONSTRAINT "FK_gallringsbeslut_poster_gallringsbeslut_BeslutId" FOREIGN KEY ("BeslutId") REFERENCES "gallringsbeslut" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_gallringsbeslut_poster_gallringsplan_PlanradId" FOREIGN KEY ("PlanradId") REFERENCES "gallringsplan" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_gallringsbeslut_poster_BeslutId" ON "gallringsbeslut_poster" ("BeslutId");

CREATE INDEX "IX_gallringsbeslut_poster_HandlingId" ON "gallringsbeslut_poster" ("HandlingId");

CREATE TABLE "gallringsnoteringar" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_gallringsnoteringar" PRIMARY KEY,
    "ArendeTyp" TEXT NOT NULL,
    "ArendeId" TEXT NOT NULL,
    "Dnr" TEXT NULL,
    "Handlingstyp" TEXT NOT NULL,
    "HandlingId" TEXT NOT NULL,
    "Namn" TEXT NOT NULL,
    "MediaType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "BeslutId" TEXT NOT NULL,
    "PlanradId" TEXT NOT NULL,
    "GallradAv" TEXT NULL,
    "GallradAt" INTEGER NOT NULL,
    CONSTRAINT "FK_gallringsnoteringar_gallringsbeslut_BeslutId" FOREIGN KEY ("BeslutId") REFERENCES "gallringsbeslut" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_gallringsnoteringar_gallringsplan_PlanradId" FOREIGN KEY ("PlanradId") REFERENCES "gallringsplan" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_gallringsnoteringar_ArendeId" ON "gallringsnoteringar" ("ArendeId");

CREATE UNIQUE INDEX "IX_gallringsnoteringar_HandlingId" ON "gallringsnoteringar" ("HandlingId");
