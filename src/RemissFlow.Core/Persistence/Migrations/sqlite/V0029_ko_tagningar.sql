-- Shared queues per organisation and role (issue #20): who has taken an ärende out of its queue, for which version of it.
CREATE TABLE "ko_tagningar" (
    "RemissvarId" TEXT NOT NULL CONSTRAINT "PK_ko_tagningar" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "Roll" TEXT NOT NULL,
    "SvarVersion" INTEGER NOT NULL,
    "TagenAv" TEXT NOT NULL,
    "TagenAt" INTEGER NOT NULL,
    "PaUppdragAv" TEXT NULL,
    CONSTRAINT "FK_ko_tagningar_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES "remissvar" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ko_tagningar_AspNetUsers_TagenAv" FOREIGN KEY ("TagenAv") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ko_tagningar_OrganisationId_TagenAv" ON "ko_tagningar" ("OrganisationId", "TagenAv");
