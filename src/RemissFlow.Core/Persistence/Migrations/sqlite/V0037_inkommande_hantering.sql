-- What the registrator made of an Inkommande item (issue #17): its workflow (workflows/inkommande), what it became and
-- under which dnr, or why it is no allmän handling, and who handled it when.
ALTER TABLE "inkommande" ADD COLUMN "WorkflowInstanceId" TEXT NULL;
ALTER TABLE "inkommande" ADD COLUMN "BlevTyp" TEXT NULL;
ALTER TABLE "inkommande" ADD COLUMN "BlevId" TEXT NULL;
ALTER TABLE "inkommande" ADD COLUMN "BlevDnr" TEXT NULL;
ALTER TABLE "inkommande" ADD COLUMN "Skal" TEXT NULL;
ALTER TABLE "inkommande" ADD COLUMN "HanteradAv" TEXT NULL;
ALTER TABLE "inkommande" ADD COLUMN "HanteradAvNamn" TEXT NULL;
ALTER TABLE "inkommande" ADD COLUMN "HanteradAt" INTEGER NULL;
