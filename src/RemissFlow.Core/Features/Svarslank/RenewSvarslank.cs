using RemissFlow.Core.Audit;
using RemissFlow.Core.Notifications;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Svarslank;

/// <summary>
/// KS gives an outside instans a new svarslänk: every earlier one stops working, the new one is e-mailed to the
/// organisation's address and returned once (only its hash is kept), so KS can also pass it on by other means.
/// </summary>
public static class RenewSvarslank
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissvarId) : ICommand<Fornyad>;

    /// <param name="Skickad">The new link went by e-mail to the organisation's address.</param>
    public sealed record Fornyad(string Url, DateOnly GiltigTill, bool Skickad);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.RemissvarId).NotEmpty().WithMessage("Instans måste anges.");
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, AuditTrail audit, Notifier notifier, CoreOptions options, TimeProvider clock)
        : IRequestHandler<Command, Fornyad>
    {
        public async Task<Result<Fornyad>> Handle(Command c, CancellationToken ct)
        {
            var (svar, remiss, instans, refusal) = await SvarslankSender.LoadAsync(db, c.RemissvarId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (StockholmTime.Today(clock) > svar!.Svarsdatum)
            {
                return Refusal.Field(nameof(c.RemissvarId),
                    $"Svarsdatum för {instans!.Name} ({SwedishText.LongDate(svar.Svarsdatum)}) har passerat; en ny länk skulle inte fungera. Bevilja anstånd först.");
            }

            var now = clock.GetUtcNow();
            var live = await Svarslankar.LiveAsync(db, svar.Id, ct);
            foreach (var l in live)
            {
                l.AterkalladAt = now;
                l.AterkalladAv = current.Actor.UserId;
                l.Ersatt = true;
            }

            var token = Svarslankar.Issue(db, svar.Id, now, current.Actor.UserId);
            var url = Svarslankar.Url(options, token);
            var skickad = options.EmailEnabled && !string.IsNullOrWhiteSpace(instans!.ContactEmail);
            if (skickad)
            {
                notifier.ToAddress(instans!.ContactEmail!, $"Ny svarslänk: remiss {remiss!.Dnr}",
                    $"Avsändaren har gett er en ny länk för att svara på remissen {remiss.Title} ({remiss.Dnr}); tidigare länkar fungerar inte längre. " +
                    $"Svaret ska ha kommit in senast {SwedishText.LongDate(svar.Svarsdatum)}." + Svarslankar.EmailLine(options, token),
                    $"svarslank-fornyad:{svar.Id:N}:{Guid.CreateVersion7():N}");
            }

            audit.Record(svar, "svarslank.fornya", $"Ny svarslänk till {instans!.Name}; {live.Count} tidigare slutade gälla.", null, new { Ersatta = live.Count, Skickad = skickad });
            return new Fornyad(url, svar.Svarsdatum, skickad);
        }
    }
}
