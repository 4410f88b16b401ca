using System.Text.Json.Nodes;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;
using RemissFlow.Workflows.Tests.Support;
using static RemissFlow.Workflows.Tests.Support.TestHost;

namespace RemissFlow.Workflows.Tests;

public class PublishedVersionTests
{
    private static readonly string NamndPath = Path.Combine(RepoPaths.Workflows, "remissvar-namnd.v1.json");

    private static Task<WorkflowRegistry> Load(IPublishedVersionLedger ledger, params (string, string)[] files) =>
        WorkflowRegistry.LoadAsync(files,
            GuardNames.Select(n => new DefinitionValidationTests.NamedGuard(n)),
            ActionNames,
            ledger, TimeProvider.System);

    private static JsonObject Namnd() => JsonNode.Parse(File.ReadAllText(NamndPath))!.AsObject();

    [Test]
    public async Task The_first_start_records_every_version()
    {
        var ledger = new InMemoryPublishedVersionLedger();

        var registry = await Load(ledger, (NamndPath, File.ReadAllText(NamndPath)));

        Assert.That(await ledger.GetHashAsync("remissvar-namnd", 1), Is.EqualTo(registry.Get("remissvar-namnd", 1).Sha256).And.Length.EqualTo(64));
    }

    [Test]
    public async Task Reformatting_a_published_file_is_not_a_change()
    {
        var ledger = new InMemoryPublishedVersionLedger();
        await Load(ledger, (NamndPath, File.ReadAllText(NamndPath)));
        var reordered = new JsonObject(Namnd().Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        var registry = await Load(ledger, (NamndPath, reordered.ToJsonString()));

        Assert.That(registry.Get("remissvar-namnd", 1).Title, Is.EqualTo("Remissvar från en nämnd"));
    }

    [Test]
    public async Task A_changed_file_with_an_unchanged_version_is_refused_and_nothing_is_recorded()
    {
        var ledger = new InMemoryPublishedVersionLedger();
        await Load(ledger, (NamndPath, File.ReadAllText(NamndPath)));
        var published = await ledger.GetHashAsync("remissvar-namnd", 1);
        var edited = Namnd();
        edited["states"]![0]!["label"] = "Inkommen remiss";
        var utskickPath = Path.Combine(RepoPaths.Workflows, "remiss-utskick.v1.json");

        var ex = Assert.ThrowsAsync<WorkflowDefinitionException>(() => Load(ledger, (NamndPath, edited.ToJsonString()), (utskickPath, File.ReadAllText(utskickPath))));

        await Assert.MultipleAsync(async () =>
        {
            var error = ex!.Errors.Single();
            Assert.That(error.File, Is.EqualTo(NamndPath));
            Assert.That(error.Path, Is.EqualTo("$.version"));
            Assert.That(error.Message, Does.StartWith($"remissvar-namnd version 1 was published with SHA-256 {published}, but this file's content has SHA-256 "));
            Assert.That(error.Message, Does.EndWith("A published version is immutable: give the changed definition a new version number."));
            Assert.That(await ledger.GetHashAsync("remissvar-namnd", 1), Is.EqualTo(published));
            Assert.That(await ledger.GetHashAsync("remiss-utskick", 1), Is.Null, "a refused start-up publishes nothing");
        });
    }

    [Test]
    public async Task The_change_under_a_new_version_is_published_beside_the_old_one()
    {
        var ledger = new InMemoryPublishedVersionLedger();
        await Load(ledger, (NamndPath, File.ReadAllText(NamndPath)));
        var v2 = Namnd();
        v2["version"] = 2;
        v2["states"]![0]!["label"] = "Inkommen remiss";

        var registry = await Load(ledger, (NamndPath, File.ReadAllText(NamndPath)), ("remissvar-namnd.v2.json", v2.ToJsonString()));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(registry.Latest("remissvar-namnd").Version, Is.EqualTo(2));
            Assert.That(registry.Get("remissvar-namnd", 1).GetState("inkommen").Label, Is.EqualTo("Inkommen"));
            Assert.That(await ledger.GetHashAsync("remissvar-namnd", 2), Is.EqualTo(registry.Get("remissvar-namnd", 2).Sha256));
        });
    }

    [Test]
    public async Task The_in_memory_ledger_refuses_a_second_hash_for_a_version()
    {
        var ledger = new InMemoryPublishedVersionLedger();
        await ledger.RecordAsync("x", 1, "aa", DateTimeOffset.UnixEpoch);

        Assert.That(() => ledger.RecordAsync("x", 1, "bb", DateTimeOffset.UnixEpoch), Throws.InvalidOperationException);
    }
}

