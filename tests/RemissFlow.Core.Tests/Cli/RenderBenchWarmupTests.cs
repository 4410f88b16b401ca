using RemissFlow.Documents;

namespace RemissFlow.Core.Tests.Cli;

/// <summary>
/// <c>render bench</c> warms up in rounds until two consecutive round medians agree within 5 %, so the first
/// variant is not measured while the JIT is still tiering up. The rounds here are scripted medians, not timings.
/// </summary>
public sealed class RenderBenchWarmupTests
{
    private static WarmupRounds WarmUp(params double[] medians)
    {
        var next = 0;
        return RenderBench.WarmUp("PDF", 30, () => medians[Math.Min(next++, medians.Length - 1)]);
    }

    [Test]
    public void Rounds_repeat_until_two_in_a_row_agree_within_five_percent()
    {
        var w = WarmUp(15.0, 9.0, 6.2, 5.0, 4.9, 1.0);

        Assert.Multiple(() =>
        {
            Assert.That(w.MedianMs, Is.EqualTo(new[] { 15.0, 9.0, 6.2, 5.0, 4.9 }));
            Assert.That(w.Stable, Is.True);
        });
    }

    [Test]
    public void A_difference_of_five_percent_or_more_is_not_yet_stable()
    {
        Assert.That(WarmUp(10.0, 9.5, 9.3).MedianMs, Is.EqualTo(new[] { 10.0, 9.5, 9.3 }));
    }

    [Test]
    public void Warm_up_stops_at_the_bound_and_says_it_is_not_stable()
    {
        var flip = false;
        var w = RenderBench.WarmUp("PDF/A", 30, () => (flip = !flip) ? 10.0 : 5.0);

        Assert.Multiple(() =>
        {
            Assert.That(w.MedianMs, Has.Count.EqualTo(RenderBenchResult.MaxWarmupRounds));
            Assert.That(w.Stable, Is.False);
        });
    }

    [Test]
    public void No_warm_up_when_the_round_size_is_zero()
    {
        Assert.That(RenderBench.WarmUp("PDF", 0, () => throw new AssertionException("no round may run")).MedianMs, Is.Empty);
    }
}
