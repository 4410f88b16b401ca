-- The chain (issue #18): outside senders with their own dnr format, answer address and delivery rule, a remiss
-- received from one of them, and the internal remiss sent on from the receiving organisation's ärende.
ALTER TABLE "organisationer" ADD COLUMN "AvsandareTyp" character varying(40) NULL;
ALTER TABLE "organisationer" ADD COLUMN "DnrFormat" character varying(60) NULL;
ALTER TABLE "organisationer" ADD COLUMN "SvarsEpost" character varying(200) NULL;
ALTER TABLE "organisationer" ADD COLUMN "SvarsAdress" character varying(300) NULL;
ALTER TABLE "organisationer" ADD COLUMN "LeveransPdf" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "organisationer" ADD COLUMN "LeveransWord" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "organisationer" ADD COLUMN "LeveransDnrIAmne" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "organisationer" ADD COLUMN "LeveransFilnamn" character varying(200) NULL;

ALTER TABLE "remisser" ADD COLUMN "MottagenDatum" date NULL;
ALTER TABLE "remisser" ADD COLUMN "ExterntArendeId" uuid NULL;
ALTER TABLE "remisser" ADD CONSTRAINT "FK_remisser_remissvar_ExterntArendeId" FOREIGN KEY ("ExterntArendeId") REFERENCES "remissvar" ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_remisser_ExterntArendeId" ON "remisser" ("ExterntArendeId");
