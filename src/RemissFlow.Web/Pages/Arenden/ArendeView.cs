using RemissFlow.Core.Access;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Arenden;

public sealed record TuVersionRow(int Nummer, DateTimeOffset SkapadAt, string SkapadAv, string? Kommentar, bool Godkand);

public sealed record HistoryRow(DateTimeOffset At, string Actor, string Beskrivning);

public sealed record MeetingOption(Guid Id, DateOnly Datum, string Organ);

/// <summary>Everything the ärende page (and the API's read) shows about one remissvar, loaded once.</summary>
public sealed class ArendeView
{
    public required Remissvar Svar { get; init; }

    public required Remiss Remiss { get; init; }

    public required ArendeReader Reader { get; init; }

    public required string Instans { get; init; }

    public required string Avsandare { get; init; }

    public string? Handlaggare { get; init; }

    public required string StatusLabel { get; init; }

    public Plan? Plan { get; init; }

    public string? PlanProblem { get; init; }

    public IReadOnlyList<TriggerOption> Triggers { get; init; } = [];

    public Tjansteutlatande? Tu { get; init; }

    public IReadOnlyList<TuVersionRow> Versions { get; init; } = [];

    public IReadOnlyList<BeredningHandelse> Beredning { get; init; } = [];

    public IReadOnlyList<Beslut> Beslut { get; init; } = [];

    /// <summary>The appeal period per meeting whose protokoll is anslaget, for the beslut taken there.</summary>
    public IReadOnlyDictionary<Guid, Core.Features.ProtokollJustering.Overklagandetid> Overklagande { get; init; } = new Dictionary<Guid, Core.Features.ProtokollJustering.Overklagandetid>();

    public IReadOnlyList<Anstand> Anstand { get; init; } = [];

    public IReadOnlyList<Bilaga> Bilagor { get; init; } = [];

    public IReadOnlyList<HistoryRow> History { get; init; } = [];

    public required RemissUnderlag Underlag { get; init; }

    public MeetingOption? OnAgenda { get; init; }

    public bool IsInstans => Reader == ArendeReader.Instans;

    public IEnumerable<TriggerOption> Permitted => Triggers.Where(t => t.Permitted);

    public bool Can(string trigger) => Triggers.Any(t => t.Trigger == trigger && t.Permitted);

    /// <summary>Buttons this user could press in this state but a rule stops now (a guard), with the engine's reason.</summary>
    public IEnumerable<TriggerOption> Blocked => Triggers.Where(t => !t.Permitted && t.Reason == RefusalReason.Guard);

    public bool CanEditTu(SignedInUser user) => IsInstans && Svar.HandlaggareId == user.UserId && user.Has(Role.Handlaggare)
        && SaveTjansteutlatande.Editable.Contains(Svar.Status);

