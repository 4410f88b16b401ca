-- The meeting's protokoll, its digital justering and its anslag on the anslagstavla (issue #16).
CREATE TABLE "protokoll" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_protokoll" PRIMARY KEY,
    "SammantradeId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "WorkflowInstanceId" TEXT NULL,
    "JusterareIds" TEXT NOT NULL,
    "JusteringTid" INTEGER NULL,
    "JusteringPlats" TEXT NULL,
    "Forvaringsplats" TEXT NULL,
    "EjOffentliga" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "JusteratDatum" TEXT NULL,
    "AnslagUppsatt" TEXT NULL,
    "AnslagNedtaget" TEXT NULL,
    "SenMarkeradAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_protokoll_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES "sammantraden" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_protokoll_SammantradeId" ON "protokoll" ("SammantradeId");

CREATE INDEX "IX_protokoll_Status" ON "protokoll" ("Status");

CREATE TABLE "protokoll_godkannanden" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_protokoll_godkannanden" PRIMARY KEY,
    "ProtokollId" TEXT NOT NULL,
    "LedamotId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Namn" TEXT NOT NULL,
    "Roll" TEXT NOT NULL,
    "ParagrafId" TEXT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_protokoll_godkannanden_protokoll_ProtokollId" FOREIGN KEY ("ProtokollId") REFERENCES "protokoll" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_protokoll_godkannanden_ledamoter_LedamotId" FOREIGN KEY ("LedamotId") REFERENCES "ledamoter" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_protokoll_godkannanden_ProtokollId" ON "protokoll_godkannanden" ("ProtokollId");

CREATE INDEX "IX_protokoll_godkannanden_LedamotId" ON "protokoll_godkannanden" ("LedamotId");
