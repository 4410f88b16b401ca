using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>Servicenämnden's ärende walked along the ordinary path by its own people, for the ärende and TU page tests.</summary>
public static class ArendeSteps
{
    public static DateOnly Today => StockholmTime.Today(TimeProvider.System);

    public static SaveTjansteutlatande.Command Tu(Guid svarId, int? basedOn, string synpunkter = "Förvaltningen har inga synpunkter.") => new(svarId, basedOn,
        "Remiss av programmet", "Nämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Förvaltningen tillstyrker.",
        "Kommunstyrelsen har skickat programmet på remiss.", "Programmet föreslår åtgärder.", null, synpunkter);

    /// <summary>A new remiss sent to SF; the ärende is taken to "under_beredning" with one saved TU version when <paramref name="withTu"/>.</summary>
    public static async Task<Guid> UnderBeredningAsync(RemissFlowApp app, string title, bool withTu = true)
    {
        var id = (await ArendeData.SendRemissAsync(app, title, Today.AddDays(60), "SF"))["SF"];
        await app.AsUserAsync(Sessions.SfRegistrator, new RegisterRemissvar.Command(id));
        await app.AsUserAsync(Sessions.SfRegistrator, new AssignHandlaggare.Command(id, await ArendeData.UserIdAsync(app, Sessions.SfHandlaggare)));
        await app.AsUserAsync(Sessions.SfHandlaggare, new FireRemissvarTrigger.Command(id, "paborja_beredning"));
        if (withTu)
        {
            await app.AsUserAsync(Sessions.SfHandlaggare, Tu(id, null));
        }

        return id;
    }

    /// <summary>On to the förvaltningschef, with the förvaltningsgrupp's passage recorded as SF requires.</summary>
    public static async Task<Guid> HosForvaltningschefAsync(RemissFlowApp app, string title)
    {
        var id = await UnderBeredningAsync(app, title);
        await app.AsUserAsync(Sessions.SfHandlaggare, new RecordBeredning.Command(id, OrganKind.Forvaltningsgrupp, Today));
        await app.AsUserAsync(Sessions.SfHandlaggare, new FireRemissvarTrigger.Command(id, "skicka_till_forvaltningschef"));
        return id;
    }

    public static Task<string> StatusAsync(RemissFlowApp app, Guid id) =>
        app.QueryAsync(db => db.Remissvar.Where(v => v.Id == id).Select(v => v.Status).SingleAsync());
}
