-- The chain (issue #18): outside senders with their own dnr format, answer address and delivery rule, a remiss
-- received from one of them, and the internal remiss sent on from the receiving organisation's ärende.
ALTER TABLE "organisationer" ADD COLUMN "AvsandareTyp" TEXT NULL;
ALTER TABLE "organisationer" ADD COLUMN "DnrFormat" TEXT NULL;
ALTER TABLE "organisationer" ADD COLUMN "SvarsEpost" TEXT NULL;
ALTER TABLE "organisationer" ADD COLUMN "SvarsAdress" TEXT NULL;
ALTER TABLE "organisationer" ADD COLUMN "LeveransPdf" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "organisationer" ADD COLUMN "LeveransWord" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "organisationer" ADD COLUMN "LeveransDnrIAmne" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "organisationer" ADD COLUMN "LeveransFilnamn" TEXT NULL;

ALTER TABLE "remisser" ADD COLUMN "MottagenDatum" TEXT NULL;
ALTER TABLE "remisser" ADD COLUMN "ExterntArendeId" TEXT NULL REFERENCES "remissvar" ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_remisser_ExterntArendeId" ON "remisser" ("ExterntArendeId");
