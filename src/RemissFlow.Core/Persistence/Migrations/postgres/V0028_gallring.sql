-- Gallring by a dokumenthanteringsplan (issue #19): the plan's rows (every edit a new version), the arkivarie's
-- gallringsbeslut with the handlingar it covers, and the gallringsnotering that takes each gallrad handling's place.
CREATE TABLE gallringsplan (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Handlingstyp" character varying(40) NOT NULL,
    "PlanVersion" integer NOT NULL,
    "Atgard" character varying(20) NOT NULL,
    "Ar" integer,
    "Utgangspunkt" character varying(40),
    "Anmarkning" character varying(500),
    "Giltig" boolean NOT NULL,
    "AndradAv" uuid,
    "AndradAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_gallringsplan" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_gallringsplan_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES organisationer ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_gallringsplan_OrganisationId_Handlingstyp_PlanVersion" ON gallringsplan ("OrganisationId", "Handlingstyp", "PlanVersion");

CREATE TABLE gallringsbeslut (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Beteckning" character varying(40) NOT NULL,
    "Status" character varying(40) NOT NULL,
    "WorkflowInstanceId" uuid,
    "SkapadAv" uuid,
    "SkapadAt" timestamp with time zone NOT NULL,
    "BeslutadAv" uuid,
    "BeslutadAvNamn" character varying(200),
    "BeslutadAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_gallringsbeslut" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_gallringsbeslut_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES organisationer ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_gallringsbeslut_Beteckning" ON gallringsbeslut ("Beteckning");

CREATE INDEX "IX_gallringsbeslut_OrganisationId_Status" ON gallringsbeslut ("OrganisationId", "Status");

CREATE TABLE gallringsbeslut_poster (
    "Id" uuid NOT NULL,
    "BeslutId" uuid NOT NULL,
    "Handlingstyp" character varying(40) NOT NULL,
    "HandlingId" uuid NOT NULL,
    "ArendeTyp" character varying(40) NOT NULL,
    "ArendeId" uuid NOT NULL,
    "Dnr" character varying(50),
    "Namn" character varying(300) NOT NULL,
    "PlanradId" uuid NOT NULL,
    "GallrasFran" date NOT NULL,
    "Skal" character varying(500) NOT NULL,
    CONSTRAINT "PK_gallringsbeslut_poster" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_gallringsbeslut_poster_gallringsbeslut_BeslutId" FOREIGN KEY ("BeslutId") REFERENCES gallringsbeslut ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_gallringsbeslut_poster_gallringsplan_PlanradId" FOREIGN KEY ("PlanradId") REFERENCES gallringsplan ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_gallringsbeslut_poster_BeslutId" ON gallringsbeslut_poster ("BeslutId");

CREATE INDEX "IX_gallringsbeslut_poster_HandlingId" ON gallringsbeslut_poster ("HandlingId");

CREATE TABLE gallringsnoteringar (
    "Id" uuid NOT NULL,
    "ArendeTyp" character varying(40) NOT NULL,
    "ArendeId" uuid NOT NULL,
    "Dnr" character varying(50),
    "Handlingstyp" character varying(40) NOT NULL,
    "HandlingId" uuid NOT NULL,
    "Namn" character varying(300) NOT NULL,
    "MediaType" character varying(150) NOT NULL,
    "Size" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "BeslutId" uuid NOT NULL,
    "PlanradId" uuid NOT NULL,
    "GallradAv" uuid,
    "GallradAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_gallringsnoteringar" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_gallringsnoteringar_gallringsbeslut_BeslutId" FOREIGN KEY ("BeslutId") REFERENCES gallringsbeslut ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_gallringsnoteringar_gallringsplan_PlanradId" FOREIGN KEY ("PlanradId") REFERENCES gallringsplan ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_gallringsnoteringar_ArendeId" ON gallringsnoteringar ("ArendeId");

CREATE UNIQUE INDEX "IX_gallringsnoteringar_HandlingId" ON gallringsnoteringar ("HandlingId");
