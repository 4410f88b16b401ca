using Microsoft.AspNetCore.Identity;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Anvandare;

namespace RemissFlow.Core.Features.Oidc;

/// <summary>What became of a sign-in through the identity provider.</summary>
public enum OidcUtfall
{
    Inloggad,

    /// <summary>None of the person's groups is in the mapping table.</summary>
    IngenRoll,

    /// <summary>The groups map to roles in more than one organisation; an account belongs to one.</summary>
    FleraOrganisationer,

    /// <summary>The account is deactivated (or locked): the provider cannot sign it in either.</summary>
    Inaktiverat,

    /// <summary>A local account already has the address; it is not taken over by a provider login.</summary>
    EpostUpptagen,

    /// <summary>The provider sent no e-mail address, which the account needs for notices.</summary>
    EpostSaknas,
}

public sealed record OidcInloggningSvar(OidcUtfall Utfall, Guid? UserId);

/// <summary>
/// A person the identity provider vouched for signs in: the account is found by the provider's stable claim (stored as
/// Identity's login row, never by e-mail, so a provider that lets people choose their address cannot take over a local
/// account), or created at the first sign-in; its organisation and roles are set from the groups through the mapping
/// table the administratör keeps, at every sign-in, so a group change at the provider takes effect at the next one.
/// Sent by the sign-in callback as the system, after the OpenID Connect handler has checked state, nonce and the id
/// token's signature; there is no endpoint a user could send it through.
/// </summary>
public static class OidcInloggning
{
    public const string LoginProvider = "oidc";