public class MigrationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 17, 8, 0, 0, TimeSpan.Zero);

    /// <summary>v2 renames hos_forvaltningschef to for_godkannande.</summary>
    private static (string, string) V2()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Workflows, "remissvar-namnd.v1.json"))
            .Replace("\"hos_forvaltningschef\"", "\"for_godkannande\"", StringComparison.Ordinal)
            .Replace("\"version\": 1,", "\"version\": 2,", StringComparison.Ordinal);
        return ("remissvar-namnd.v2.json", text);
    }

    private static IEnumerable<(string, string)> V1Files() =>
        Directory.GetFiles(RepoPaths.Workflows, "*.v1.json").Order().Select(f => (f, File.ReadAllText(f)));

    private static Dictionary<string, string> Identity(WorkflowDefinition d) =>
        d.States.ToDictionary(s => s.Name, s => s.Name == "hos_forvaltningschef" ? "for_godkannande" : s.Name);

    private static (TestHost Old, TestHost New, WorkflowInstance Instance, TestSubject Subject) StartedOnV1()
    {
        var old = new TestHost(Now, files: V1Files());
        var subject = new TestSubject("Remissvar", Sf, Ks, new DateOnly(2026, 4, 24));
        var i = old.Start("remissvar-namnd", subject);
        old.Do(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" });
        old.Do(i, "tilldela", Registrator, new { handlaggareId = Handlaggare.Id });
        old.Do(i, "paborja_beredning", Handlaggare);
        old.Do(i, "skicka_till_forvaltningschef", Handlaggare);
        var upgraded = new TestHost(Now + TimeSpan.FromDays(1), files: V1Files().Append(V2()));
        upgraded.Instances[i.Id] = (i, subject);
        upgraded.Bookmarks.AddRange(old.BookmarksOf(i));
        return (old, upgraded, i, subject);
    }

    [Test]
    public void Running_instances_stay_on_their_version_and_new_ones_start_on_the_latest()
    {
        var (_, upgraded, i, _) = StartedOnV1();

        var fresh = upgraded.Start("remissvar-namnd", new TestSubject("Remissvar", Sf, Ks, null));
        upgraded.Do(i, "godkann", Chef);

        Assert.Multiple(() =>
        {
            Assert.That(fresh.Version, Is.EqualTo(2));
            Assert.That(i.Version, Is.EqualTo(1));
            Assert.That(i.State, Is.EqualTo("godkand"));
        });
    }

    [Test]
    public void Migrate_repins_the_instance_replaces_its_bookmarks_and_logs_the_step()
    {
        var (_, host, i, subject) = StartedOnV1();
        var v1 = host.Registry.Get("remissvar-namnd", 1);
        var v2 = host.Registry.Get("remissvar-namnd", 2);
        var old = host.BookmarksOf(i);

        var result = host.Engine.Migrate(i, old, v2, Identity(v1), subject, WorkflowActor.Create(Guid.NewGuid(), "Admin", Ks, WorkflowRoles.Administrator));
        host.Apply(result.Changes);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, () => string.Join("; ", result.Errors));
            Assert.That(i.Version, Is.EqualTo(2));
            Assert.That(i.State, Is.EqualTo("for_godkannande"));
            Assert.That(i.Sequence, Is.EqualTo(6));
            Assert.That(result.Changes.BookmarksToDelete, Is.EquivalentTo(old));
            Assert.That(host.BookmarksOf(i).Where(b => b.Kind == BookmarkKinds.State).Select(b => b.Name), Is.EqualTo(new[] { "for_godkannande" }));
            Assert.That(host.TimerNames(i), Is.EqualTo(new[] { "paminnelse_forvaltningschef", "paminnelse_namndsekreterare", "svarsdatum_ks" }));
            Assert.That(host.Timer(i, "paminnelse_forvaltningschef")!.ResumeAt, Is.EqualTo(Now + TimeSpan.FromDays(4)), "a duration counts from the migration");
            Assert.That(result.Changes.LogEntry!.Trigger, Is.EqualTo("migrate"));
            Assert.That(result.Changes.LogEntry.PayloadJson, Is.EqualTo("{\"fromVersion\":1,\"toVersion\":2}"));
            Assert.That(result.Changes.LogEntry.Version, Is.EqualTo(2));
        });

        host.Do(i, "godkann", Chef);
        Assert.That(i.State, Is.EqualTo("godkand"));
    }

    [Test]
    public void A_mapping_must_cover_every_open_state_and_name_real_states()
    {
        var host = new TestHost(Now, files: V1Files().Append(V2()));
        var v1 = host.Registry.Get("remissvar-namnd", 1);
        var v2 = host.Registry.Get("remissvar-namnd", 2);
        var mapping = Identity(v1);
        mapping.Remove("anmald");
        mapping["godkand"] = "godkand_tu";
        mapping["finns_inte"] = "inkommen";

        var errors = WorkflowEngine.ValidateMapping(v1, v2, mapping);

        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "Mapping 'godkand' → 'godkand_tu': no such state in remissvar-namnd v2.",
            "Mapping from 'finns_inte': no such state in remissvar-namnd v1.",
            "State 'anmald' of remissvar-namnd v1 is not mapped to a state of remissvar-namnd v2.",
        }));
    }

    [Test]
    public void A_failed_migration_leaves_the_instance_alone()
    {
        var (_, host, i, subject) = StartedOnV1();
        var v1 = host.Registry.Get("remissvar-namnd", 1);
        var mapping = Identity(v1);
        mapping.Remove("hos_forvaltningschef");

        var result = host.Engine.Migrate(i, host.BookmarksOf(i), host.Registry.Get("remissvar-namnd", 2), mapping, subject, WorkflowActor.System);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Errors, Does.Contain("The instance's state 'hos_forvaltningschef' is not mapped."));
            Assert.That(result.Changes, Is.EqualTo(WorkflowChanges.None));
            Assert.That((i.Version, i.State, i.Sequence), Is.EqualTo((1, "hos_forvaltningschef", 5L)));
        });
    }

    [Test]
    public void Migrating_to_the_same_version_or_another_definition_is_refused()
    {
        var host = new TestHost(Now);
        var namnd = host.Registry.Get("remissvar-namnd", 1);
        var bolag = host.Registry.Get("remissvar-bolag", 1);

        Assert.Multiple(() =>
        {
            Assert.That(WorkflowEngine.ValidateMapping(namnd, namnd, Identity(namnd).ToDictionary(p => p.Key, p => p.Key)),
                Is.EqualTo(new[] { "remissvar-namnd v1 is already version 1." }));
            Assert.That(WorkflowEngine.ValidateMapping(namnd, bolag, new Dictionary<string, string>()),
                Does.Contain("Cannot migrate remissvar-namnd v1 to another definition, remissvar-bolag v1."));
        });
    }
}

