namespace RemissFlow.Web.Pages.Remisser;

/// <summary>What the Ny and Redigera forms post.</summary>
public sealed class RemissInput
{
    public string? Title { get; set; }

    public string? Dnr { get; set; }

    public DateOnly? Svarsdatum { get; set; }

    public string? Description { get; set; }

    public string? KontaktpersonNamn { get; set; }

    public string? KontaktpersonEpost { get; set; }

    public bool TillaterForvaltningensSvar { get; set; }

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