    [RequiresRole(Role.Administrator)]
    public sealed record Command(string Subject, string? Email, string? DisplayName, IReadOnlyList<string> Groups) : ICommand<OidcInloggningSvar>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Subject).RequiredText("Identitet från inloggningstjänsten", Limits.Namn);
            RuleFor(c => c.Email).OptionalText("E-post", Limits.Namn);
            RuleFor(c => c.DisplayName).OptionalText("Namn", Limits.Namn);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, UserManager<AppUser> users, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, OidcInloggningSvar>
    {
        public async Task<Result<OidcInloggningSvar>> Handle(Command c, CancellationToken ct)
        {
            var user = await users.FindByLoginAsync(LoginProvider, c.Subject);
            if (user is not null && (user.IsDeactivated || user.LockoutEnd > clock.GetUtcNow()))
            {
                return new OidcInloggningSvar(OidcUtfall.Inaktiverat, null);
            }

            var groups = c.Groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).Distinct(StringComparer.Ordinal).ToList();
            var mapped = await db.OidcRollmappningar.AsNoTracking().Where(m => groups.Contains(m.Grupp)).ToListAsync(ct);
            var activeOrganisations = await db.Organisationer.AsNoTracking().Where(o => o.Active).Select(o => o.Id).ToListAsync(ct);
            mapped = mapped.Where(m => activeOrganisations.Contains(m.OrganisationId) && m.Roll != Role.Administrator).ToList();
            if (mapped.Count == 0)
            {
                return new OidcInloggningSvar(OidcUtfall.IngenRoll, null);
            }

            var organisationIds = mapped.Select(m => m.OrganisationId).Distinct().ToList();
            if (organisationIds.Count > 1)
            {
                return new OidcInloggningSvar(OidcUtfall.FleraOrganisationer, null);
            }

            var organisationId = organisationIds[0];
            var roles = mapped.Select(m => m.Roll).ToHashSet();
            var name = string.IsNullOrWhiteSpace(c.DisplayName) ? null : c.DisplayName.Trim();
            if (user is null)
            {
                var email = c.Email?.Trim();
                if (string.IsNullOrEmpty(email))
                {
                    return new OidcInloggningSvar(OidcUtfall.EpostSaknas, null);
                }

                if (await users.FindByEmailAsync(email) is not null || await users.FindByNameAsync(email) is not null)
                {
                    return new OidcInloggningSvar(OidcUtfall.EpostUpptagen, null);
                }

                return await CreateAsync(c, email, name ?? email, organisationId, roles, ct);
            }

            return await SyncAsync(user, name, organisationId, roles, ct);
        }

        private async Task<Result<OidcInloggningSvar>> CreateAsync(Command c, string email, string name, Guid organisationId, HashSet<Role> roles, CancellationToken ct)
        {
            // No password: the account signs in only through the provider (until an administratör sets one).
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                OrganisationId = organisationId,
                LockoutEnabled = true,
            };
            if (AccountRules.Check(await users.CreateAsync(user)) is { } notCreated)
            {
                return notCreated;
            }

            if (AccountRules.Check(await users.AddLoginAsync(user, new UserLoginInfo(LoginProvider, c.Subject, "OpenID Connect"))) is { } notLinked)
            {
                return notLinked;
            }

            foreach (var role in roles)
            {
                await RoleStore.EnsureAsync(db, role, ct);
            }

            if (AccountRules.Check(await users.AddToRolesAsync(user, roles.Select(r => r.ToString()))) is { } notAdded)
            {
                return notAdded;
            }

            var organisation = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == organisationId, ct);
            audit.Record(nameof(AppUser), user.Id, null, "anvandare.skapad.oidc",
                $"Kontot för {name} ({email}) skapades vid första inloggningen genom inloggningstjänsten, i {organisation.Name} med rollerna {Roles(roles, organisation.Kind)}.",
                after: new { Email = email, DisplayName = name, OrganisationId = organisationId, Roles = roles.Select(r => r.ToString()).Order() });
            return new OidcInloggningSvar(OidcUtfall.Inloggad, user.Id);
        }

        private async Task<Result<OidcInloggningSvar>> SyncAsync(AppUser user, string? name, Guid organisationId, HashSet<Role> roles, CancellationToken ct)
        {
            var had = AccountRules.Parse(await users.GetRolesAsync(user));
            var added = roles.Except(had).ToList();
            var removed = had.Except(roles).ToList();
            var moved = user.OrganisationId != organisationId;
            var renamed = name is not null && name != user.DisplayName;
            if (added.Count == 0 && removed.Count == 0 && !moved && !renamed)
            {
                return new OidcInloggningSvar(OidcUtfall.Inloggad, user.Id);
            }

            var before = new { user.DisplayName, user.OrganisationId, Roles = had.Select(r => r.ToString()).Order().ToList() };
            user.OrganisationId = organisationId;
            user.DisplayName = name ?? user.DisplayName;
            if (AccountRules.Check(await users.UpdateAsync(user)) is { } notUpdated)
            {
                return notUpdated;
            }

            foreach (var role in added)
            {
                await RoleStore.EnsureAsync(db, role, ct);
            }

            if (removed.Count > 0 && AccountRules.Check(await users.RemoveFromRolesAsync(user, removed.Select(r => r.ToString()))) is { } notRemoved)
            {
                return notRemoved;
            }

            if (added.Count > 0 && AccountRules.Check(await users.AddToRolesAsync(user, added.Select(r => r.ToString()))) is { } notAdded)
            {
                return notAdded;
            }

            // Other sessions were made under the old roles or organisation: they end, as at an administratör's change.
            if ((added.Count > 0 || removed.Count > 0 || moved) && AccountRules.Check(await users.UpdateSecurityStampAsync(user)) is { } notRenewed)
            {
                return notRenewed;
            }

            var organisation = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == organisationId, ct);
            audit.Record(nameof(AppUser), user.Id, null, "anvandare.andrad.oidc",
                $"Kontot för {user.DisplayName} ({user.Email}) fick vid inloggningen genom inloggningstjänsten organisationen {organisation.Name} och rollerna {Roles(roles, organisation.Kind)}.",
                before, new { user.DisplayName, user.OrganisationId, Roles = roles.Select(r => r.ToString()).Order().ToList() });
            return new OidcInloggningSvar(OidcUtfall.Inloggad, user.Id);
        }

        private static string Roles(IEnumerable<Role> roles, OrganisationKind kind) => string.Join(", ", roles.Order().Select(r => RoleNames.Swedish(r, kind)));
    }
}
