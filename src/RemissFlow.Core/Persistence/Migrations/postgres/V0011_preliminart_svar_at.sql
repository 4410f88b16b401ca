-- The date a preliminary answer reached the sender, which KS counts it by, is a column of the answer
-- instead of being read back out of the audit log; old answers get the date the log recorded.
ALTER TABLE "remissvar" ADD COLUMN "PreliminartSvarAt" timestamp with time zone NULL;

UPDATE "remissvar" r
SET "PreliminartSvarAt" = h."At"
FROM (SELECT "ArendeId", MIN("At") AS "At" FROM handelser WHERE "Action" = 'workflow.preliminart_svar' GROUP BY "ArendeId") h
WHERE h."ArendeId" = r."Id" AND r."PreliminartSvarAt" IS NULL;
