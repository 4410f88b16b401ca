using RemissFlow.Core.Intake.Rules;

namespace RemissFlow.Core.Intake;

/// <summary>Reads a document into RemissFlow's structure: text out, normalised, then each field by its own rule.</summary>
public sealed class DocumentIntake(OcrReader? ocr = null)
{
    private static readonly IFieldRule[] Rules =
    [
        new OrganisationRule(), new DnrRule(), new SenderDnrRule(), new TitleRule(), new SvarsdatumRule(), new MeetingDateRule(), new PositionRule(),
    ];

    public IntakeResult Read(byte[] content, string fileName)
    {
        if (content.Length == 0)
        {
            throw new IntakeException("Filen är tom.");
        }

        var raw = DocumentTextReader.Read(content, fileName, ocr);
        return FromText(raw.Text, raw.Source);
    }

    public static IntakeResult FromText(string rawText, IntakeSource source)
    {
        var text = TextNormaliser.Normalise(rawText);
        var kind = KindRule.Extract(text);
        var context = new RuleContext(text, SwedishDates.DocumentDate(text), kind.Value);
        var fields = new Dictionary<string, ExtractedValue>();
        foreach (var rule in Rules)
        {
            if (rule.Extract(context) is { } value)
            {
                fields[rule.Field] = value;
            }
        }

        // A remiss lists beredningsorgan among its instanser; only an answer or a TU records passages through them.
        IReadOnlyList<BeredningPassage> beredning = kind.Value is KindRule.Remiss or KindRule.Other ? [] : BeredningRule.Extract(context);
        return new IntakeResult(kind, fields, beredning, SectionSplitter.Split(text), source, text.Running);
    }
}
