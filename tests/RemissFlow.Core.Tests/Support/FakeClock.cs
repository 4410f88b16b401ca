using RemissFlow.Workflows.Runtime;
namespace RemissFlow.Core.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => StockholmTime.Zone;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset at) => _now = at.ToUniversalTime();
}
