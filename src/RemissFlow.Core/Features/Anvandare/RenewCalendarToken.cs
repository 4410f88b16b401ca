using System.Security.Cryptography;
using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Anvandare;

/// <summary>
/// The signed-in person gives their calendar feeds a new secret address, e.g. after sharing it by
/// mistake: the old address stops answering at once. Returns the new token.
/// </summary>
public static class RenewCalendarToken
{
    [AnySignedInUser]
    public sealed record Command : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>;

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, AuditTrail audit) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == current.Actor.UserId, ct);
            if (user is null)
            {
                return Refusal.NotFound("Kontot");
            }

            user.CalendarToken = NewToken();
            // The token itself stays out of the log: it is the feed's only credential.
            audit.Record(nameof(AppUser), user.Id, null, "anvandare.kalenderadress_fornyad",
                $"{user.DisplayName} förnyade adressen till sina kalenderflöden; den gamla adressen slutade gälla.");
            return user.CalendarToken;
        }
    }

    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
}
