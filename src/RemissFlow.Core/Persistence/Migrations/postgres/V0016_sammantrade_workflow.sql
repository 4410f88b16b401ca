-- The meeting's own workflow (workflows/sammantrade) and the § each agenda item gets when the meeting is opened (issue #16).
ALTER TABLE sammantraden ADD COLUMN "Status" character varying(60) NULL;

ALTER TABLE sammantraden ADD COLUMN "WorkflowInstanceId" uuid NULL;

ALTER TABLE sammantraden ADD COLUMN "OppnatAt" timestamp with time zone NULL;

ALTER TABLE sammantraden ADD COLUMN "AvslutatAt" timestamp with time zone NULL;

ALTER TABLE foredragningspunkter ADD COLUMN "Paragraf" integer NULL;

ALTER TABLE ovriga_punkter ADD COLUMN "Paragraf" integer NULL;
