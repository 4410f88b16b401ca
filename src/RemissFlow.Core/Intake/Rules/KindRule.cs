using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>
/// The kind, from the words in the letterhead and the first lines: tjänsteutlåtande before remissvar (a TU says "Svar på
/// remiss" too), protokollsutdrag, remissvar or yttrande, a remiss or missiv, and "other" (dagordningar, the remitted document itself).
/// </summary>
public static partial class KindRule
{
    public const string Remiss = "remiss";
    public const string Tjansteutlatande = "tjansteutlatande";
    public const string Protokollsutdrag = "protokollsutdrag";
    public const string Remissvar = "remissvar";
    public const string Other = "other";

    public static ExtractedValue Extract(IntakeText text)
    {
        var head = text.Lines.Take(25).Concat(text.Furniture).ToList();
        (string Kind, double Confidence, Regex Pattern)[] rules =
        [
            (Tjansteutlatande, 0.95, Tu()),
            (Protokollsutdrag, 0.92, Protokoll()),
            (Other, 0.85, Agenda()),
            (Remissvar, 0.88, Answer()),
            (Remiss, 0.88, Missiv()),
        ];
        // A TU's running header names it on every page, however far down the converter put the letterhead.
        var tu = text.Lines.Concat(text.Furniture).FirstOrDefault(l => Tu().IsMatch(l));
        if (tu is not null)
        {
            return new ExtractedValue(Tjansteutlatande, 0.95, tu, text.All.IndexOf(tu, StringComparison.Ordinal));
        }

        foreach (var (kind, confidence, pattern) in rules)
        {
            var line = head.FirstOrDefault(l => pattern.IsMatch(l));
            if (line is not null)
            {
                return new ExtractedValue(kind, confidence, line, text.All.IndexOf(line, StringComparison.Ordinal));
            }
        }

        // A letter that names the addressee's dnr ("Ert dnr", "Er beteckning") near its top answers something: a remissvar.
        var answering = text.Lines.Take(25).FirstOrDefault(l => SenderLabel().IsMatch(l));
        if (answering is not null)
        {
            return new ExtractedValue(Remissvar, 0.75, answering, text.All.IndexOf(answering, StringComparison.Ordinal));
        }

        var invite = RemissInvite().Match(text.Flat);
        if (invite.Success && invite.Index < 3000)
        {
            return new ExtractedValue(Remiss, 0.7, text.Window(invite.Index, invite.Length), invite.Index);
        }

        return new ExtractedValue(Other, 0.5, text.Lines.FirstOrDefault(l => l.Length > 0) ?? "", 0);
    }

    [GeneratedRegex(@"^(?:Er beteckning|Ert dnr|Ert diarienummer|Er referens|Ert ärendenummer)\b")]
    private static partial Regex SenderLabel();

    [GeneratedRegex(@"^(?:Tjänsteutlåtande|TJÄNSTEUTLÅTANDE)(?:\s|$)")]
    private static partial Regex Tu();

    [GeneratedRegex(@"^(?:Protokollsutdrag|Utdrag ur (?:sammanträdes)?protokoll|Utdrag ur protokollet|Justerat protokollsutdrag)\b|^Protokoll\b.*§", RegexOptions.IgnoreCase)]
    private static partial Regex Protokoll();

    [GeneratedRegex(@"^(?:Dagordning|Föredragningslista|Kallelse)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Agenda();

    [GeneratedRegex(@"^(?:Remissvar|Remissyttrande|Yttrande(?: över)?|Svar på remiss(?:en)?|Synpunkter på remiss)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Answer();

    [GeneratedRegex(@"^(?:Missiv|Remiss(?:\b|:)|Remittering|Remisshandling)", RegexOptions.IgnoreCase)]
    private static partial Regex Missiv();

    [GeneratedRegex(@"(?:ges (?:härmed )?möjlighet att (?:yttra sig|lämna synpunkter)|remitteras (?:härmed )?till|bereds tillfälle att yttra)", RegexOptions.IgnoreCase)]
    private static partial Regex RemissInvite();
}
