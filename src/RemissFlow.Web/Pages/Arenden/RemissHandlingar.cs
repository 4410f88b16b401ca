using RemissFlow.Core.Access;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>What the sender sent with the remiss, as an ärende's readers see it: the description, the missiv and the remisshandlingar.</summary>
public sealed record RemissUnderlag(Guid ArendeId, string? Beskrivning, bool HasMissiv, IReadOnlyList<Bilaga> Handlingar)
{
    public string MissivHref => $"/arenden/{ArendeId}/missiv";

    public string HandlingHref(Bilaga b) => $"/arenden/{ArendeId}/remisshandlingar/{b.Id}";

    /// <summary>
    /// Read under the ärende's own rule (<see cref="ArendeAccess"/>), so the instans's people reach the remiss's papers
    /// from their ärende without being let into the sender's remiss pages. Only a sent remiss has a missiv to read.
    /// </summary>
    public static async Task<RemissUnderlag> LoadAsync(RemissFlowDbContext db, Remissvar svar, Remiss remiss, CancellationToken ct)
    {
        // DateTimeOffset does not sort in SQLite; the lists are short, so they are ordered here.
        var handlingar = (await db.Bilagor.AsNoTracking()
                .Where(b => b.RemissId == remiss.Id && b.RemissvarId == null && b.Kind == BilagaKind.Remisshandling).ToListAsync(ct))
            .OrderBy(b => b.UploadedAt).ThenBy(b => b.Id).ToList();
        // The ärende's readers are the instans's people: a sekretessmarkerad remisshandling stays with the sender that holds it.
        if (!Core.Features.Sekretess.SekretessRegister.MayRead(svar.InstansId, remiss.AvsandareId))
        {
            var hemliga = await Core.Features.Sekretess.SekretessRegister.MarkedAsync(db, SekretessTyp.Fil, handlingar.Select(b => b.Id), ct);
            handlingar = handlingar.Where(b => !hemliga.Contains(b.Id)).ToList();
        }

        return new RemissUnderlag(svar.Id, string.IsNullOrWhiteSpace(remiss.Description) ? null : remiss.Description, remiss.UtskickDatum is not null, handlingar);
    }
}