public class CalendarAndTimeTests
{
    [TestCase("2026-04-24", -10, "2026-04-10")]
    [TestCase("2026-04-24", -5, "2026-04-17")]
    [TestCase("2026-04-24", 3, "2026-04-29")]
    [TestCase("2026-04-25", 1, "2026-04-27")]
    [TestCase("2026-04-26", -1, "2026-04-24")]
    [TestCase("2026-04-22", 0, "2026-04-22")]
    public void Weekday_calendar_skips_weekends(string from, int days, string expected)
    {
        var calendar = new WeekdayCalendar();

        Assert.That(calendar.AddWorkingDays(DateOnly.Parse(from), days), Is.EqualTo(DateOnly.Parse(expected)));
    }

    [Test]
    public void Weekday_calendar_counts_and_rounds_to_working_days()
    {
        var calendar = new WeekdayCalendar();
        var friday = new DateOnly(2026, 4, 24);
        var saturday = friday.AddDays(1);

        Assert.Multiple(() =>
        {
            Assert.That(calendar.CountWorkingDays(friday, friday.AddDays(7)), Is.EqualTo(5));
            Assert.That(calendar.CountWorkingDays(friday.AddDays(7), friday), Is.EqualTo(-5));
            Assert.That(calendar.NextWorkingDay(saturday), Is.EqualTo(new DateOnly(2026, 4, 27)));
            Assert.That(calendar.PreviousWorkingDay(saturday), Is.EqualTo(friday));
            Assert.That(calendar.IsWorkingDay(saturday), Is.False);
        });
    }

