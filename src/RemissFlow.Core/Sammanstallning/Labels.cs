using System.Text;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>The Swedish words every output of the sammanställning uses, so PDF, Word, Excel, CSV and the web say the same.</summary>
public static class Labels
{
    public static string Kategori(SvarsKategori k) => k switch
    {
        SvarsKategori.BesvaratITid => "Besvarat i tid",
        SvarsKategori.BesvaratSent => "Besvarat sent",
        SvarsKategori.Avstatt => "Avstått",
        SvarsKategori.Anstand => "Anstånd",
        SvarsKategori.Saknas => "Saknas",
        SvarsKategori.Aterkallad => "Återkallad",
        SvarsKategori.EjBesvarad => "Ej besvarad",
        _ => k.ToString(),
    };

    /// <summary>The category with its detail: "Besvarat sent (3 arbetsdagar)", "Anstånd till 15 maj 2026 (begärt)".</summary>
    public static string Status(MatrixRow r) => r.Kategori switch
    {
        SvarsKategori.BesvaratSent => $"Besvarat sent ({Days(r.ForsenadArbetsdagar ?? 0)})",
        SvarsKategori.Avstatt when r.ITid == false => $"Avstått ({Days(r.ForsenadArbetsdagar ?? 0)} sent)",
        SvarsKategori.Anstand when r.Anstand is { } a => $"Anstånd till {SwedishText.LongDate(a.Datum)} ({(a.Beviljat ? "beviljat" : "begärt")})",
        SvarsKategori.Saknas when r.ForsenadArbetsdagar is > 0 => $"Saknas ({Days(r.ForsenadArbetsdagar.Value)} efter svarsdatum)",
        // Registered by the instans (its ärende is open, someone works on it): under way, not merely unanswered.
        SvarsKategori.EjBesvarad when r.InstansKind != OrganisationKind.ExternOrganisation && r.Status != RemissvarState.Inkommen => "Pågår",
        _ => Kategori(r.Kategori),
    };

    /// <summary>
    /// What the on-time rate counts, in words that cannot contradict themselves: the answers given and those missing
    /// after svarsdatum; instanser whose svarsdatum is still ahead are left out and said to be.
    /// </summary>
    public static string AndelITid(MatrixSummary s)
    {
        var open = s.EjBesvarad + s.Anstand;
        var notCounted = open == 0 ? "" : $" {Instanser(open)} som ännu inte har svarat och vars svarsdatum inte har passerat räknas inte.";
        if (s.Forfallna == 0)
        {
            return $"Andel svar i tid: – (inget svar är lämnat och inget svarsdatum har passerat).{notCounted}";
        }

        var what = s.Saknas == 0 ? $"lämnade svar" : $"svar som lämnats eller saknas efter svarsdatum";
        return $"Andel svar i tid: {Percent(s.AndelITid)} ({s.ITid} av {s.Forfallna} {what} kom in senast sitt svarsdatum).{notCounted}";
    }

    private static string Instanser(int n) => SwedishText.Count(n, "instans", "instanser");

    public static string Days(int n) => SwedishText.Count(n, "arbetsdag", "arbetsdagar");

    public static string Standpunkt(Standpunkt? s) => s switch
    {
        Domain.Standpunkt.Tillstyrker => "Tillstyrker",
        Domain.Standpunkt.TillstyrkerMedSynpunkter => "Tillstyrker med synpunkter",
        Domain.Standpunkt.Avstyrker => "Avstyrker",
        Domain.Standpunkt.Avstar => "Avstår",
        _ => "",
    };

    public static string InstansKind(OrganisationKind k) => k switch
    {
        OrganisationKind.Namnd => "Nämnd",
        OrganisationKind.Bolag => "Bolag",
        OrganisationKind.ExternOrganisation => "Extern organisation",
        OrganisationKind.Kommunstyrelse => "Kommunstyrelse",
        _ => k.ToString(),
    };

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", SwedishText.Culture) + " %" : "–";

    /// <summary>ASCII for file and folder names: "Servicenämnden" → "Servicenamnden"; anything else becomes '-'.</summary>
    public static string FileSafe(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var folded = c switch
            {
                'å' or 'ä' or 'à' or 'á' => 'a',
                'Å' or 'Ä' => 'A',
                'ö' or 'ø' => 'o',
                'Ö' or 'Ø' => 'O',
                'é' or 'è' => 'e',
                'É' => 'E',
                'ü' => 'u',
                _ => c,
            };
            if (char.IsAsciiLetterOrDigit(folded) || folded is '.' or '_')
            {
                sb.Append(folded);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var s = sb.ToString().Trim('-', '.');
        return s.Length == 0 ? "fil" : s.Length > 80 ? s[..80].TrimEnd('-', '.') : s;
    }
}
