-- The date a preliminary answer reached the sender, which KS counts it by, is a column of the answer
-- instead of being read back out of the audit log; old answers get the date the log recorded.
ALTER TABLE "remissvar" ADD COLUMN "PreliminartSvarAt" INTEGER NULL;

UPDATE "remissvar"
SET "PreliminartSvarAt" = (
    SELECT MIN(h."At") FROM "handelser" h
    WHERE h."ArendeId" = "remissvar"."Id" AND h."Action" = 'workflow.preliminart_svar')
WHERE "PreliminartSvarAt" IS NULL;
