using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Demo;

public sealed record DemoLogin(string Email, string Password, string Name, string Organisation, string Roles);

/// <summary>
/// Stockholms stad as demo data, entered through the real use cases so the audit log and the
/// diarium are as real as the rest. Idempotent: what exists is left alone, so a second run changes nothing.
/// </summary>
public sealed partial class DemoSeeder(CoreOptions options, TimeProvider realClock)
{
    public const string Password = "Remiss2026!demo";

    private sealed record Org(string Key, string Name, OrganisationKind Kind, string Prefix, string? Forvaltning, string Email, string Phone, string Postal, string Visiting, OrganKind[] Beredning);

    private static readonly Org[] Organisations =
    [
        new("KS", "Kommunstyrelsen", OrganisationKind.Kommunstyrelse, "KS", "Stadsledningskontoret", "registrator.slk@stockholm.se", "08-508 29 000", "Stadsledningskontoret, 105 35 Stockholm", "Stadshuset, Hantverkargatan 1", []),
        new("SF", "Servicenämnden", OrganisationKind.Namnd, "SF", "Serviceförvaltningen", "serviceforvaltningen@stockholm.se", "08-508 00 508", "Box 8310, 104 20 Stockholm", "Lindhagensgatan 76", [OrganKind.Forvaltningsgrupp]),
        new("SOF", "Socialnämnden", OrganisationKind.Namnd, "SOF", "Socialförvaltningen", "socialforvaltningen@stockholm.se", "08-508 25 000", "Box 44, 101 20 Stockholm", "Swedenborgsgatan 20", [OrganKind.Forvaltningsgrupp, OrganKind.RadForFunktionshinderfragor]),
        new("HL", "Hägersten-Liljeholmens stadsdelsnämnd", OrganisationKind.Namnd, "HL", "Hägersten-Liljeholmens stadsdelsförvaltning", "hagersten-liljeholmen@stockholm.se", "08-508 22 000", "Box 44094, 100 73 Stockholm", "Telefonplan, Tellusborgsvägen 70", [OrganKind.Samverkansgrupp, OrganKind.Pensionarsrad]),
        new("SV", "Stockholm Vatten och Avfall AB", OrganisationKind.Bolag, "SVOA", null, "registrator@svoa.se", "08-522 120 00", "106 36 Stockholm", "Bryggerivägen 10", []),
        new("PRO", "PRO Stockholms län", OrganisationKind.ExternOrganisation, "PRO", null, "stockholm@pro.se", "08-658 87 00", "Box 3274, 103 65 Stockholm", "Adolf Fredriks Kyrkogata 12", []),
        new("FUNK", "Funktionsrätt Stockholms stad", OrganisationKind.ExternOrganisation, "FRS", null, "info@funktionsrattstockholm.se", "08-546 404 00", "Box 1386, 172 27 Sundbyberg", "Sundbybergsvägen 1", []),
    ];

    private sealed record Person(string Email, string Name, string Org, string? Title, Role[] Roles);

    private static readonly Person[] People =
    [
        new("admin@remissflow.test", "Alva Admin", "KS", "Systemförvaltare", [Role.Administrator]),
        new("registrator.ks@remissflow.test", "Karin Lindqvist", "KS", "Registrator", [Role.Registrator]),
        new("samordnare.ks@remissflow.test", "Johan Ek", "KS", "Remissamordnare", [Role.KsSamordnare]),
        new("registrator.sf@remissflow.test", "Sara Holm", "SF", "Registrator", [Role.Registrator]),
        new("handlaggare.sf@remissflow.test", "Emma Sjöberg", "SF", "Utredare", [Role.Handlaggare]),
        new("chef.sf@remissflow.test", "Per Åkesson", "SF", "Förvaltningschef", [Role.Forvaltningschef]),
        new("sekreterare.sf@remissflow.test", "Lena Öberg", "SF", "Nämndsekreterare", [Role.Namndsekreterare]),
        new("registrator.sof@remissflow.test", "Ali Hassan", "SOF", "Registrator", [Role.Registrator]),
        new("handlaggare.sof@remissflow.test", "Maria Nordin", "SOF", "Utredare", [Role.Handlaggare]),
        new("chef.sof@remissflow.test", "Gunilla Berg", "SOF", "Förvaltningschef", [Role.Forvaltningschef]),
        new("sekreterare.sof@remissflow.test", "Oskar Dahl", "SOF", "Nämndsekreterare", [Role.Namndsekreterare]),
        new("handlaggare.hl@remissflow.test", "Ingrid Ström", "HL", "Utredare", [Role.Handlaggare, Role.Registrator]),
        new("chef.hl@remissflow.test", "Mats Falk", "HL", "Stadsdelsdirektör", [Role.Forvaltningschef, Role.Namndsekreterare]),
        new("registrator.svoa@remissflow.test", "Nils Vik", "SV", "Registrator", [Role.Registrator, Role.Handlaggare, Role.Namndsekreterare]),
        // The bolag's vd holds the förvaltningschef's role: approves the TU before the styrelse decides.
        new("vd.svoa@remissflow.test", "Camilla Ros", "SV", "Verkställande direktör", [Role.Forvaltningschef]),
        // A politician of Servicenämnden: reads the nämnd's kallelser and handlingar, nothing of the förvaltning's drafts.
        new("ledamot.sf@remissflow.test", "Anders Lund", "SF", "Ledamot", [Role.Ledamot]),
        // Servicenämndens ordförande: justerar the protokoll digitally with her own account.
        new("ordforande.sf@remissflow.test", "Eva Lindström", "SF", "Ordförande", [Role.Ledamot]),
        // Per Åkesson's ersättare while he is away (issue #20): a handläggare who holds the chef's work for the period.
        new("bitradande.sf@remissflow.test", "Sofia Lind", "SF", "Biträdande förvaltningschef", [Role.Handlaggare]),
        new("arkivarie@remissflow.test", "Tove Arkell", "KS", "Arkivarie", [Role.Arkivarie]),
        // Stadsledningskontoret's own people (issue #18): KS answers remisser from outside as a nämnd answers KS's.
        new("handlaggare.ks@remissflow.test", "Hanna Ekström", "KS", "Utredare", [Role.Handlaggare]),
        new("chef.ks@remissflow.test", "Stefan Holm", "KS", "Stadsdirektör", [Role.Forvaltningschef]),
        new("sekreterare.ks@remissflow.test", "Maria Lund", "KS", "Kommunstyrelsens sekreterare", [Role.Namndsekreterare]),
    ];

