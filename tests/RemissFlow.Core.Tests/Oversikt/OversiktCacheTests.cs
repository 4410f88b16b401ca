using RemissFlow.Core.Oversikt;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Oversikt;

public sealed class OversiktCacheTests
{
    [Test]
    public async Task A_board_is_rebuilt_when_the_audit_head_moves_the_day_changes_or_it_gets_old()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 3, 2, 23, 59, 0, TimeSpan.FromHours(1)));
        var cache = new OversiktCache(clock);
        var id = Guid.NewGuid();
        var builds = 0;
        Task<byte[]> Build() => Task.FromResult(new[] { (byte)++builds });
        async Task<int> Get(string kind, long stamp) => (await cache.GetOrCreateAsync(kind, id, stamp, Build))[0];

        Assert.That(await Get("bevakning", 7), Is.EqualTo(1));
        Assert.That(await Get("bevakning", 7), Is.EqualTo(1), "nothing changed");
        Assert.That(await Get("matris", 7), Is.EqualTo(2), "another overview of the same id");
        Assert.That(await Get("bevakning", 8), Is.EqualTo(3), "a change was committed");
        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.That(await Get("bevakning", 8), Is.EqualTo(3), "still fresh");
        Assert.That(await Get("bevakning", 9), Is.EqualTo(4));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That(await Get("bevakning", 9), Is.EqualTo(5), "a new day in Stockholm: the plans count from another today");
        clock.Advance(OversiktCache.MaxAge - TimeSpan.FromSeconds(1));
        Assert.That(await Get("bevakning", 9), Is.EqualTo(5));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await Get("bevakning", 9), Is.EqualTo(6), "too old: a safety net for writes made outside the app");
    }

    [Test]
    public async Task A_read_model_object_is_kept_the_same_way_and_never_handed_out_as_another_type()
    {
        var cache = new OversiktCache(new FakeClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(1))));
        var id = Guid.NewGuid();
        var builds = 0;
        Task<List<int>> Build() => Task.FromResult(new List<int> { ++builds });

        var first = await cache.GetOrCreateAsync("oversikt", id, 3, Build);
        Assert.That(await cache.GetOrCreateAsync("oversikt", id, 3, Build), Is.SameAs(first), "nothing changed");
        Assert.That((await cache.GetOrCreateAsync("oversikt", id, 4, Build))[0], Is.EqualTo(2), "a change was committed");
        var bytes = await cache.GetOrCreateAsync("oversikt", id, 4, () => Task.FromResult(new byte[] { 9 }));
        Assert.That(bytes, Is.EqualTo(new byte[] { 9 }), "an entry of another type is built anew, not cast");
    }
}
