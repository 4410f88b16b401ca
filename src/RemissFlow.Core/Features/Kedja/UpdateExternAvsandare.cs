using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Kedja;

/// <summary>The administrator changes an outside sender's details or delivery rule; answers already expedierade keep what they were sent with.</summary>
public static class UpdateExternAvsandare
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(
        Guid OrganisationId,
        int ExpectedVersion,
        string Name,
        ExternAvsandareTyp Typ,
        string? DnrFormat,
        string? SvarsEpost,
        string? SvarsAdress,
        string? ContactEmail,
        string? ContactPhone,
        string? Web,
        bool LeveransPdf,
        bool LeveransWord,
        bool LeveransDnrIAmne,
        string? LeveransFilnamn,
        bool Active = true) : ICommand<int>, IExternAvsandare;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new ExternAvsandareRules<Command>());
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var organisation = await db.Organisationer.FirstOrDefaultAsync(o => o.Id == c.OrganisationId && o.AvsandareTyp != null, ct);
            if (organisation is null)
            {
                return Refusal.NotFound("Den externa avsändaren");
            }

            if (organisation.Version != c.ExpectedVersion)
            {
                return Refusal.StaleVersion;
            }

            var name = c.Name.Trim();
            if (await db.Organisationer.AnyAsync(o => o.Id != c.OrganisationId && o.Name == name, ct))
            {
                return Refusal.Field(nameof(c.Name), $"Det finns redan en organisation som heter {name}.");
            }

            var before = ExternAvsandareFields.Snapshot(organisation);
            organisation.Name = name;
            organisation.Active = c.Active;
            ExternAvsandareFields.Apply(organisation, c);
            audit.Record(nameof(Organisation), organisation.Id, null, "avsandare.andrad", $"Uppgifterna för den externa avsändaren {name} ändrades.", before, ExternAvsandareFields.Snapshot(organisation));
            return organisation.Version + 1;
        }
    }
}
