-- The föredragningslista's typed-in items beside the remiss ärenden, and when the kallelse went out (issue #16).
ALTER TABLE sammantraden ADD COLUMN "KallelseSkickadAt" timestamp with time zone NULL;

ALTER TABLE sammantraden ADD COLUMN "KallelseSenastSkickadAt" timestamp with time zone NULL;

CREATE TABLE ovriga_punkter (
    "Id" uuid NOT NULL,
    "SammantradeId" uuid NOT NULL,
    "Ordning" integer NOT NULL,
    "Rubrik" character varying(300) NOT NULL,
    "Dnr" character varying(30),
    "Foredragande" character varying(200),
    "Beslutsforslag" character varying(4000),
    "AnmaldAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_ovriga_punkter" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ovriga_punkter_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES sammantraden ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ovriga_punkter_SammantradeId" ON ovriga_punkter ("SammantradeId");
