-- The meeting's protokoll, its digital justering and its anslag on the anslagstavla (issue #16).
CREATE TABLE protokoll (
    "Id" uuid NOT NULL,
    "SammantradeId" uuid NOT NULL,
    "Status" character varying(40) NOT NULL,
    "WorkflowInstanceId" uuid,
    "JusterareIds" uuid[] NOT NULL,
    "JusteringTid" timestamp with time zone,
    "JusteringPlats" character varying(200),
    "Forvaringsplats" character varying(300),
    "EjOffentliga" uuid[] NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "JusteratDatum" date,
    "AnslagUppsatt" date,
    "AnslagNedtaget" date,
    "SenMarkeradAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_protokoll" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_protokoll_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES sammantraden ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_protokoll_SammantradeId" ON protokoll ("SammantradeId");

CREATE INDEX "IX_protokoll_Status" ON protokoll ("Status");

CREATE TABLE protokoll_godkannanden (
    "Id" uuid NOT NULL,
    "ProtokollId" uuid NOT NULL,
    "LedamotId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Namn" character varying(200) NOT NULL,
    "Roll" character varying(40) NOT NULL,
    "ParagrafId" uuid,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_protokoll_godkannanden" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_protokoll_godkannanden_protokoll_ProtokollId" FOREIGN KEY ("ProtokollId") REFERENCES protokoll ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_protokoll_godkannanden_ledamoter_LedamotId" FOREIGN KEY ("LedamotId") REFERENCES ledamoter ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_protokoll_godkannanden_ProtokollId" ON protokoll_godkannanden ("ProtokollId");

CREATE INDEX "IX_protokoll_godkannanden_LedamotId" ON protokoll_godkannanden ("LedamotId");
