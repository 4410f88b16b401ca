-- Expediering (issue #18): an outgoing e-mail may carry several files (the answer as PDF and as Word), and what was
-- sent to an outside sender, to whom and when is kept per ärende; that moment is the answer's expedierad date.
CREATE TABLE utgaende_epost_bilagor (
    "Id" uuid NOT NULL,
    "EpostId" uuid NOT NULL,
    "Ordning" integer NOT NULL,
    "Namn" character varying(200) NOT NULL,
    "Typ" character varying(200) NOT NULL,
    "Innehall" bytea NOT NULL,
    CONSTRAINT "PK_utgaende_epost_bilagor" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_utgaende_epost_bilagor_EpostId" ON utgaende_epost_bilagor ("EpostId");

CREATE TABLE expedieringar (
    "Id" uuid NOT NULL,
    "RemissvarId" uuid NOT NULL,
    "RemissId" uuid NOT NULL,
    "ExpedieradAt" timestamp with time zone NOT NULL,
    "ExpedieradAv" uuid,
    "Till" character varying(200) NOT NULL,
    "Amne" character varying(300) NOT NULL,
    "Filer" character varying(2000) NOT NULL,
    "EpostId" uuid NOT NULL,
    CONSTRAINT "PK_expedieringar" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_expedieringar_RemissvarId" ON expedieringar ("RemissvarId");

CREATE INDEX "IX_expedieringar_RemissId" ON expedieringar ("RemissId");
