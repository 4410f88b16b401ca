using Microsoft.AspNetCore.Identity;
using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Anvandare;

/// <summary>
/// An Administratör deactivates an account, or makes it active again. The account and its
/// history stay (its name is on decisions and audit events); it just cannot sign in. A new
/// security stamp ends its sessions and refresh tokens, and the web app refuses the account's
/// bearer tokens on their next request.
/// </summary>
public static class SetUserActive
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid UserId, bool Active) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty().WithMessage("Konto måste väljas.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, UserManager<AppUser> users, AuditTrail audit, ICurrentActor current) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            await AccountRules.TakeTurnAsync(db, ct);
            var user = await users.FindByIdAsync(c.UserId.ToString());
            if (user is null)
            {
                return Refusal.NotFound("Kontot");
            }

            return c.Active ? await Activate(user) : await Deactivate(user, ct);
        }

        private async Task<Result<Unit>> Deactivate(AppUser user, CancellationToken ct)
        {
            if (user.Id == current.Actor.UserId)
            {
                return Refusal.InvalidState("Du kan inte inaktivera ditt eget konto.");
            }

            if (user.IsDeactivated)
            {
                return Refusal.InvalidState($"Kontot för {user.DisplayName} är redan inaktiverat.");
            }

            if (await users.IsInRoleAsync(user, nameof(Role.Administrator)) && !await AccountRules.AnotherActiveAdministratorAsync(db, user.Id, ct))
            {
                return Refusal.InvalidState(
                    $"{user.DisplayName} är den sista aktiva administratören och kan inte inaktiveras. Ge först någon annan rollen administratör.");
            }

            var refused = AccountRules.Check(await users.SetLockoutEnabledAsync(user, true))
                ?? AccountRules.Check(await users.SetLockoutEndDateAsync(user, AppUser.DeactivatedLockoutEnd))
                ?? AccountRules.Check(await users.UpdateSecurityStampAsync(user));
            if (refused is not null)
            {
                return refused;
            }

            audit.Record(nameof(AppUser), user.Id, null, "anvandare.inaktiverad",
                $"Kontot för {user.DisplayName} ({user.Email}) inaktiverades; personen kan inte längre logga in.");
            return Unit.Value;
        }

        private async Task<Result<Unit>> Activate(AppUser user)
        {
            if (!user.IsDeactivated)
            {
                return Refusal.InvalidState($"Kontot för {user.DisplayName} är redan aktivt.");
            }

            var refused = AccountRules.Check(await users.SetLockoutEndDateAsync(user, null))
                ?? AccountRules.Check(await users.ResetAccessFailedCountAsync(user));
            if (refused is not null)
            {
                return refused;
            }

            audit.Record(nameof(AppUser), user.Id, null, "anvandare.aktiverad",
                $"Kontot för {user.DisplayName} ({user.Email}) aktiverades igen; personen kan logga in.");
            return Unit.Value;
        }
    }
}
