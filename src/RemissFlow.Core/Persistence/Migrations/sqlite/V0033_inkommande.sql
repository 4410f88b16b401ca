-- The registry's e-mail read over IMAP (issue #17): each message one Inkommande item, exactly once per organisation
-- and Message-ID; its attachments in the file store; and one claim row per mailbox so one node reads it at a time.
CREATE TABLE "inkommande" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_inkommande" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "Brevlada" TEXT NOT NULL,
    "MessageId" TEXT NOT NULL,
    "Fran" TEXT NOT NULL,
    "Till" TEXT NOT NULL,
    "Rubrik" TEXT NOT NULL,
    "Skickad" INTEGER NULL,
    "MottagenAt" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "Storlek" INTEGER NOT NULL,
    "Anmarkning" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_inkommande_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_inkommande_OrganisationId_MessageId" ON "inkommande" ("OrganisationId", "MessageId");

CREATE INDEX "IX_inkommande_OrganisationId_Status_MottagenAt" ON "inkommande" ("OrganisationId", "Status", "MottagenAt");

CREATE TABLE "inkommande_bilagor" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_inkommande_bilagor" PRIMARY KEY,
    "InkommandeId" TEXT NOT NULL,
    "Ordning" INTEGER NOT NULL,
    "Namn" TEXT NOT NULL,
    "MediaType" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Storlek" INTEGER NOT NULL,
    "Avvisad" TEXT NULL,
    CONSTRAINT "FK_inkommande_bilagor_inkommande_InkommandeId" FOREIGN KEY ("InkommandeId") REFERENCES "inkommande" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_inkommande_bilagor_InkommandeId" ON "inkommande_bilagor" ("InkommandeId");

CREATE TABLE "inkommande_brevlador" (
    "Namn" TEXT NOT NULL CONSTRAINT "PK_inkommande_brevlador" PRIMARY KEY,
    "ClaimedBy" TEXT NULL,
    "ClaimedUntil" INTEGER NULL,
    "LastPolledAt" INTEGER NULL,
    "LastError" TEXT NULL
);