    [Test]
    public void Calendar_days_calendar_counts_every_day()
    {
        var calendar = new CalendarDaysCalendar();
        var saturday = new DateOnly(2026, 4, 25);

        Assert.Multiple(() =>
        {
            Assert.That(calendar.AddWorkingDays(saturday, -10), Is.EqualTo(new DateOnly(2026, 4, 15)));
            Assert.That(calendar.CountWorkingDays(saturday, saturday.AddDays(3)), Is.EqualTo(3));
            Assert.That(calendar.IsWorkingDay(saturday), Is.True);
            Assert.That(calendar.NextWorkingDay(saturday), Is.EqualTo(saturday));
        });
    }

    [Test]
    public void Timer_with_calendar_days_counts_weekends()
    {
        var host = new TestHost(new DateTimeOffset(2026, 3, 17, 8, 0, 0, TimeSpan.Zero), new CalendarDaysCalendar());
        var subject = new TestSubject("Remissvar", Sf, Ks, new DateOnly(2026, 4, 24));
        var i = host.Start("remissvar-namnd", subject);
        host.Do(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" });
        host.Do(i, "tilldela", Registrator, new { handlaggareId = Handlaggare.Id });

        Assert.That(host.Timer(i, "paminnelse_handlaggare")!.ResumeAt, Is.EqualTo(new DateTimeOffset(2026, 4, 14, 6, 0, 0, TimeSpan.Zero)));
    }

    [TestCase("2026-01-15", "08:00", "2026-01-15T07:00:00Z")]
    [TestCase("2026-07-15", "08:00", "2026-07-15T06:00:00Z")]
    [TestCase("2026-03-29", "02:30", "2026-03-29T01:30:00Z")]
    [TestCase("2026-10-25", "02:30", "2026-10-25T01:30:00Z")]
    [TestCase("2026-04-25", "00:00", "2026-04-24T22:00:00Z")]
    public void Stockholm_wall_clock_to_utc(string date, string time, string expected)
    {
        var utc = StockholmTime.ToUtc(DateOnly.Parse(date), TimeOnly.Parse(time));

        Assert.That(utc, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(utc.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Stockholm_today_and_the_date_of_an_instant_turn_at_local_midnight()
    {
        Assert.Multiple(() =>
        {
            // 23:30 UTC on 31 December is already New Year's Day in Stockholm; 21:59 UTC in June is still the same day.
            Assert.That(StockholmTime.DateOf(new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero)), Is.EqualTo(new DateOnly(2026, 1, 1)));
            Assert.That(StockholmTime.DateOf(new DateTimeOffset(2025, 12, 31, 22, 59, 0, TimeSpan.Zero)), Is.EqualTo(new DateOnly(2025, 12, 31)));
            Assert.That(StockholmTime.DateOf(new DateTimeOffset(2026, 6, 14, 21, 59, 0, TimeSpan.Zero)), Is.EqualTo(new DateOnly(2026, 6, 14)));
            Assert.That(StockholmTime.DateOf(new DateTimeOffset(2026, 6, 14, 22, 0, 0, TimeSpan.Zero)), Is.EqualTo(new DateOnly(2026, 6, 15)));
            Assert.That(StockholmTime.Today(new FakeClock(new DateTimeOffset(2026, 6, 14, 22, 30, 0, TimeSpan.Zero))), Is.EqualTo(new DateOnly(2026, 6, 15)));
            Assert.That(StockholmTime.Now(new FakeClock(new DateTimeOffset(2026, 6, 14, 22, 30, 0, TimeSpan.Zero))).Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        });
    }
}
