-- What the registrator made of an Inkommande item (issue #17): its workflow (workflows/inkommande), what it became and
-- under which dnr, or why it is no allmän handling, and who handled it when.
ALTER TABLE inkommande ADD COLUMN "WorkflowInstanceId" uuid;
ALTER TABLE inkommande ADD COLUMN "BlevTyp" character varying(20);
ALTER TABLE inkommande ADD COLUMN "BlevId" uuid;
ALTER TABLE inkommande ADD COLUMN "BlevDnr" character varying(40);
ALTER TABLE inkommande ADD COLUMN "Skal" character varying(1000);
ALTER TABLE inkommande ADD COLUMN "HanteradAv" uuid;
ALTER TABLE inkommande ADD COLUMN "HanteradAvNamn" character varying(300);
ALTER TABLE inkommande ADD COLUMN "HanteradAt" timestamp with time zone;
