namespace RemissFlow.Core.Domain;

/// <summary>An attached file. The bytes live in the file store under their SHA-256, outside the web root.</summary>
public sealed class Bilaga
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public BilagaKind Kind { get; set; }

    public Guid? RemissId { get; set; }

    public Guid? RemissvarId { get; set; }

    public required string FileName { get; set; }

    /// <summary>A remisshandling's own title, given by KS before utskick; null means the file name is the title.</summary>
    public string? Rubrik { get; set; }

    public required string MediaType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public Guid UploadedBy { get; set; }
}
