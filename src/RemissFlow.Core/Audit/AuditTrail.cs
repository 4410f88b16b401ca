using System.Text.Json;

namespace RemissFlow.Core.Audit;

/// <summary>An audit event a handler records; the transaction step chains and stores it in the same transaction.</summary>
public sealed record PendingHandelse(string ArendeTyp, Guid ArendeId, string? Dnr, string Action, string Beskrivning, string? Before, string? After);

/// <summary>Scoped collector of what the current command changed.</summary>
public sealed class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly List<PendingHandelse> _pending = [];

    public IReadOnlyList<PendingHandelse> Pending => _pending;

    public void Record(string arendeTyp, Guid arendeId, string? dnr, string action, string beskrivning, object? before = null, object? after = null) =>
        _pending.Add(new PendingHandelse(arendeTyp, arendeId, dnr, action, beskrivning, Serialize(before), Serialize(after)));

    public void Record(Remissvar svar, string action, string beskrivning, object? before = null, object? after = null) =>
        Record(nameof(Remissvar), svar.Id, svar.Dnr ?? svar.AvsandareDnr, action, beskrivning, before, after);

    public void Record(Remiss remiss, string action, string beskrivning, object? before = null, object? after = null) =>
        Record(nameof(Remiss), remiss.Id, remiss.Dnr, action, beskrivning, before, after);

    public void Clear() => _pending.Clear();

    private static string? Serialize(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, Json),
    };
}
