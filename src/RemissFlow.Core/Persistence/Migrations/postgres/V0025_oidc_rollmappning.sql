-- OpenID Connect sign-in (issue #20): which provider group gives which role in which organisation. The account's
-- link to the provider (its stable claim) is Identity's own AspNetUserLogins row.
CREATE TABLE oidc_rollmappningar (
    "Id" uuid NOT NULL,
    "Grupp" character varying(200) NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Roll" character varying(40) NOT NULL,
    "SkapadAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_oidc_rollmappningar" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_oidc_rollmappningar_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES organisationer ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_oidc_rollmappningar_Grupp_OrganisationId_Roll" ON oidc_rollmappningar ("Grupp", "OrganisationId", "Roll");

CREATE INDEX "IX_oidc_rollmappningar_OrganisationId" ON oidc_rollmappningar ("OrganisationId");
