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
        // A JSON array is an unambiguous encoding: no field can bleed into the next.
        var canonical = JsonSerializer.Serialize(new object?[]
        {
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
        });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }
}
