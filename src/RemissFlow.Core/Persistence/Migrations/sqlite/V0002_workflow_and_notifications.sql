-- Workflow engine rows (instances, bookmarks/timers, execution log, published versions) and the
-- notification inbox and e-mail outbox.

CREATE TABLE "notiser" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_notiser" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Rubrik" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Lank" TEXT NULL,
    "ArendeId" TEXT NULL,
    "DedupKey" TEXT NOT NULL,
    "ReadAt" INTEGER NULL
);

CREATE TABLE "utgaende_epost" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_utgaende_epost" PRIMARY KEY,
    "CreatedAt" INTEGER NOT NULL,
    "Till" TEXT NOT NULL,
    "Rubrik" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "DedupKey" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "SentAt" INTEGER NULL,
    "LastError" TEXT NULL,
    "ClaimedBy" TEXT NULL,
    "ClaimedUntil" INTEGER NULL
);

CREATE TABLE "workflow_instances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_workflow_instances" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "SubjectType" TEXT NOT NULL,
    "SubjectId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "workflow_versions" (
    "DefinitionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "PublishedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_workflow_versions" PRIMARY KEY ("DefinitionId", "Version")
);

CREATE TABLE "workflow_bookmarks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_workflow_bookmarks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Trigger" TEXT NULL,
    "ResumeAt" INTEGER NULL,
    "ClaimedBy" TEXT NULL,
    "ClaimedUntil" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_workflow_bookmarks_workflow_instances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "workflow_instances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "workflow_log" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_workflow_log" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Trigger" TEXT NOT NULL,
    "FromState" TEXT NULL,
    "ToState" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "ActorId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "PayloadJson" TEXT NULL,
    CONSTRAINT "FK_workflow_log_workflow_instances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "workflow_instances" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_notiser_DedupKey" ON "notiser" ("DedupKey");

CREATE INDEX "IX_notiser_UserId_ReadAt" ON "notiser" ("UserId", "ReadAt");

CREATE UNIQUE INDEX "IX_utgaende_epost_DedupKey" ON "utgaende_epost" ("DedupKey");

CREATE INDEX "IX_utgaende_epost_SentAt_NextAttemptAt" ON "utgaende_epost" ("SentAt", "NextAttemptAt");

CREATE INDEX "IX_workflow_bookmarks_InstanceId" ON "workflow_bookmarks" ("InstanceId");

CREATE INDEX "IX_workflow_bookmarks_Kind_ResumeAt" ON "workflow_bookmarks" ("Kind", "ResumeAt");

CREATE INDEX "IX_workflow_instances_DefinitionId_Version_State" ON "workflow_instances" ("DefinitionId", "Version", "State");

CREATE UNIQUE INDEX "IX_workflow_instances_SubjectType_SubjectId" ON "workflow_instances" ("SubjectType", "SubjectId");

CREATE UNIQUE INDEX "IX_workflow_log_InstanceId_Sequence" ON "workflow_log" ("InstanceId", "Sequence");
