-- The members of each organ per mandate period (issue #16), and the account a member signs in with.
CREATE TABLE ledamoter (
    "Id" uuid NOT NULL,
    "OrganId" uuid NOT NULL,
    "Namn" character varying(200) NOT NULL,
    "Parti" character varying(100),
    "Uppdrag" character varying(40) NOT NULL,
    "Fran" date NOT NULL,
    "Till" date NOT NULL,
    "UserId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_ledamoter" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ledamoter_organ_OrganId" FOREIGN KEY ("OrganId") REFERENCES organ ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ledamoter_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ledamoter_OrganId_Till" ON ledamoter ("OrganId", "Till");

CREATE INDEX "IX_ledamoter_UserId" ON ledamoter ("UserId");
