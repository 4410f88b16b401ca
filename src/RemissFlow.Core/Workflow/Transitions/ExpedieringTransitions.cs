using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Notifications;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>
/// remiss-extern's expediera: the receiving ärende's decided answer goes to the outside sender through the e-mail
/// outbox, as PDF and/or Word named by the sender's <see cref="Leveransregel"/>; the expediering is recorded on the
/// ärende, and the ärende itself is lämnat in (answered) through its own workflow in the same step.
/// </summary>
public sealed class Expediera : SimpleTransition<RemissSubject>
{
    public override string Trigger => "expediera";

    public override IReadOnlySet<string> Actions { get; } = Declares("remiss.expediera");

    public override async Task ApplyAsync(TransitionContext<RemissSubject> c, NoData payload, CancellationToken ct)
    {
        var remiss = c.Subject.Remiss;
        var services = c.Subject.Services;
        var arende = await c.Db.Remissvar.SingleAsync(a => a.RemissId == remiss.Id, ct);
        var avsandare = await c.Db.Organisationer.SingleAsync(o => o.Id == remiss.AvsandareId, ct);
        var instans = await c.Db.Organisationer.SingleAsync(o => o.Id == arende.InstansId, ct);
        var till = avsandare.SvarsEpost?.Trim();
        if (string.IsNullOrWhiteSpace(till))
        {
            // The command refuses this in Swedish first; reaching here means a caller skipped it.
            throw new InvalidOperationException($"{avsandare.Name} har ingen e-postadress för svar.");
        }

        var plan = Plan(avsandare.Leveransregel(), remiss, instans);
        var documents = services.GetRequiredService<DocumentService>();
        var epost = new UtgaendeEpost
        {
            CreatedAt = c.Now,
            NextAttemptAt = c.Now,
            Till = till,
            Rubrik = plan.Amne,
            Text = Text(remiss, instans, plan.Filer.Select(f => f.Namn).ToList()),
            DedupKey = $"expediering:{arende.Id:N}",
        };
        c.Db.UtgaendeEpost.Add(epost);
        for (int i = 0; i < plan.Filer.Count; i++)
        {
            var rendered = await documents.RenderTjansteutlatandeAsync(arende.Id, plan.Filer[i].Format, ct: ct);
            c.Db.UtgaendeEpostBilagor.Add(new UtgaendeEpostBilaga { EpostId = epost.Id, Ordning = i, Namn = plan.Filer[i].Namn, Typ = rendered.MediaType, Innehall = rendered.Content });
        }

        var userId = services.GetRequiredService<ICurrentActor>().Actor.UserId;
        var expediering = new Expediering
        {
            RemissvarId = arende.Id,
            RemissId = remiss.Id,
            ExpedieradAt = c.Now,
            ExpedieradAv = userId,
            Till = till,
            Amne = plan.Amne,
            Filer = string.Join('\n', plan.Filer.Select(f => f.Namn)),
            EpostId = epost.Id,
        };
        c.Db.Expedieringar.Add(expediering);
        services.GetRequiredService<AuditTrail>().Record(arende, "svar.expedierat",
            $"Svaret expedierades till {avsandare.Name} ({till}) med {SwedishText.List(plan.Filer.Select(f => f.Namn).ToList())}.",
            after: new { expediering.Till, expediering.Amne, Filer = plan.Filer.Select(f => f.Namn), expediering.ExpedieradAt });

        // The ärende is answered by the same step, through its own lifecycle (justerad → inlämnad), by the same registrator.
        var refusal = await c.Runner.FireAsync(arende, RemissvarTransitions.LamnaIn, NoData.Value, ct);
        if (refusal is not null)
        {
            throw new InvalidOperationException($"Ärendet {arende.Dnr} kunde inte lämnas in: {refusal.Message}");
        }
    }

    public sealed record Fil(string Namn, OutputFormat Format);

    public sealed record Leveransplan(string Amne, IReadOnlyList<Fil> Filer);

    /// <summary>
    /// The subject and file names the sender's rule asks for. The instans named in the file is the municipality when
    /// Kommunstyrelsen answers (the department's remisslista names the kommun), else the nämnd itself.
    /// </summary>
    public static Leveransplan Plan(Leveransregel regel, Remiss remiss, Organisation instans)
    {
        var namn = instans.Kind == OrganisationKind.Kommunstyrelse ? Letterheads.Kommun : instans.Name;
        var filer = new List<Fil>();
        if (regel.Pdf)
        {
            filer.Add(new Fil(regel.FileName(remiss.Dnr, namn, "pdf"), OutputFormat.Pdf));
        }

        if (regel.Word)
        {
            filer.Add(new Fil(regel.FileName(remiss.Dnr, namn, "docx"), OutputFormat.Docx));
        }

        return new Leveransplan(regel.Subject(remiss.Dnr, remiss.Title), filer);
    }

    private static string Text(Remiss remiss, Organisation instans, IReadOnlyList<string> filer)
    {
        var avsandare = instans.Kind == OrganisationKind.Kommunstyrelse ? Letterheads.Kommun : instans.Name;
        return $"Hej!\n\nHär kommer {avsandare}s svar på remissen {remiss.Title} (er beteckning {remiss.Dnr}).\n\n" +
            $"Bifogat: {SwedishText.List(filer)}.\n\nMed vänlig hälsning\n{instans.Name}";
    }
}
