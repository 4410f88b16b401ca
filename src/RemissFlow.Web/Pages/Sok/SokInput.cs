using System.Globalization;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Search;

namespace RemissFlow.Web.Pages.Sok;

/// <summary>
/// The search parameters as the page's form and the API's query string name them, read into a
/// <see cref="SearchRequest"/>; bad input is refused with a Swedish message naming the field.
/// </summary>
public sealed class SokInput
{
    public const int PageSize = 20;

    public string? Q { get; set; }

    public string? Typ { get; set; }

    public string? Organisation { get; set; }

    public string? Fran { get; set; }

    public string? Till { get; set; }

    public string? Status { get; set; }

    public string? Handlaggare { get; set; }

    public string? SvarsdatumFran { get; set; }

    public string? SvarsdatumTill { get; set; }

    public string? Sortering { get; set; }

    public string? Sida { get; set; }

    /// <summary>The request, or the refusal listing each bad field.</summary>
    public (SearchRequest? Request, Refusal? Refusal) Read(int pageSize = PageSize)
    {
        var errors = new List<FieldError>();
        var q = Q?.Trim() ?? "";
        if (q.Length == 0)
        {
            errors.Add(new FieldError("q", "Skriv vad du söker efter (q)."));
        }
        else if (q.Length > SearchQuery.MaxLength)
        {
            errors.Add(new FieldError("q", $"Sökningen (q) får vara högst {SearchQuery.MaxLength} tecken."));
        }

        var typ = Blank(Typ);
        if (typ is not null && !SearchTypes.All.Contains(typ))
        {
            errors.Add(new FieldError("typ", $"Okänd typ (typ): {Shown(typ)}. Välj en av {string.Join(", ", SearchTypes.All)}."));
        }

        var organisation = Id("organisation", "Organisationen (organisation)", Organisation, errors);
        var handlaggare = Id("handlaggare", "Handläggaren (handlaggare)", Handlaggare, errors);
        var fran = Date("fran", "Från-datumet (fran)", Fran, errors);
        var till = Date("till", "Till-datumet (till)", Till, errors);
        var sf = Date("svarsdatumFran", "Svarsdatum från (svarsdatumFran)", SvarsdatumFran, errors);
        var st = Date("svarsdatumTill", "Svarsdatum till (svarsdatumTill)", SvarsdatumTill, errors);
        if (fran > till)
        {
            errors.Add(new FieldError("till", "Till-datumet (till) ligger före från-datumet (fran)."));
        }

        if (sf > st)
        {
            errors.Add(new FieldError("svarsdatumTill", "Svarsdatum till (svarsdatumTill) ligger före svarsdatum från (svarsdatumFran)."));
        }

        var sortering = Blank(Sortering) ?? "relevans";
        if (sortering is not ("relevans" or "datum" or "titel"))
        {
            errors.Add(new FieldError("sortering", "Sorteringen (sortering) är relevans, datum eller titel."));
        }

        var sida = 1;
        if (Blank(Sida) is { } s && (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out sida) || sida < 1 || sida > 500))
        {
            errors.Add(new FieldError("sida", "Sidan (sida) är ett heltal från 1 till 500."));
        }

        var status = Blank(Status);
        if (status is { Length: > 60 })
        {
            errors.Add(new FieldError("status", "Statusen (status) får vara högst 60 tecken."));
        }

        if (errors.Count > 0)
        {
            return (null, Refusal.Validation(errors));
        }

        return (new SearchRequest(q, typ, organisation, fran, till, status, handlaggare, sf, st, sortering == "datum", (sida - 1) * pageSize, pageSize, sortering == "titel"), null);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Shown(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static Guid? Id(string field, string label, string? value, List<FieldError> errors)
    {
        if (Blank(value) is not { } v)
        {
            return null;
        }

        if (Guid.TryParse(v, out var id))
        {
            return id;
        }

        errors.Add(new FieldError(field, $"{label} ska anges med sitt id (ett GUID)."));
        return null;
    }

    private static DateOnly? Date(string field, string label, string? value, List<FieldError> errors)
    {
        if (Blank(value) is not { } v)
        {
            return null;
        }

        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        errors.Add(new FieldError(field, $"{label} ska vara ett datum som ÅÅÅÅ-MM-DD."));
        return null;
    }
}
