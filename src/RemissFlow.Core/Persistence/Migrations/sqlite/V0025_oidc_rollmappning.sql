-- OpenID Connect sign-in (issue #20): which provider group gives which role in which organisation. The account's
-- link to the provider (its stable claim) is Identity's own AspNetUserLogins row.
CREATE TABLE "oidc_rollmappningar" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_oidc_rollmappningar" PRIMARY KEY,
    "Grupp" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Roll" TEXT NOT NULL,
    "SkapadAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_oidc_rollmappningar_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_oidc_rollmappningar_Grupp_OrganisationId_Roll" ON "oidc_rollmappningar" ("Grupp", "OrganisationId", "Roll");

CREATE INDEX "IX_oidc_rollmappningar_OrganisationId" ON "oidc_rollmappningar" ("OrganisationId");
