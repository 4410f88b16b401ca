-- At the meeting: närvaro and who serves for whom, jäv per item, voteringar by name (issue #16).
CREATE TABLE narvaro (
    "Id" uuid NOT NULL,
    "SammantradeId" uuid NOT NULL,
    "LedamotId" uuid NOT NULL,
    "Narvarande" boolean NOT NULL,
    "ErsatterLedamotId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_narvaro" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_narvaro_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES sammantraden ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_narvaro_ledamoter_LedamotId" FOREIGN KEY ("LedamotId") REFERENCES ledamoter ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_narvaro_SammantradeId_LedamotId" ON narvaro ("SammantradeId", "LedamotId");

CREATE INDEX "IX_narvaro_LedamotId" ON narvaro ("LedamotId");

CREATE TABLE jav (
    "Id" uuid NOT NULL,
    "SammantradeId" uuid NOT NULL,
    "PunktId" uuid NOT NULL,
    "LedamotId" uuid NOT NULL,
    "ErsattareId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_jav" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_jav_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES sammantraden ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_jav_ledamoter_LedamotId" FOREIGN KEY ("LedamotId") REFERENCES ledamoter ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_jav_SammantradeId_PunktId_LedamotId" ON jav ("SammantradeId", "PunktId", "LedamotId");

CREATE INDEX "IX_jav_LedamotId" ON jav ("LedamotId");

CREATE TABLE voteringar (
    "Id" uuid NOT NULL,
    "SammantradeId" uuid NOT NULL,
    "PunktId" uuid NOT NULL,
    "JaForslag" character varying(1000) NOT NULL,
    "NejForslag" character varying(1000) NOT NULL,
    "Ja" integer NOT NULL,
    "Nej" integer NOT NULL,
    "Avstar" integer NOT NULL,
    "Utfall" character varying(1000) NOT NULL,
    "Utslagsrost" boolean NOT NULL,
    "Version" integer NOT NULL,
    roster jsonb,
    CONSTRAINT "PK_voteringar" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_voteringar_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES sammantraden ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_voteringar_SammantradeId_PunktId" ON voteringar ("SammantradeId", "PunktId");
