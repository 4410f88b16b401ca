using RemissFlow.Core.Sammanstallning;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Features.Kedja;

/// <summary>The two TU sections the internal answers give KS's own answer: what each instans said, and who was asked and how they answered.</summary>
public sealed record KedjansSvarsunderlag(string Arendet, string ArendetsBeredning);

/// <summary>
/// Phrases the internal remiss's answers for Kommunstyrelsen's tjänsteutlåtande on the outside remiss. Built from the
/// KS matrix itself (<see cref="RemissMatrixQuery"/>), so the TU says exactly what the matrix and the sammanställning say.
/// </summary>
public static class KedjansSvar
{
    public const string Rubrik = "## Remissinstansernas svar";

    public static KedjansSvarsunderlag Underlag(RemissMatrix matrix)
    {
        var rows = matrix.Rows;
        var intro = $"Ärendet har remitterats internt under {matrix.Remiss.Dnr} med svarsdatum {SwedishText.LongDate(matrix.Remiss.Svarsdatum)}. " +
            "Svaren sammanfattas här och redovisas i sin helhet i bilagan Sammanställning av remissvaren.";
        var arendet = string.Join("\n\n", new[] { Rubrik, intro }.Concat(rows.Select(Rad)));
        return new KedjansSvarsunderlag(arendet, Beredning(rows));
    }

    /// <summary>One instans's paragraph: its name, where it stands as KS counts it, and for a given answer its ställningstagande and key points.</summary>
    public static string Rad(MatrixRow r)
    {
        var head = $"{r.Instans} ({Labels.Status(r).ToLowerInvariant()})";
        return r.Kategori switch
        {
            SvarsKategori.BesvaratITid or SvarsKategori.BesvaratSent =>
                $"{head}: {(r.Standpunkt is null ? "Inget ställningstagande angivet" : Labels.Standpunkt(r.Standpunkt))}.{Punkter(r.Nyckelpunkter)}",
            SvarsKategori.Avstatt => $"{head}: Avstår från att yttra sig.{Punkter(r.Nyckelpunkter == "Avstår från att yttra sig." ? null : r.Nyckelpunkter)}",
            SvarsKategori.Aterkallad => $"{head}: Remissen återkallades innan instansen svarade.",
            _ => $"{head}: Har inte svarat.",
        };
    }

    private static string Punkter(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : " " + string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>"Ärendets beredning": who got the internal remiss, and who answered, declined or did not answer.</summary>
    public static string Beredning(IReadOnlyList<MatrixRow> rows)
    {
        var all = rows.Where(r => r.Kategori != SvarsKategori.Aterkallad).Select(r => r.Instans).ToList();
        if (all.Count == 0)
        {
            return "Ärendet har inte remitterats internt.";
        }

        var svarat = rows.Where(r => r.Kategori is SvarsKategori.BesvaratITid or SvarsKategori.BesvaratSent).Select(r => r.Instans).ToList();
        var avstatt = rows.Where(r => r.Kategori == SvarsKategori.Avstatt).Select(r => r.Instans).ToList();
        var ejSvarat = rows.Where(r => r.Kategori is SvarsKategori.Saknas or SvarsKategori.EjBesvarad or SvarsKategori.Anstand).Select(r => r.Instans).ToList();
        var delar = new List<string>();
        if (svarat.Count > 0)
        {
            delar.Add($"{SwedishText.List(svarat)} svarat");
        }

        if (avstatt.Count > 0)
        {
            delar.Add($"{SwedishText.List(avstatt)} avstått från att yttra sig");
        }

        if (ejSvarat.Count > 0)
        {
            delar.Add($"{SwedishText.List(ejSvarat)} inte svarat");
        }

        var anstand = rows.Where(r => r.Kategori == SvarsKategori.Anstand && r.Anstand is not null)
            .Select(r => $"{r.Instans} har {(r.Anstand!.Beviljat ? "beviljats" : "begärt")} anstånd till {SwedishText.LongDate(r.Anstand.Datum)}.")
            .ToList();
        var text = $"Ärendet har remitterats till {SwedishText.List(all)}. Av dessa har {string.Join(", ", delar.Take(delar.Count - 1))}{(delar.Count > 1 ? " och " : "")}{delar[^1]}.";
        return string.Join(' ', new[] { text }.Concat(anstand).Append("Sammanställningen av remissvaren är bilaga till tjänsteutlåtandet."));
    }
}
