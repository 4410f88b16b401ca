using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Support;

/// <summary>
/// Set-up for the chain's web tests: Kommunstyrelsen's own people (handläggare, förvaltningschef, sekreterare) and a
/// styrelse meeting today, found in the demo or made here, and a KS ärende on an outside remiss taken to a justerat
/// beslut through the real use cases, each step by its role.
/// </summary>
public static class KedjaData
{
    public const string KsHandlaggare = "handlaggare.ks@remissflow.test";
    public const string KsChef = "chef.ks@remissflow.test";
    public const string KsSekreterare = "sekreterare.ks@remissflow.test";

    private static int _paragraf = 700;

    /// <summary>KS's förvaltning accounts the decision needs: the demo's where it has them, else made by the administratör.</summary>
    public static async Task EnsureKsPeopleAsync(RemissFlowApp app)
    {
        var ks = await app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "KS").Select(o => o.Id).SingleAsync());
        foreach (var (email, name, role) in new[]
        {
            (KsHandlaggare, "Elin Berg", Role.Handlaggare), (KsChef, "Stefan Holm", Role.Forvaltningschef), (KsSekreterare, "Maria Lund", Role.Namndsekreterare),
        })
        {
            if (!await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)))
            {
                await app.AsUserAsync("admin@remissflow.test", new CreateUser.Command(email, name, ks, [role], RemissFlow.Core.Demo.DemoSeeder.Password));
            }
        }
    }

    /// <summary>A meeting of Kommunstyrelsen (the styrelse organ, the demo's or made here) today, for the decision.</summary>
    public static async Task<Guid> KsMeetingTodayAsync(RemissFlowApp app)
    {
        await EnsureKsPeopleAsync(app);
        var today = StockholmTime.Today(TimeProvider.System);
        var ks = await app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "KS").Select(o => o.Id).SingleAsync());
        var organ = await app.QueryAsync(db => db.Organ.Where(o => o.OrganisationId == ks && o.Kind == OrganKind.Styrelse).Select(o => (Guid?)o.Id).FirstOrDefaultAsync())
            ?? await app.AsUserAsync("admin@remissflow.test", new CreateOrgan.Command(ks, OrganKind.Styrelse, "Kommunstyrelsen", 7, 5, true));
        var existing = await app.QueryAsync(db => db.Sammantraden.Where(m => m.OrganId == organ && m.Datum == today).Select(m => (Guid?)m.Id).FirstOrDefaultAsync());
        return existing ?? await app.AsUserAsync(KsSekreterare, new CreateSammantrade.Command(organ, today, new TimeOnly(13, 0), "Stadshuset, Kommunstyrelsens sessionssal", true));
    }

    /// <summary>KS's ärende on an outside remiss through its TU, the förvaltningschef's approval and today's meeting to a justerat beslut.</summary>
    public static async Task BeslutatAsync(RemissFlowApp app, Guid arende)
    {
        var meeting = await KsMeetingTodayAsync(app);
        var today = StockholmTime.Today(TimeProvider.System);
        var handlaggare = await ArendeData.UserIdAsync(app, KsHandlaggare);
        if (await app.QueryAsync(db => db.Remissvar.Where(a => a.Id == arende).Select(a => a.HandlaggareId).SingleAsync()) is null)
        {
            await app.AsUserAsync(Sessions.KsRegistrator, new AssignHandlaggare.Command(arende, handlaggare));
        }

        await app.AsUserAsync(KsHandlaggare, new FireRemissvarTrigger.Command(arende, "paborja_beredning"));
        await app.AsUserAsync(KsHandlaggare, new SaveTjansteutlatande.Command(arende, null, "Remiss av betänkandet",
            "1. Kommunstyrelsen godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Kommunen tillstyrker i huvudsak förslaget.",
            "Departementet har remitterat betänkandet till kommunen.", "Utredningen föreslår en ny ordning.", null, "Stadsledningskontoret tillstyrker."));
        await DecideAsync(app, arende, meeting, today);
    }

    /// <summary>From a TU ready for the förvaltningschef (under beredning, with a TU) to a justerat beslut at today's meeting.</summary>
    public static async Task DecideAsync(RemissFlowApp app, Guid arende, Guid meeting, DateOnly today)
    {
        await app.AsUserAsync(KsHandlaggare, new FireRemissvarTrigger.Command(arende, "skicka_till_forvaltningschef"));
        await app.AsUserAsync(KsChef, new FireRemissvarTrigger.Command(arende, "godkann"));
        await app.AsUserAsync(KsSekreterare, new PlaceOnAgenda.Command(arende, meeting));
        await app.AsUserAsync(KsSekreterare, new RecordBeslut.Command(arende, Interlocked.Increment(ref _paragraf),
            "Kommunstyrelsen godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.TillstyrkerMedSynpunkter, OmedelbarJustering: true));
        await app.AsUserAsync(KsSekreterare, new Justera.Command(arende, today, "Karin Wanngård"));
    }
}