    public static IReadOnlyList<DemoLogin> Logins { get; } = People
        .Select(p => new DemoLogin(p.Email, Password, p.Name, Organisations.Single(o => o.Key == p.Org).Name, string.Join(", ", p.Roles.Select(r => RoleNames.Swedish(r, Organisations.Single(o => o.Key == p.Org).Kind)))))
        .ToList();

    /// <summary>
    /// Plays the demo out on its own clock, at the dates things happened, through the real use
    /// cases and timers; so the demo's audit log, deadlines and reminders are as real as the rest.
    /// </summary>
    public async Task<string> SeedAsync(CancellationToken ct)
    {
        var clock = new SeedClock(new DateTimeOffset(2026, 1, 7, 8, 0, 0, TimeSpan.FromHours(1)));
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddRemissFlowCore(options);
        await using var provider = services.BuildServiceProvider();
        await Startup.PrepareAsync(provider, ct);
        using var scope = provider.CreateScope();
        var run = new Run(scope.ServiceProvider, clock, realClock);
        return await run.SeedAsync(ct);
    }

    private sealed partial class Run(IServiceProvider services, SeedClock clock, TimeProvider realClock)
    {
        private readonly RemissFlowDbContext db = services.GetRequiredService<RemissFlowDbContext>();

        public async Task<string> SeedAsync(CancellationToken ct)
        {
            var created = new List<string>();
            var ids = new Dictionary<string, Guid>();
            foreach (var o in Organisations)
            {
                var existing = await db.Organisationer.AsNoTracking().FirstOrDefaultAsync(x => x.DnrPrefix == o.Prefix, ct);
                if (existing is not null)
                {
                    ids[o.Key] = existing.Id;
                    continue;
                }

                ids[o.Key] = Ok(await Send(Actor.System, new CreateOrganisation.Command(o.Name, o.Kind, o.Prefix, o.Forvaltning, o.Email, o.Phone, o.Postal, o.Visiting, "https://start.stockholm", o.Beredning), ct));
                created.Add(o.Name);
            }

            foreach (var p in People)
            {
                if (await db.Users.AsNoTracking().AnyAsync(u => u.Email == p.Email, ct))
                {
                    continue;
                }

                Ok(await Send(Actor.System, new CreateUser.Command(p.Email, p.Name, ids[p.Org], p.Roles, Password, p.Title, "08-508 00 000"), ct));
                created.Add(p.Email);
            }

            var more = await SeedCasesAsync(ids, ct);
            created.AddRange(more);
            return created.Count == 0
                ? "Demodatan fanns redan; ingenting ändrades."
                : $"Demodata inlagd: {created.Count} poster ({string.Join(", ", created.Take(8))}{(created.Count > 8 ? ", …" : string.Empty)}).";
        }

        private async Task<Result<T>> Send<T>(Actor actor, IRequest<T> request, CancellationToken ct)
        {
            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor;
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
        }

        private static T Ok<T>(Result<T> result) =>
            result.Succeeded ? result.Value : throw new InvalidOperationException($"Demodata kunde inte läggas in: {result.Refusal!.Message}");
    }
}

/// <summary>The demo's own clock, moved forward as the story unfolds.</summary>
public sealed class SeedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => StockholmTime.Zone;

    /// <summary>Moves to 09:00 Swedish time on <paramref name="date"/>; never backwards.</summary>
    public void To(DateOnly date, int hour = 9) => To(StockholmTime.ToUtc(date, new TimeOnly(hour, 0)));

    /// <summary>Moves to <paramref name="at"/>; never backwards.</summary>
    public void To(DateTimeOffset at)
    {
        if (at > _now)
        {
            _now = at.ToUniversalTime();
        }
    }
}
