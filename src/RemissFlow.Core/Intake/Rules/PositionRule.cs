using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>
/// The ställningstagande: tillstyrker, tillstyrker med synpunkter, avstyrker or avstår, from the words that say so;
/// positive wording without those words ("ser positivt på") is a guess with a low confidence. A remiss has none.
/// </summary>
public sealed partial class PositionRule : IFieldRule
{
    public const string Tillstyrker = "tillstyrker";
    public const string TillstyrkerMedSynpunkter = "tillstyrker med synpunkter";
    public const string Avstyrker = "avstyrker";
    public const string Avstar = "avstår";

    public string Field => "position";

    public ExtractedValue? Extract(RuleContext context)
    {
        if (context.Kind is KindRule.Remiss or KindRule.Other)
        {
            return null;
        }

        var flat = context.Text.Flat;
        ExtractedValue At(string value, double confidence, Match m) => new(value, confidence, context.Text.Window(m.Index, m.Length), m.Index);

        var declines = Declines().Match(flat);
        if (declines.Success)
        {
            return At(Avstar, 0.92, declines);
        }

        var rejects = Rejects().Match(flat);
        var supports = Supports().Match(flat);
        if (rejects.Success && (!supports.Success || rejects.Index < supports.Index))
        {
            return At(Avstyrker, supports.Success ? 0.7 : 0.9, rejects);
        }

        if (supports.Success)
        {
            var tail = flat[supports.Index..Math.Min(flat.Length, supports.Index + 260)];
            return Remarks().IsMatch(tail) || WithRemarks().IsMatch(supports.Value)
                ? At(TillstyrkerMedSynpunkter, 0.9, supports)
                : At(Tillstyrker, 0.85, supports);
        }

        var none = NoRemarks().Match(flat);
        if (none.Success)
        {
            return At(Tillstyrker, 0.8, none);
        }

        var positive = Positive().Match(flat);
        if (positive.Success)
        {
            return Suggests().IsMatch(flat) ? At(TillstyrkerMedSynpunkter, 0.6, positive) : At(Tillstyrker, 0.55, positive);
        }

        return null;
    }

    [GeneratedRegex(@"(?<!\bom (?:ni|nämnden|instansen) )\bavstår\s+från\s+att\s+(?:yttra|lämna|svara|besvara|avge)|\bavstår\s+(?:att\s+)?yttra", RegexOptions.IgnoreCase)]
    private static partial Regex Declines();

    [GeneratedRegex(@"\bavstyrker\b(?!\s+inte)", RegexOptions.IgnoreCase)]
    private static partial Regex Rejects();

    [GeneratedRegex(@"\btillstyrker\b(?:[^.]{0,80}?med\s+(?:följande\s+|de\s+)?(?:synpunkter|tillägg|förbehåll|ändringar))?", RegexOptions.IgnoreCase)]
    private static partial Regex Supports();

    [GeneratedRegex(@"med\s+(?:följande\s+|de\s+)?(?:synpunkter|tillägg|förbehåll|ändringar)", RegexOptions.IgnoreCase)]
    private static partial Regex WithRemarks();

    [GeneratedRegex(@"(?:\bi huvudsak\b|\bmed (?:följande )?synpunkter\b|\bdock\b|\bföljande synpunkter\b|\bmed förbehåll\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Remarks();

    [GeneratedRegex(@"(?:har inga synpunkter|har inget att invända|har inga invändningar|ställer sig bakom förslaget)", RegexOptions.IgnoreCase)]
    private static partial Regex NoRemarks();

    [GeneratedRegex(@"(?:ser (?:överlag )?positivt på|ställer sig positiv|välkomnar)", RegexOptions.IgnoreCase)]
    private static partial Regex Positive();

    [GeneratedRegex(@"(?:föreslår (?:förvaltningen |nämnden )?att|bör kompletteras|kompletteras med|synpunkter)", RegexOptions.IgnoreCase)]
    private static partial Regex Suggests();
}
