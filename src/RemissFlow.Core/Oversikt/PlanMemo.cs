using System.Collections.Concurrent;
using RemissFlow.Core.Deadlines;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Oversikt;

/// <summary>
/// Remembers plans by their complete input. <see cref="DeadlinePlanner"/> is pure — the plan depends on
/// nothing but the <see cref="PlanRequest"/> (svarsdatum, today, the calendars, what is done) — so a plan
/// found under an equal request is the plan, and nothing ever needs invalidating: a moved meeting or a new
/// anstånd simply makes a different key. Planning was most of the board's CPU time; a nämnd's open answers
/// share one calendar and a handful of svarsdatum, and the board is asked for far more often than it changes.
/// Bounded: when full it starts over (a day's keys are few; yesterday's are dead anyway). Thread-safe; one per process.
/// </summary>
public sealed class PlanMemo(IWorkingDayCalendar calendar)
{
    public const int MaxEntries = 50_000;

    private readonly DeadlinePlanner _planner = new(calendar);
    private readonly ConcurrentDictionary<RequestKey, Plan> _plans = new();

    public int Count => _plans.Count;

    public Plan Plan(PlanRequest request)
    {
        var key = new RequestKey(request);
        if (_plans.TryGetValue(key, out var plan))
        {
            return plan;
        }

        plan = _planner.Plan(request);
        if (_plans.Count >= MaxEntries)
        {
            _plans.Clear();
        }

        _plans.TryAdd(key, plan);
        return plan;
    }

    /// <summary>Structural equality over every field the planner reads; the lists are compared element by element.</summary>
    private sealed class RequestKey : IEquatable<RequestKey>
    {
        private readonly PlanRequest _r;
        private readonly int _hash;

        public RequestKey(PlanRequest r)
        {
            _r = r;
            var h = new HashCode();
            h.Add(r.Svarsdatum);
            h.Add(r.Today);
            h.Add(r.ForvaltningschefWorkingDays);
            h.Add(r.RiskThresholdWorkingDays);
            h.Add(r.Namnd.Namn);
            h.Add(r.Namnd.Settings);
            foreach (var d in r.Namnd.Sammantraden)
            {
                h.Add(d);
            }

            foreach (var b in r.Beredningsorgan)
            {
                h.Add(b.Kind);
                h.Add(b.Namn);
                h.Add(b.PapersDueWorkingDaysBefore);
                foreach (var d in b.Sammantraden)
                {
                    h.Add(d);
                }
            }

            // Order-independent: a set.
            var completed = 0;
            foreach (var m in r.Completed)
            {
                completed ^= m.GetHashCode();
            }

            h.Add(completed);
            h.Add(r.Completed.Count);
            _hash = h.ToHashCode();
        }

        public override int GetHashCode() => _hash;

        public override bool Equals(object? obj) => obj is RequestKey other && Equals(other);

        public bool Equals(RequestKey? other)
        {
            if (other is null || other._hash != _hash)
            {
                return false;
            }

            var a = _r;
            var b = other._r;
            if (a.Svarsdatum != b.Svarsdatum || a.Today != b.Today || a.ForvaltningschefWorkingDays != b.ForvaltningschefWorkingDays
                || a.RiskThresholdWorkingDays != b.RiskThresholdWorkingDays || a.Namnd.Namn != b.Namnd.Namn || a.Namnd.Settings != b.Namnd.Settings
                || !a.Namnd.Sammantraden.SequenceEqual(b.Namnd.Sammantraden) || a.Beredningsorgan.Count != b.Beredningsorgan.Count
                || a.Completed.Count != b.Completed.Count || !a.Completed.SetEquals(b.Completed))
            {
                return false;
            }

            for (var i = 0; i < a.Beredningsorgan.Count; i++)
            {
                var x = a.Beredningsorgan[i];
                var y = b.Beredningsorgan[i];
                if (x.Kind != y.Kind || x.Namn != y.Namn || x.PapersDueWorkingDaysBefore != y.PapersDueWorkingDaysBefore || !x.Sammantraden.SequenceEqual(y.Sammantraden))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
