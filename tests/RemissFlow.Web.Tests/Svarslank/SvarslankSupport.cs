using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Svarslank;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Svarslank;

internal static class SvarslankSupport
{
    /// <summary>A demo outside organisation's open remissvar and a fresh link to it (renewed as KS, as the page's button does).</summary>
    public static async Task<(Guid SvarId, string Instans, string Dnr, string Path)> OpenLinkAsync(RemissFlowApp app)
    {
        var today = StockholmTime.Today(TimeProvider.System);
        var open = await app.QueryAsync(db => (from s in db.Remissvar
                                               join o in db.Organisationer on s.InstansId equals o.Id
                                               join r in db.Remisser on s.RemissId equals r.Id
                                               where o.Kind == OrganisationKind.ExternOrganisation && s.Status == "utskickad" && s.Svarsdatum >= today
                                               orderby s.Svarsdatum descending
                                               select new { s.Id, o.Name, r.Dnr }).FirstAsync());
        var renewed = await app.AsSystemAsync(new RenewSvarslank.Command(open.Id));
        return (open.Id, open.Name, open.Dnr, new Uri(renewed.Url).AbsolutePath);
    }

    public static MultipartFormDataContent Form(string antiforgery, string? standpunkt, string? text, string namn = "Kim Kontakt", string epost = "kim@example.test",
        (string Name, byte[] Content)? file = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new StringContent(namn), "Input.KontaktNamn" },
            { new StringContent(epost), "Input.KontaktEpost" },
        };
        if (standpunkt is not null)
        {
            form.Add(new StringContent(standpunkt), "Input.Standpunkt");
        }

        if (text is not null)
        {
            form.Add(new StringContent(text), "Input.Text");
        }

        if (file is { } f)
        {
            var content = new ByteArrayContent(f.Content);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(content, "fil", f.Name);
        }

        return form;
    }
}
