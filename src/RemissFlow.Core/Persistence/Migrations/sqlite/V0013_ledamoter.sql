-- The members of each organ per mandate period (issue #16), and the account a member signs in with.
CREATE TABLE "ledamoter" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ledamoter" PRIMARY KEY,
    "OrganId" TEXT NOT NULL,
    "Namn" TEXT NOT NULL,
    "Parti" TEXT NULL,
    "Uppdrag" TEXT NOT NULL,
    "Fran" TEXT NOT NULL,
    "Till" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ledamoter_organ_OrganId" FOREIGN KEY ("OrganId") REFERENCES "organ" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ledamoter_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ledamoter_OrganId_Till" ON "ledamoter" ("OrganId", "Till");

CREATE INDEX "IX_ledamoter_UserId" ON "ledamoter" ("UserId");
