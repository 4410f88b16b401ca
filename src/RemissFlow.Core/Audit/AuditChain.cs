using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RemissFlow.Core.Audit;

/// <summary>The hash that links each Händelse to the one before it.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>PostgreSQL keeps microseconds; hashing at that precision keeps the chain verifiable on both providers.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static string ComputeHash(Handelse h)
    {
        // A JSON array is an unambiguous encoding: no field can bleed into the next. The ersättare's principal
        // (V0024) is appended only when there is one, so every event written before it keeps its hash.
        object?[] fields =
        [
            h.Sequence,
            Normalize(h.At).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            h.ActorId?.ToString("D"),
            h.ActorName,
            h.ArendeTyp,
            h.ArendeId.ToString("D"),
            h.Dnr,
            h.Action,
            h.Beskrivning,
            h.Before,
            h.After,
            h.PreviousHash,
        ];
        if (h.PaUppdragAvId is not null || h.PaUppdragAvNamn is not null)
        {
            fields = [.. fields, h.PaUppdragAvId?.ToString("D"), h.PaUppdragAvNamn];
        }

        var canonical = JsonSerializer.Serialize(fields);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }
}
