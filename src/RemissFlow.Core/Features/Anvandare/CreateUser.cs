using Microsoft.AspNetCore.Identity;
using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Anvandare;

/// <summary>An Administratör creates a local account with its organisation and roles.</summary>
public static class CreateUser
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(
        string Email,
        string DisplayName,
        Guid OrganisationId,
        IReadOnlyList<Role> Roles,
        string Password,
        string? Title = null,
        string? Phone = null) : ICommand<Guid>, IAccountDetails;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).RequiredText("E-post", Limits.Namn).Email("E-post");
            Include(new AccountDetailsRules<Command>());
            RuleFor(c => c.Password).Must(p => p is { Length: >= Limits.PasswordMinimumLength }).WithMessage($"Lösenord måste vara minst {Limits.PasswordMinimumLength} tecken.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, UserManager<AppUser> users, AuditTrail audit) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            if (!await db.Organisationer.AnyAsync(o => o.Id == c.OrganisationId, ct))
            {
                return Refusal.Field(nameof(c.OrganisationId), "Organisation: den valda organisationen finns inte.");
            }

            if (await users.FindByEmailAsync(c.Email) is not null)
            {
                return Refusal.Field(nameof(c.Email), $"E-post: det finns redan ett konto för {c.Email}.");
            }

            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = c.Email,
                Email = c.Email,
                EmailConfirmed = true,
                DisplayName = c.DisplayName.Trim(),
                Title = c.Title,
                PhoneNumber = c.Phone,
                OrganisationId = c.OrganisationId,
                LockoutEnabled = true,
            };
            var created = await users.CreateAsync(user, c.Password);
            if (!created.Succeeded)
            {
                return Refusal.Validation(created.Errors.Select(e => new FieldError(nameof(c.Password), IdentityMessages.Swedish(e))).ToList());
            }

            foreach (var role in c.Roles.Distinct())
            {
                await RoleStore.EnsureAsync(db, role, ct);
                var added = await users.AddToRoleAsync(user, role.ToString());
                if (!added.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", added.Errors.Select(e => e.Description)));
                }
            }

            audit.Record(nameof(AppUser), user.Id, null, "anvandare.skapad", $"Kontot för {user.DisplayName} ({user.Email}) skapades.",
                after: new { user.Email, user.DisplayName, c.OrganisationId, Roles = c.Roles.Select(r => r.ToString()) });
            return user.Id;
        }
    }
}

public static class RoleStore
{
    public static async Task EnsureAsync(RemissFlowDbContext db, Role role, CancellationToken ct)
    {
        var name = role.ToString();
        var normalized = name.ToUpperInvariant();
        if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalized, ct))
        {
            db.Roles.Add(new IdentityRole<Guid> { Id = Guid.CreateVersion7(), Name = name, NormalizedName = normalized, ConcurrencyStamp = Guid.NewGuid().ToString() });
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>Identity's password rules, said in Swedish.</summary>
public static class IdentityMessages
{
    public static string Swedish(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => $"Lösenord måste vara minst {Limits.PasswordMinimumLength} tecken.",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "Lösenord måste innehålla minst 5 olika tecken.",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "Lösenord måste innehålla minst en siffra.",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "Lösenord måste innehålla minst en liten bokstav.",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "Lösenord måste innehålla minst en stor bokstav.",
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "Lösenord måste innehålla minst ett tecken som inte är bokstav eller siffra.",
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => "E-post: det finns redan ett konto med den adressen.",
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "E-post är inte giltig.",
        _ => error.Description,
    };
}
