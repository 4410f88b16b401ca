using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Mediation;

namespace RemissFlow.Web.Tests.Support;

/// <summary>Set-up for the instans's tests: KS sends a fresh remiss, so an instans has a remissvar that has just arrived (inkommen).</summary>
public static class ArendeData
{
    /// <summary>A minimal PDF: the upload check looks at the magic bytes, not the name.</summary>
    public static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    /// <summary>KS's registrator sends a new remiss to the given instanser (by dnr prefix); returns the remissvar id per prefix.</summary>
    public static async Task<Dictionary<string, Guid>> SendRemissAsync(RemissFlowApp app, string title, DateOnly svarsdatum, params string[] prefixes)
    {
        const string ks = Sessions.KsRegistrator;
        var orgs = await app.QueryAsync(db => db.Organisationer.Where(o => prefixes.Contains(o.DnrPrefix)).ToDictionaryAsync(o => o.DnrPrefix, o => o.Id));
        var created = await app.AsUserAsync(ks, new CreateRemiss.Command(title, "Remissen gäller ett förslag.", svarsdatum, null, false, "Johan Ek", Sessions.KsSamordnare));
        await app.AsUserAsync(ks, new SetRemisslista.Command(created.Id, prefixes.Select(p => orgs[p]).ToList()));
        await app.AsUserAsync(ks, new AddRemisshandling.Command(created.Id, "Remisshandling.pdf", Pdf));
        await app.AsUserAsync(ks, new FireRemissTrigger.Command(created.Id, "skicka_ut"));
        return await app.QueryAsync(db => db.Remissvar.Where(v => v.RemissId == created.Id).ToDictionaryAsync(v => prefixes.First(p => orgs[p] == v.InstansId), v => v.Id));
    }

    public static Task<Guid> UserIdAsync(RemissFlowApp app, string email) =>
        app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
