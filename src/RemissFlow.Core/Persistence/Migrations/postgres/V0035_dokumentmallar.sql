-- An organisation's template overrides per document kind (issue #21), one row per saved version; the newest applies.
CREATE TABLE dokumentmallar (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Dokumenttyp" character varying(40) NOT NULL,
    "Version" integer NOT NULL,
    "Innehall" text NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "SkapadAv" uuid,
    "SkapadAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_dokumentmallar" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_dokumentmallar_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES organisationer ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_dokumentmallar_OrganisationId_Dokumenttyp_Version" ON dokumentmallar ("OrganisationId", "Dokumenttyp", "Version");
