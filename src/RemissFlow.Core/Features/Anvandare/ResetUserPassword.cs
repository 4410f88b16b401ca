using Microsoft.AspNetCore.Identity;
using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Anvandare;

/// <summary>
/// An Administratör gives an account a new password (someone forgot theirs). Identity's password
/// change also renews the security stamp, so sessions and refresh tokens made with the old
/// password end. The password itself never reaches the audit log.
/// </summary>
public static class ResetUserPassword
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid UserId, string NewPassword) : ICommand<Unit>
    {
        // A record prints every member; the password must not end up in a log or a test message.
        public override string ToString() => $"{nameof(ResetUserPassword)}.{nameof(Command)} {{ UserId = {UserId} }}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.NewPassword).Must(p => p is { Length: >= Limits.PasswordMinimumLength }).WithMessage($"Nytt lösenord måste vara minst {Limits.PasswordMinimumLength} tecken.");
        }
    }

    public sealed class Handler(UserManager<AppUser> users, AuditTrail audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(c.UserId.ToString());
            if (user is null)
            {
                return Refusal.NotFound("Kontot");
            }

            // Checked before the old password is removed, so a refused password leaves nothing half done.
            var errors = new List<FieldError>();
            foreach (var validator in users.PasswordValidators)
            {
                var checkedPassword = await validator.ValidateAsync(users, user, c.NewPassword);
                errors.AddRange(checkedPassword.Errors.Select(e => new FieldError(nameof(c.NewPassword), IdentityMessages.Swedish(e))));
            }

            if (errors.Count > 0)
            {
                return Refusal.Validation(errors);
            }

            var refused = AccountRules.Check(await users.RemovePasswordAsync(user))
                ?? AccountRules.Check(await users.AddPasswordAsync(user, c.NewPassword));
            if (refused is not null)
            {
                return refused;
            }

            audit.Record(nameof(AppUser), user.Id, null, "anvandare.losenord_aterstallt",
                $"Kontot för {user.DisplayName} ({user.Email}) fick ett nytt lösenord av en administratör; inloggningar med det gamla lösenordet slutar gälla.");
            return Unit.Value;
        }
    }
}
