-- The registry's e-mail read over IMAP (issue #17): each message one Inkommande item, exactly once per organisation
-- and Message-ID; its attachments in the file store; and one claim row per mailbox so one node reads it at a time.
CREATE TABLE inkommande (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Brevlada" character varying(100) NOT NULL,
    "MessageId" character varying(998) NOT NULL,
    "Fran" character varying(300) NOT NULL,
    "Till" character varying(1000) NOT NULL,
    "Rubrik" character varying(300) NOT NULL,
    "Skickad" timestamp with time zone,
    "MottagenAt" timestamp with time zone NOT NULL,
    "Text" character varying(100000) NOT NULL,
    "Storlek" bigint NOT NULL,
    "Anmarkning" character varying(2000),
    "Status" character varying(40) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_inkommande" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_inkommande_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES organisationer ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_inkommande_OrganisationId_MessageId" ON inkommande ("OrganisationId", "MessageId");

CREATE INDEX "IX_inkommande_OrganisationId_Status_MottagenAt" ON inkommande ("OrganisationId", "Status", "MottagenAt");

CREATE TABLE inkommande_bilagor (
    "Id" uuid NOT NULL,
    "InkommandeId" uuid NOT NULL,
    "Ordning" integer NOT NULL,
    "Namn" character varying(255) NOT NULL,
    "MediaType" character varying(200) NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "Storlek" bigint NOT NULL,
    "Avvisad" character varying(1000),
    CONSTRAINT "PK_inkommande_bilagor" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_inkommande_bilagor_inkommande_InkommandeId" FOREIGN KEY ("InkommandeId") REFERENCES inkommande ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_inkommande_bilagor_InkommandeId" ON inkommande_bilagor ("InkommandeId");

CREATE TABLE inkommande_brevlador (
    "Namn" character varying(100) NOT NULL,
    "ClaimedBy" character varying(100),
    "ClaimedUntil" timestamp with time zone,
    "LastPolledAt" timestamp with time zone,
    "LastError" character varying(2000),
    CONSTRAINT "PK_inkommande_brevlador" PRIMARY KEY ("Namn")
);