    public static async Task<ArendeView> LoadAsync(RemissFlowDbContext db, WorkflowRunner workflow, StateLabels labels, PlanQuery plans,
        SignedInUser user, Remissvar svar, ArendeReader reader, CancellationToken ct)
    {
        var remiss = await db.Remisser.AsNoTracking().FirstAsync(r => r.Id == svar.RemissId, ct);
        var orgNames = await db.Organisationer.AsNoTracking().Where(o => o.Id == svar.InstansId || o.Id == remiss.AvsandareId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var instance = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == svar.WorkflowInstanceId)
            .Select(i => new { i.DefinitionId, i.Version }).FirstOrDefaultAsync(ct);
        var status = await labels.LabelAsync(instance?.DefinitionId, instance?.Version ?? 0, svar.Status, ct);

        var tu = await db.Tjansteutlatanden.AsNoTracking().Include(t => t.Versioner).FirstOrDefaultAsync(t => t.RemissvarId == svar.Id, ct);
        var people = await db.Users.AsNoTracking().Where(u => u.OrganisationId == svar.InstansId).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var versions = (tu?.Versioner ?? [])
            // The sender sees the approved text only: earlier drafts stay internal.
            .Where(v => reader == ArendeReader.Instans || v.Nummer == tu!.GodkandVersion)
            .OrderByDescending(v => v.Nummer)
            .Select(v => new TuVersionRow(v.Nummer, v.SkapadAt, people.GetValueOrDefault(v.SkapadAv, "Okänd"), reader == ArendeReader.Instans ? v.Kommentar : null, v.Nummer == tu!.GodkandVersion))
            .ToList();

        Plan? plan = null;
        string? planProblem = null;
        IReadOnlyList<TriggerOption> triggers = [];
        IReadOnlyList<HistoryRow> history = [];
        if (reader == ArendeReader.Instans)
        {
            triggers = await workflow.TriggersAsync(svar, user.Actor, ct);
            if (!RemissvarStates.Answered.Contains(svar.Status) && svar.Dnr is not null)
            {
                try
                {
                    plan = await plans.PlanForAsync(svar.Id, ct);
                }
                catch (PlanUnavailableException e)
                {
                    planProblem = e.Message;
                }
            }

            history = await db.Handelser.AsNoTracking().Where(h => h.ArendeId == svar.Id).OrderByDescending(h => h.Sequence)
                .Select(h => new HistoryRow(h.At, h.PaUppdragAvNamn == null ? h.ActorName : h.ActorName + " på uppdrag av " + h.PaUppdragAvNamn, h.Beskrivning)).ToListAsync(ct);
        }

        var agenda = await (from p in db.Foredragningspunkter
                            join m in db.Sammantraden on p.SammantradeId equals m.Id
                            join o in db.Organ on m.OrganId equals o.Id
                            where p.RemissvarId == svar.Id
                            orderby m.Datum descending
                            select new MeetingOption(m.Id, m.Datum, o.Name)).FirstOrDefaultAsync(ct);

        var beslut = await db.Beslut.AsNoTracking().Where(b => b.RemissvarId == svar.Id).ToListAsync(ct);
        return new ArendeView
        {
            Svar = svar,
            Remiss = remiss,
            Reader = reader,
            Instans = orgNames.GetValueOrDefault(svar.InstansId, ""),
            Avsandare = orgNames.GetValueOrDefault(remiss.AvsandareId, ""),
            Handlaggare = svar.HandlaggareId is { } h ? people.GetValueOrDefault(h) : null,
            StatusLabel = status,
            Plan = plan,
            PlanProblem = planProblem,
            Triggers = triggers,
            Tu = tu,
            Versions = versions,
            Beredning = await db.BeredningHandelser.AsNoTracking().Where(b => b.RemissvarId == svar.Id).OrderBy(b => b.Datum).ToListAsync(ct),
            Beslut = beslut.OrderBy(b => b.Datum).ToList(),
            Overklagande = await Core.Features.ProtokollJustering.Overklagandetid.ForMeetingsAsync(db, beslut.Select(b => b.SammantradeId), ct),
            Anstand = (await db.Anstand.AsNoTracking().Where(a => a.RemissvarId == svar.Id).ToListAsync(ct)).OrderBy(a => a.BegartAt).ToList(),
            // DateTimeOffset does not sort in SQLite; the lists are short, so they are ordered here.
            Bilagor = (await db.Bilagor.AsNoTracking().Where(b => b.RemissvarId == svar.Id).ToListAsync(ct)).OrderBy(b => b.UploadedAt).ToList(),
            History = history,
            OnAgenda = agenda,
            Underlag = await RemissUnderlag.LoadAsync(db, svar, remiss, ct),
        };
    }

    /// <summary>The nämnd's coming meetings (the only ones an ärende can be placed on).</summary>
    public static async Task<List<MeetingOption>> ComingMeetingsAsync(RemissFlowDbContext db, Guid organisationId, DateOnly today, CancellationToken ct) =>
        await (from m in db.Sammantraden
               join o in db.Organ on m.OrganId equals o.Id
               where o.OrganisationId == organisationId && (o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse) && m.Datum >= today
               orderby m.Datum
               select new MeetingOption(m.Id, m.Datum, o.Name)).Take(20).ToListAsync(ct);

    /// <summary>The handläggare of the organisation, for the assignment select, in Swedish order.</summary>
    public static async Task<List<(Guid Id, string Name)>> HandlaggareAsync(RemissFlowDbContext db, Core.Notifications.Notifier notifier, Guid organisationId, CancellationToken ct)
    {
        var ids = await notifier.UsersInRoleAsync(organisationId, Role.Handlaggare, ct);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return users.Select(u => (u.Id, u.DisplayName)).OrderBy(u => u.DisplayName, SwedishText.Comparer).ToList();
    }
}
