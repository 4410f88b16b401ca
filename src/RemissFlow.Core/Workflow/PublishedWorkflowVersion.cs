namespace RemissFlow.Core.Workflow;

/// <summary>A row of the published-version ledger: the hash a definition version had when first run.</summary>
public sealed class PublishedWorkflowVersion
{
    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}
