namespace RemissFlow.Testing;

/// <summary>A clock the test moves by hand. Its local zone is Stockholm's, as the product's is, whatever the machine's.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    internal static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => Stockholm;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset at) => _now = at.ToUniversalTime();
}
