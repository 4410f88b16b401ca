using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Kedja;

/// <summary>
/// The administrator registers an outside sender (a department, myndighet, länsstyrelse, region or another kommun).
/// It is an outside organisation with no users; its short name is the unique prefix every organisation has, though it
/// keeps no diarium here (its own dnr is free text on each remiss).
/// </summary>
public static class CreateExternAvsandare
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(
        string Name,
        ExternAvsandareTyp Typ,
        string Kortnamn,
        string? DnrFormat,
        string? SvarsEpost,
        string? SvarsAdress,
        string? ContactEmail,
        string? ContactPhone,
        string? Web,
        bool LeveransPdf,
        bool LeveransWord,
        bool LeveransDnrIAmne,
        string? LeveransFilnamn) : ICommand<Guid>, IExternAvsandare
    {
        /// <summary>A new sender with the delivery rule its kind usually asks for (for a department: Regeringskansliet's).</summary>
        public static Command WithStandardRule(string name, ExternAvsandareTyp typ, string kortnamn, string svarsEpost, string? dnrFormat = null, string? svarsAdress = null)
        {
            var regel = Leveransregel.StandardFor(typ);
            return new(name, typ, kortnamn, dnrFormat, svarsEpost, svarsAdress, null, null, null, regel.Pdf, regel.Word, regel.DnrIAmne, regel.Filnamn);
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new ExternAvsandareRules<Command>());
            RuleFor(c => c.Kortnamn).Matches("^[A-ZÅÄÖ]{1,10}(-[A-ZÅÄÖ]{1,10})?$")
                .WithMessage("Kortnamn ska vara 1–10 versaler, till exempel ”FI” för Finansdepartementet.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            if (await db.Organisationer.AnyAsync(o => o.DnrPrefix == c.Kortnamn, ct))
            {
                return Refusal.Field(nameof(c.Kortnamn), $"Kortnamnet {c.Kortnamn} används redan av en annan organisation.");
            }

            var name = c.Name.Trim();
            if (await db.Organisationer.AnyAsync(o => o.Name == name, ct))
            {
                return Refusal.Field(nameof(c.Name), $"Det finns redan en organisation som heter {name}.");
            }

            var organisation = new Organisation
            {
                Name = name,
                Kind = OrganisationKind.ExternOrganisation,
                DnrPrefix = c.Kortnamn,
            };
            ExternAvsandareFields.Apply(organisation, c);
            db.Organisationer.Add(organisation);
            audit.Record(nameof(Organisation), organisation.Id, null, "avsandare.skapad", $"Den externa avsändaren {name} lades upp.", after: c);
            return organisation.Id;
        }
    }
}

internal static class ExternAvsandareFields
{
    public static void Apply(Organisation o, IExternAvsandare c)
    {
        o.AvsandareTyp = c.Typ;
        o.DnrFormat = Blank(c.DnrFormat);
        o.SvarsEpost = Blank(c.SvarsEpost);
        o.SvarsAdress = Blank(c.SvarsAdress);
        o.ContactEmail = Blank(c.ContactEmail);
        o.ContactPhone = Blank(c.ContactPhone);
        o.Web = Blank(c.Web);
        o.SattLeveransregel(new Leveransregel(c.LeveransPdf, c.LeveransWord, c.LeveransDnrIAmne, c.LeveransFilnamn!.Trim()));
    }

    public static object Snapshot(Organisation o) => new
    {
        o.Name, o.AvsandareTyp, o.DnrFormat, o.SvarsEpost, o.SvarsAdress, o.ContactEmail, o.ContactPhone, o.Web,
        o.LeveransPdf, o.LeveransWord, o.LeveransDnrIAmne, o.LeveransFilnamn, o.Active,
    };

    private static string? Blank(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
}
