using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Sekretess;

/// <summary>Adds a provision of OSL to the list registrators and handläggare choose from. Kapitel and paragraf are unique.</summary>
public static class AddOslBestammelse
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(int? Kapitel, int? Paragraf, string? Beskrivning) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            // OSL has 45 chapters; a paragraph number above 100 is a typing error.
            RuleFor(c => c.Kapitel).NotNull().InclusiveBetween(1, 50).WithMessage("Kapitel måste vara ett tal mellan 1 och 50.");
            RuleFor(c => c.Paragraf).NotNull().InclusiveBetween(1, 100).WithMessage("Paragraf måste vara ett tal mellan 1 och 100.");
            RuleFor(c => c.Beskrivning).RequiredText("Beskrivning", 200);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            if (await db.OslBestammelser.AnyAsync(o => o.Kapitel == c.Kapitel && o.Paragraf == c.Paragraf, ct))
            {
                return Refusal.Field(nameof(Command.Paragraf), $"OSL {c.Kapitel}:{c.Paragraf} finns redan i listan.");
            }

            var osl = new OslBestammelse { Kapitel = c.Kapitel!.Value, Paragraf = c.Paragraf!.Value, Beskrivning = c.Beskrivning!.Trim() };
            db.OslBestammelser.Add(osl);
            audit.Record(nameof(OslBestammelse), osl.Id, null, "osl.tillagd", $"{osl.Hanvisning} finns nu i listan över sekretessbestämmelser.",
                after: new { osl.Kapitel, osl.Paragraf, osl.Beskrivning });
            return osl.Id;
        }
    }
}
