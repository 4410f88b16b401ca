-- The meeting's own workflow (workflows/sammantrade) and the § each agenda item gets when the meeting is opened (issue #16).
ALTER TABLE "sammantraden" ADD COLUMN "Status" TEXT NULL;

ALTER TABLE "sammantraden" ADD COLUMN "WorkflowInstanceId" TEXT NULL;

ALTER TABLE "sammantraden" ADD COLUMN "OppnatAt" INTEGER NULL;

ALTER TABLE "sammantraden" ADD COLUMN "AvslutatAt" INTEGER NULL;

ALTER TABLE "foredragningspunkter" ADD COLUMN "Paragraf" INTEGER NULL;

ALTER TABLE "ovriga_punkter" ADD COLUMN "Paragraf" INTEGER NULL;
