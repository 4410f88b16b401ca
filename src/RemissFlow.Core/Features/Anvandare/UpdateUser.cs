using Microsoft.AspNetCore.Identity;
using RemissFlow.Core.Audit;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Features.Anvandare;

/// <summary>
/// An Administratör changes an account's name, title, phone, organisation and roles. The form
/// carries the account's concurrency stamp as it was read, so of two administrators editing the
/// same account the second is told, not silently overwritten. The e-mail address is the sign-in
/// name and stays as created. A change of roles or organisation renews the security stamp, so the
/// person's sessions and tokens end and the next sign-in carries the new rights.
/// </summary>
public static class UpdateUser
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(
        Guid UserId,
        string ExpectedConcurrencyStamp,
        string DisplayName,
        Guid OrganisationId,
        IReadOnlyList<Role> Roles,
        string? Title = null,
        string? Phone = null) : ICommand<string>, IAccountDetails;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ExpectedConcurrencyStamp).Must(s => !string.IsNullOrWhiteSpace(s))
                .WithMessage("Kontots version saknas; ladda om sidan och gör ändringen igen.");
            Include(new AccountDetailsRules<Command>());
        }
    }

    /// <summary>Returns the account's new concurrency stamp, which the next edit must send.</summary>
    public sealed class Handler(RemissFlowDbContext db, UserManager<AppUser> users, AuditTrail audit) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            await AccountRules.TakeTurnAsync(db, ct);
            var user = await users.FindByIdAsync(c.UserId.ToString());
            if (user is null)
            {
                return Refusal.NotFound("Kontot");
            }

            if (user.ConcurrencyStamp != c.ExpectedConcurrencyStamp)
            {
                return AccountRules.Changed;
            }

            var organisationNames = await db.Organisationer.AsNoTracking()
                .Where(o => o.Id == c.OrganisationId || o.Id == user.OrganisationId)
                .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            if (!organisationNames.ContainsKey(c.OrganisationId))
            {
                return Refusal.Field(nameof(c.OrganisationId), "Organisation: den valda organisationen finns inte.");
            }

            var current = AccountRules.Parse(await users.GetRolesAsync(user));
            var wanted = c.Roles.ToHashSet();
            var added = wanted.Except(current).Order().ToList();
            var removed = current.Except(wanted).Order().ToList();
            if (removed.Contains(Role.Administrator) && !user.IsDeactivated && !await AccountRules.AnotherActiveAdministratorAsync(db, user.Id, ct))
            {
                return Refusal.Field(nameof(c.Roles),
                    $"Roller: {user.DisplayName} är den sista aktiva administratören och måste behålla rollen administratör. Ge först någon annan rollen.");
            }

            var before = new Details(user.DisplayName, user.Title, user.PhoneNumber, user.OrganisationId, [.. current.Order().Select(r => r.ToString())]);
            var after = new Details(c.DisplayName.Trim(), Blank(c.Title), Blank(c.Phone), c.OrganisationId, [.. wanted.Order().Select(r => r.ToString())]);
            var changes = Describe(before, after, organisationNames, added, removed);
            if (changes.Count == 0)
            {
                return user.ConcurrencyStamp!;
            }

            user.DisplayName = after.DisplayName;
            user.Title = after.Title;
            user.PhoneNumber = after.Phone;
            user.OrganisationId = after.OrganisationId;
            // The store writes with the stamp read above as its concurrency token, so an edit that
            // commits between that read and this write is caught here too.
            if (AccountRules.Check(await users.UpdateAsync(user)) is { } refused)
            {
                return refused;
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

            // What the person may do changed: sessions and tokens made under the old roles or organisation end
            // (the web app compares the stamp on every request); a new name or phone number leaves them be.
            if ((added.Count > 0 || removed.Count > 0 || before.OrganisationId != after.OrganisationId)
                && AccountRules.Check(await users.UpdateSecurityStampAsync(user)) is { } notRenewed)
            {
                return notRenewed;
            }

            audit.Record(nameof(AppUser), user.Id, null, "anvandare.andrad",
                $"Kontot för {user.DisplayName} ({user.Email}) ändrades: {string.Join("; ", changes)}.", before, after);
            return user.ConcurrencyStamp!;
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private static List<string> Describe(Details before, Details after, Dictionary<Guid, string> organisationNames, List<Role> added, List<Role> removed)
        {
            var changes = new List<string>();
            if (before.DisplayName != after.DisplayName)
            {
                changes.Add($"namnet ändrades från {before.DisplayName} till {after.DisplayName}");
            }

            if (before.Title != after.Title)
            {
                changes.Add($"titeln ändrades från {before.Title ?? "ingen"} till {after.Title ?? "ingen"}");
            }

            if (before.Phone != after.Phone)
            {
                changes.Add($"telefonnumret ändrades från {before.Phone ?? "inget"} till {after.Phone ?? "inget"}");
            }

            if (before.OrganisationId != after.OrganisationId)
            {
                var from = organisationNames.GetValueOrDefault(before.OrganisationId, "okänd organisation");
                changes.Add($"organisationen ändrades från {from} till {organisationNames[after.OrganisationId]}");
            }

            if (added.Count > 0)
            {
                changes.Add($"fick {(added.Count == 1 ? "rollen" : "rollerna")} {SwedishText.List([.. added.Select(RoleNames.Swedish)])}");
            }

            if (removed.Count > 0)
            {
                changes.Add($"miste {(removed.Count == 1 ? "rollen" : "rollerna")} {SwedishText.List([.. removed.Select(RoleNames.Swedish)])}");
            }

            return changes;
        }

        private sealed record Details(string DisplayName, string? Title, string? Phone, Guid OrganisationId, IReadOnlyList<string> Roles);
    }
}
