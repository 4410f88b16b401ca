-- Workflow engine rows (instances, bookmarks/timers, execution log, published versions) and the
-- notification inbox and e-mail outbox.

CREATE TABLE notiser (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Rubrik" character varying(300) NOT NULL,
    "Text" character varying(4000) NOT NULL,
    "Lank" character varying(500),
    "ArendeId" uuid,
    "DedupKey" character varying(200) NOT NULL,
    "ReadAt" timestamp with time zone,
    CONSTRAINT "PK_notiser" PRIMARY KEY ("Id")
);

CREATE TABLE utgaende_epost (
    "Id" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Till" character varying(200) NOT NULL,
    "Rubrik" character varying(300) NOT NULL,
    "Text" character varying(10000) NOT NULL,
    "DedupKey" character varying(200) NOT NULL,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "SentAt" timestamp with time zone,
    "LastError" character varying(2000),
    "ClaimedBy" character varying(100),
    "ClaimedUntil" timestamp with time zone,
    CONSTRAINT "PK_utgaende_epost" PRIMARY KEY ("Id")
);

CREATE TABLE workflow_instances (
    "Id" uuid NOT NULL,
    "DefinitionId" character varying(100) NOT NULL,
    "Version" integer NOT NULL,
    "State" character varying(60) NOT NULL,
    "SubjectType" character varying(60) NOT NULL,
    "SubjectId" uuid NOT NULL,
    "Sequence" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_workflow_instances" PRIMARY KEY ("Id")
);

CREATE TABLE workflow_versions (
    "DefinitionId" character varying(100) NOT NULL,
    "Version" integer NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "PublishedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_workflow_versions" PRIMARY KEY ("DefinitionId", "Version")
);

CREATE TABLE workflow_bookmarks (
    "Id" uuid NOT NULL,
    "InstanceId" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Trigger" character varying(100),
    "ResumeAt" timestamp with time zone,
    "ClaimedBy" character varying(100),
    "ClaimedUntil" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_workflow_bookmarks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_workflow_bookmarks_workflow_instances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES workflow_instances ("Id") ON DELETE CASCADE
);

CREATE TABLE workflow_log (
    "Id" uuid NOT NULL,
    "InstanceId" uuid NOT NULL,
    "Sequence" bigint NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Trigger" character varying(100) NOT NULL,
    "FromState" character varying(60),
    "ToState" character varying(60) NOT NULL,
    "Version" integer NOT NULL,
    "ActorId" uuid,
    "ActorName" character varying(200) NOT NULL,
    "PayloadJson" text,
    CONSTRAINT "PK_workflow_log" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_workflow_log_workflow_instances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES workflow_instances ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_notiser_DedupKey" ON notiser ("DedupKey");

CREATE INDEX "IX_notiser_UserId_ReadAt" ON notiser ("UserId", "ReadAt");

CREATE UNIQUE INDEX "IX_utgaende_epost_DedupKey" ON utgaende_epost ("DedupKey");

CREATE INDEX "IX_utgaende_epost_SentAt_NextAttemptAt" ON utgaende_epost ("SentAt", "NextAttemptAt");

CREATE INDEX "IX_workflow_bookmarks_InstanceId" ON workflow_bookmarks ("InstanceId");

CREATE INDEX "IX_workflow_bookmarks_Kind_ResumeAt" ON workflow_bookmarks ("Kind", "ResumeAt");

CREATE INDEX "IX_workflow_instances_DefinitionId_Version_State" ON workflow_instances ("DefinitionId", "Version", "State");

CREATE UNIQUE INDEX "IX_workflow_instances_SubjectType_SubjectId" ON workflow_instances ("SubjectType", "SubjectId");

CREATE UNIQUE INDEX "IX_workflow_log_InstanceId_Sequence" ON workflow_log ("InstanceId", "Sequence");
