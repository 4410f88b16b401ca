using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Bench;

/// <summary>What <see cref="BulkData"/> wrote, and a login that sees a full deadline board.</summary>
public sealed record BulkDataResult(
    int Organisationer,
    int Anvandare,
    int Remisser,
    int Remissvar,
    int WorkflowInstanser,
    int Bokmarken,
    int Tjansteutlatanden,
    int Anstand,
    TimeSpan Tid,
    string SekreterareEpost,
    string SamordnareEpost,
    string Losenord,
    IReadOnlyDictionary<string, int> Statusar);

/// <summary>
/// Benchmark data: organisations with their organs and a year and a half of meetings, users, and
/// remisser each sent to every instans, with the remissvar spread over the workflow states the way a
/// municipality's year looks (older remisser mostly answered, some late, some avstått; current ones
/// somewhere in beredning; some anstånd; TU versions where a TU exists).
///
/// The rows are written directly in large batches (EF with change detection off, one transaction) rather
/// than by firing every trigger through the workflow runner, which would take hours for 80,000 answers.
/// They stay consistent with what the engine produces: every instance is created by
/// <see cref="WorkflowEngine.Start"/> (its start log entry and bookmarks), then placed in its target state
/// the way a definition migration places an instance — one log entry for the step, the state bookmark
/// of the new state, and the timers that state has, scheduled by <see cref="WorkflowEngine.ResumeAt"/>.
/// No audit events are written: this is load, not history, and an empty stretch keeps the hash chain valid.
/// </summary>
public sealed class BulkData(IServiceProvider services, RemissFlowDbContext db, WorkflowHost host, TimeProvider clock)
{
    public const string Password = "Bench2026!remiss";

    /// <summary>Benchmark organisations are recognisable by this prefix, so a second run can refuse politely.</summary>
    public const string NamePrefix = "Bänk";

    public const string EmailDomain = "bench.remissflow.test";

    private const int BatchSize = 4000;

    private static readonly string[] NamndPipeline =
        ["inkommen", "registrerad", "tilldelad", "under_beredning", "hos_beredningsorgan", "hos_forvaltningschef", "godkand", "anmald", "beslutad", "justerad"];

    private static readonly string[] BolagPipeline =
        ["inkommen", "registrerad", "tilldelad", "under_beredning", "hos_forvaltningschef", "godkand", "anmald", "beslutad", "justerad"];

    private static readonly string[] Amnen =
    [
        "Handlingsplan för ett jämställt Stockholm", "Program för äldreomsorgen", "Trafikstrategi för cykel och gång", "Riktlinjer för lokalförsörjning",
        "Klimathandlingsplan", "Strategi för digitalisering", "Plan för kulturlivets lokaler", "Riktlinjer för upphandling", "Program för barn och unga",
        "Policy för informationssäkerhet", "Handlingsplan mot hemlöshet", "Strategi för friluftsliv", "Program för trygghet i offentlig miljö",
    ];

    private sealed record Instans(Organisation Org, Organ? Namnd, List<Organ> Beredning, List<Sammantrade> NamndMoten, List<Guid> Handlaggare, int DnrNumber)
    {
        public int DnrNumber { get; set; } = DnrNumber;
    }

    public async Task<BulkDataResult> GenerateAsync(int remisser, int instanser, int seed = 20261123, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(remisser, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(instanser, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(instanser, 600);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(remisser, 100_000);
        if (await db.Organisationer.AnyAsync(o => o.Name.StartsWith(NamePrefix), ct))
        {
            throw new InvalidOperationException("Bänkdata finns redan i databasen; generera i en tom databas.");
        }

        var watch = Stopwatch.StartNew();
        var engine = await host.EngineAsync(ct);
        var random = new Random(seed);
        var now = clock.GetUtcNow();
        var today = StockholmTime.Today(clock);
        var statusCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new Counts();

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        await db.Database.OpenConnectionAsync(ct);
        if (!db.IsPostgres)
        {
            // One big transaction: a large page cache keeps the index pages in memory while they fill.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", ct);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // The search index is built once at the end, in this transaction: written per batch, every remissvar's row
        // and its dependants were read back one by one (SearchIndexInterceptor), which cost more than the data itself.
        using var indexing = services.GetRequiredService<Search.SearchIndexInterceptor>().Defer(db);

        foreach (var role in Enum.GetValues<Role>())
        {
            await RoleStore.EnsureAsync(db, role, ct);
        }

        var roleIds = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var ks = await db.Organisationer.AsNoTracking().FirstOrDefaultAsync(o => o.Kind == OrganisationKind.Kommunstyrelse, ct);
        if (ks is null)
        {
            ks = new Organisation { Name = "Kommunstyrelsen", Kind = OrganisationKind.Kommunstyrelse, DnrPrefix = "KS", ForvaltningName = "Stadsledningskontoret" };
            db.Organisationer.Add(ks);
            counts.Organisationer++;
        }

        // One hash for every benchmark account: hashing is deliberately slow (PBKDF2), and they share the password anyway.
        var passwordHash = new PasswordHasher<AppUser>().HashPassword(null!, Password);
        var samordnareEmail = $"samordnare@{EmailDomain}";
        AddUser(samordnareEmail, "Bänk Samordnare", ks.Id, [Role.KsSamordnare, Role.Registrator], passwordHash, roleIds, counts);
        AddUser(AdministratorEmail, "Bänk Administratör", ks.Id, [Role.Administrator], passwordHash, roleIds, counts);

        var orgs = new List<Instans>();
        for (var i = 0; i < instanser; i++)
        {
            orgs.Add(AddInstans(i, instanser, today, passwordHash, roleIds, counts));
        }

        await FlushAsync(ct);
        progress?.Report($"{orgs.Count} organisationer och {counts.Anvandare} användare klara ({watch.Elapsed.TotalSeconds:0.0} s)");

        var year = today.Year;
        var ksSerie = await db.DiarieSerier.FirstOrDefaultAsync(s => s.OrganisationId == ks.Id && s.Year == year, ct);
        var ksNumber = ksSerie?.LastNumber ?? 0;
        var actor = WorkflowActor.System;
        var pending = 0;
        var nextReport = Math.Max(1, remisser / 10);

        for (var r = 0; r < remisser; r++)
        {
            // Utskick spread over the last ten months; svarsdatum six to twelve weeks later, so roughly a third are still open.
            var utskick = today.AddDays(-300 + (int)((long)r * 300 / remisser));
            var svarsdatum = NextWeekday(utskick.AddDays(42 + random.Next(0, 43)));
            var remiss = new Remiss
            {
                AvsandareId = ks.Id,
                Dnr = $"{ks.DnrPrefix} {year}/{++ksNumber}",
                Title = $"{Amnen[r % Amnen.Length]} {2026 + r % 5}–{2030 + r % 5}, del {r + 1}",
                Description = "Remissen gäller ett förslag som kommunstyrelsen vill ha synpunkter på innan beslut.",
                Svarsdatum = svarsdatum,
                UtskickDatum = utskick,
                TillaterForvaltningensSvar = r % 4 == 0,
                KontaktpersonNamn = "Bänk Samordnare",
                KontaktpersonEpost = samordnareEmail,
                CreatedAt = StartOfDay(utskick.AddDays(-7)),
            };
            remiss.Status = svarsdatum >= today ? "svarstid_pagar" : svarsdatum >= today.AddDays(-60) ? "svarstid_ute" : "avslutad";
            // Placed before Add: with change detection off, what is set after Add would not be seen.
            remiss.WorkflowInstanceId = Place(engine, "remiss-utskick", new RemissSubject(services, db, remiss), remiss.Status, actor, now, counts);
            db.Remisser.Add(remiss);

            for (var k = 0; k < orgs.Count; k++)
            {
                var instans = orgs[k];
                db.Add(new RemisslistaPost { RemissId = remiss.Id, OrganisationId = instans.Org.Id, Ordning = k + 1 });
                var svar = new Remissvar
                {
                    RemissId = remiss.Id,
                    InstansId = instans.Org.Id,
                    AvsandareDnr = remiss.Dnr,
                    Svarsdatum = svarsdatum,
                    CreatedAt = StartOfDay(utskick),
                };
                var state = Shape(svar, remiss, instans, today, random, year, counts);
                svar.Status = state;
                statusCount[state] = statusCount.GetValueOrDefault(state) + 1;
                svar.WorkflowInstanceId = Place(engine, WorkflowRunner.DefinitionFor(instans.Org.Kind), new RemissvarSubject(services, db, svar, remiss), state, actor, now, counts);
                db.Remissvar.Add(svar);
                counts.Remissvar++;
                pending += 8;
            }

            if (pending >= BatchSize)
            {
                await FlushAsync(ct);
                pending = 0;
                if (r + 1 >= nextReport)
                {
                    progress?.Report($"{r + 1} av {remisser} remisser ({counts.Remissvar} remissvar, {watch.Elapsed.TotalSeconds:0.0} s)");
                    nextReport += Math.Max(1, remisser / 10);
                }
            }
        }

        // The diarium counters continue after the generated numbers, so the next real registration does not collide.
        SetSerie(ksSerie, ks.Id, year, ksNumber);
        foreach (var o in orgs.Where(o => o.DnrNumber > 0))
        {
            SetSerie(null, o.Org.Id, year, o.DnrNumber);
        }

        await FlushAsync(ct);
        var indexWatch = Stopwatch.StartNew();
        var indexed = await services.GetRequiredService<Search.SearchIndexer>().RebuildAsync(db, ct);
        progress?.Report($"sökindexet byggt: {indexed} poster ({indexWatch.Elapsed.TotalSeconds:0.0} s)");
        await tx.CommitAsync(ct);
        if (!db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-2000; PRAGMA optimize;", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        }

        await db.Database.CloseConnectionAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        progress?.Report($"Klart: {counts.Remissvar} remissvar ({watch.Elapsed.TotalSeconds:0.0} s)");

        var sekreterare = orgs.First(o => o.Org.Kind == OrganisationKind.Namnd);
        return new BulkDataResult(counts.Organisationer, counts.Anvandare, remisser, counts.Remissvar, counts.Instanser, counts.Bokmarken,
            counts.Tjansteutlatanden, counts.Anstand, watch.Elapsed, SekreterareEmail(sekreterare.Org), samordnareEmail, Password, statusCount);
    }

    public static string AdministratorEmail => $"admin@{EmailDomain}";

    public static string SekreterareEmail(Organisation org) => $"sekreterare.{org.DnrPrefix.ToLowerInvariant()}@{EmailDomain}";

    private sealed class Counts
    {
        public int Organisationer { get; set; }
        public int Anvandare { get; set; }
        public int Remissvar { get; set; }
        public int Instanser { get; set; }
        public int Bokmarken { get; set; }
        public int Tjansteutlatanden { get; set; }
        public int Anstand { get; set; }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private void SetSerie(DiarieSerie? existing, Guid organisationId, int year, int last)
    {
        if (existing is null)
        {
            db.DiarieSerier.Add(new DiarieSerie { OrganisationId = organisationId, Year = year, LastNumber = last });
        }
        else
        {
            existing.LastNumber = last;
            db.DiarieSerier.Update(existing);
        }
    }

    private Instans AddInstans(int i, int total, DateOnly today, string passwordHash, Dictionary<string, Guid> roleIds, Counts counts)
    {
        // Mostly nämnder, a few bolag, the rest outside organisations: the shape of a large city's remisslista.
        // Small runs (tests) still get at least one of each kind.
        var bolagFrom = Math.Min((int)Math.Round(total * 0.8), total - 2);
        var externFrom = Math.Min(bolagFrom + Math.Max(1, (int)Math.Round(total * 0.075)), total - 1);
        var kind = i < bolagFrom ? OrganisationKind.Namnd : i < externFrom ? OrganisationKind.Bolag : OrganisationKind.ExternOrganisation;
        var number = (i + 1).ToString("00", CultureInfo.InvariantCulture);
        var prefix = "B" + (char)('A' + i / 26 % 26) + (char)('A' + i % 26) + (i >= 676 ? ((char)('A' + i / 676)).ToString() : "");
        var beredning = kind != OrganisationKind.Namnd ? new List<OrganKind>()
            : (i % 3) switch
            {
                0 => [OrganKind.Forvaltningsgrupp],
                1 => [OrganKind.Forvaltningsgrupp, OrganKind.Pensionarsrad],
                _ => [],
            };
        var org = new Organisation
        {
            Name = kind switch
            {
                OrganisationKind.Namnd => $"{NamePrefix}nämnd {number}",
                OrganisationKind.Bolag => $"{NamePrefix}bolaget {number} AB",
                _ => $"{NamePrefix}föreningen {number}",
            },
            Kind = kind,
            ForvaltningName = kind == OrganisationKind.Namnd ? $"{NamePrefix}förvaltning {number}" : null,
            DnrPrefix = prefix,
            ContactEmail = $"registrator.{prefix.ToLowerInvariant()}@{EmailDomain}",
            BeredningOrgan = beredning,
        };
        db.Organisationer.Add(org);
        counts.Organisationer++;
        if (kind == OrganisationKind.ExternOrganisation)
        {
            return new Instans(org, null, [], [], [], 0);
        }

        var namnd = new Organ
        {
            OrganisationId = org.Id,
            Kind = kind == OrganisationKind.Bolag ? OrganKind.Styrelse : OrganKind.Namnd,
            Name = kind == OrganisationKind.Bolag ? $"Styrelsen för {org.Name}" : org.Name,
            HandlingarArbetsdagarFore = 7 + i % 4,
            JusteringArbetsdagar = 4 + i % 3,
            OmedelbarJusteringForRemissvar = i % 5 == 0,
        };
        db.Organ.Add(namnd);
        var beredningOrgan = beredning.Select(b => new Organ { OrganisationId = org.Id, Kind = b, Name = $"{Workflow.BeredningOrganNames.Definite(b)} i {org.Name}", HandlingarArbetsdagarFore = 5 }).ToList();
        db.Organ.AddRange(beredningOrgan);

        // Monthly meetings (none in July) from six months back to a year ahead; beredning bodies meet the week before.
        var moten = new List<Sammantrade>();
        for (var month = -6; month <= 12; month++)
        {
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(month);
            if (first.Month == 7)
            {
                continue;
            }

            var datum = NextWeekday(first.AddDays(14 + i % 7));
            var mote = new Sammantrade { OrganId = namnd.Id, Datum = datum, Tid = new TimeOnly(18, 0), Lokal = "Sammanträdesrummet" };
            moten.Add(mote);
            db.Sammantraden.Add(mote);
            foreach (var b in beredningOrgan)
            {
                db.Sammantraden.Add(new Sammantrade { OrganId = b.Id, Datum = NextWeekday(datum.AddDays(-14)), Tid = new TimeOnly(9, 0) });
            }
        }

        var handlaggare = new List<Guid>();
        AddUser(SekreterareEmail(org), $"Sekreterare {number}", org.Id, [Role.Namndsekreterare, Role.Registrator], passwordHash, roleIds, counts);
        for (var h = 1; h <= 2; h++)
        {
            handlaggare.Add(AddUser($"handlaggare{h}.{prefix.ToLowerInvariant()}@{EmailDomain}", $"Handläggare {number}-{h}", org.Id,
                h == 1 ? [Role.Handlaggare, Role.Forvaltningschef] : [Role.Handlaggare], passwordHash, roleIds, counts));
        }

        return new Instans(org, namnd, beredningOrgan, moten, handlaggare, 0);
    }

    private Guid AddUser(string email, string name, Guid organisationId, Role[] roles, string passwordHash, Dictionary<string, Guid> roleIds, Counts counts)
    {
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = name,
            OrganisationId = organisationId,
            LockoutEnabled = true,
            PasswordHash = passwordHash,
            SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        foreach (var role in roles)
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role.ToString()] });
        }

        counts.Anvandare++;
        return user.Id;
    }

    /// <summary>Picks the answer's state from how far the remiss has come, and writes what that state implies (dnr, handläggare, TU, beslut, anstånd, answer).</summary>
    private string Shape(Remissvar svar, Remiss remiss, Instans instans, DateOnly today, Random random, int year, Counts counts)
    {
        var utskick = remiss.UtskickDatum!.Value;
        var deadline = remiss.Svarsdatum;
        var kind = instans.Org.Kind;
        var roll = random.NextDouble();
        string state;
        if (deadline < today)
        {
            // Past svarsdatum: most have answered (some late), a few avstått, some are still missing.
            state = roll < 0.78 ? "inlamnad"
                : roll < 0.85 ? "avstatt"
                : roll < 0.88 && remiss.TillaterForvaltningensSvar && kind == OrganisationKind.Namnd ? "besvarad_av_forvaltningen"
                : Pipeline(kind, 0.6 + random.NextDouble() * 0.4, instans);
        }
        else
        {
            var progress = Math.Clamp((today.DayNumber - utskick.DayNumber) / (double)Math.Max(1, deadline.DayNumber - utskick.DayNumber), 0, 1);
            state = roll < 0.06 * progress ? "inlamnad"
                : roll < 0.08 * progress + 0.01 ? "avstatt"
                : Pipeline(kind, Math.Clamp(progress + (random.NextDouble() - 0.5) * 0.4, 0, 0.999), instans);
        }

        if (state is "inlamnad" or "avstatt" or "besvarad_av_forvaltningen")
        {
            var late = deadline < today && random.NextDouble() < 0.18;
            var date = late
                ? deadline.AddDays(1 + random.Next(0, Math.Max(1, Math.Min(25, today.DayNumber - deadline.DayNumber))))
                : deadline.AddDays(-random.Next(0, Math.Max(1, Math.Min(25, deadline.DayNumber - utskick.DayNumber - 7))));
            if (date > today)
            {
                date = today;
            }

            svar.InlamnadAt = StartOfDay(date).AddHours(10);
            svar.Utfall = state switch { "avstatt" => Utfall.Avstar, "besvarad_av_forvaltningen" => Utfall.ForvaltningensSvar, _ => Utfall.Svar };
            svar.Standpunkt = state == "avstatt" ? Standpunkt.Avstar : (Standpunkt)random.Next(0, 3);
            if (state == "inlamnad" && random.NextDouble() < 0.3)
            {
                svar.Nyckelpunkter = "Instansen tillstyrker förslaget i huvudsak men vill se en tydligare uppföljning.";
            }
        }
        else if (random.NextDouble() < 0.09)
        {
            AddAnstand(svar, deadline, today, random, counts);
        }

        if (kind == OrganisationKind.ExternOrganisation)
        {
            return state;
        }

        var step = Array.IndexOf(kind == OrganisationKind.Bolag ? BolagPipeline : NamndPipeline, state);
        var answeredThroughNamnd = state == "inlamnad";
        if (step >= 1 || answeredThroughNamnd || state is "avstatt" or "besvarad_av_forvaltningen")
        {
            svar.Dnr = $"{instans.Org.DnrPrefix} {year}/{++instans.DnrNumber}";
            svar.RegistreradDatum = utskick.AddDays(1 + random.Next(0, 4));
        }

        if (step >= 2 || answeredThroughNamnd || state == "besvarad_av_forvaltningen")
        {
            svar.HandlaggareId = instans.Handlaggare[random.Next(instans.Handlaggare.Count)];
        }

        var godkand = step >= Array.IndexOf(NamndPipeline, "godkand") - (kind == OrganisationKind.Bolag ? 1 : 0) || answeredThroughNamnd || state == "besvarad_av_forvaltningen";
        if (step >= 3 || answeredThroughNamnd || state == "besvarad_av_forvaltningen")
        {
            AddTjansteutlatande(svar, remiss, random, godkand, counts);
        }

        if (kind == OrganisationKind.Namnd && (state is "hos_forvaltningschef" or "godkand" or "anmald" or "beslutad" or "justerad" || answeredThroughNamnd))
        {
            foreach (var b in instans.Org.BeredningOrgan)
            {
                db.BeredningHandelser.Add(new BeredningHandelse { RemissvarId = svar.Id, OrganKind = b, OrganNamn = Workflow.BeredningOrganNames.Definite(b), Datum = utskick.AddDays(20) });
            }
        }

        if (state is "anmald" or "beslutad" or "justerad" || answeredThroughNamnd)
        {
            // The last meeting that fits before the answer's deadline, else the next one.
            var mote = instans.NamndMoten.LastOrDefault(m => m.Datum <= svar.Svarsdatum.AddDays(-7) && m.Datum > utskick) ?? instans.NamndMoten.First(m => m.Datum > utskick);
            db.Foredragningspunkter.Add(new Foredragningspunkt { SammantradeId = mote.Id, RemissvarId = svar.Id, Ordning = 1 + random.Next(0, 20), Rubrik = remiss.Title });
            if (state is "beslutad" or "justerad" || answeredThroughNamnd)
            {
                var justerad = state == "justerad" || answeredThroughNamnd;
                db.Beslut.Add(new Beslut
                {
                    RemissvarId = svar.Id,
                    SammantradeId = mote.Id,
                    Paragraf = 1 + random.Next(0, 40),
                    Datum = mote.Datum,
                    Beslutstext = "Nämnden besvarar remissen med förvaltningens tjänsteutlåtande.",
                    Justerare = "Ledamot Ett",
                    JusteradDatum = justerad ? mote.Datum.AddDays(7) : null,
                });
            }
        }

        return state;
    }

    private static string Pipeline(OrganisationKind kind, double progress, Instans instans)
    {
        var pipeline = kind switch
        {
            OrganisationKind.ExternOrganisation => ["utskickad"],
            OrganisationKind.Bolag => BolagPipeline,
            _ => NamndPipeline,
        };
        var state = pipeline[Math.Min(pipeline.Length - 1, (int)(progress * pipeline.Length))];
        // Without a beredning body the ärende never waits at one.
        return state == "hos_beredningsorgan" && instans.Beredning.Count == 0 ? "under_beredning" : state;
    }

    private void AddAnstand(Remissvar svar, DateOnly deadline, DateOnly today, Random random, Counts counts)
    {
        var granted = random.NextDouble() < 0.65;
        var begart = NextWeekday((deadline < today ? today : deadline).AddDays(21 + random.Next(0, 21)));
        var anstand = new Anstand
        {
            RemissvarId = svar.Id,
            TidigareSvarsdatum = deadline,
            BegartDatum = begart,
            Motivering = "Nämnden sammanträder först efter svarsdatum.",
            Beslut = granted ? AnstandBeslut.Beviljat : AnstandBeslut.Begart,
            BeviljatDatum = granted ? begart : null,
            BegartAt = StartOfDay(deadline.AddDays(-14)),
            BegartAv = Guid.Empty,
            BeslutadAt = granted ? StartOfDay(deadline.AddDays(-10)) : null,
        };
        if (granted)
        {
            svar.Svarsdatum = begart;
        }

        db.Anstand.Add(anstand);
        counts.Anstand++;
    }

    private void AddTjansteutlatande(Remissvar svar, Remiss remiss, Random random, bool godkand, Counts counts)
    {
        var versions = 1 + random.Next(0, 3);
        var tu = new Tjansteutlatande { RemissvarId = svar.Id, Rubrik = $"Svar på remiss av {remiss.Title}", GodkandVersion = godkand ? versions : null };
        if (godkand)
        {
            tu.GodkandAt = StartOfDay(remiss.UtskickDatum!.Value.AddDays(30));
        }

        for (var v = 1; v <= versions; v++)
        {
            tu.Versioner.Add(new TjansteutlatandeVersion
            {
                TjansteutlatandeId = tu.Id,
                Nummer = v,
                ForslagTillBeslut = "Nämnden besvarar remissen med förvaltningens tjänsteutlåtande.",
                Sammanfattning = $"Förvaltningen ställer sig i huvudsak positiv till förslaget (version {v}).",
                Bakgrund = "Kommunstyrelsen har remitterat förslaget till nämnder, bolag och organisationer.",
                Arendet = "Förslaget innebär förändrade arbetssätt och en tydligare uppföljning.",
                Synpunkter = "Förvaltningen ser behov av resurser för genomförandet.",
                SkapadAt = StartOfDay(remiss.UtskickDatum!.Value.AddDays(10 + v * 5)),
            });
        }

        db.Tjansteutlatanden.Add(tu);
        counts.Tjansteutlatanden++;
    }

    /// <summary>
    /// Starts the instance through the engine and, when the target state is not the initial one, moves it there
    /// as a definition migration would: log the step, replace the bookmarks with the target state's.
    /// </summary>
    private Guid Place(WorkflowEngine engine, string definitionId, CoreSubject subject, string state, WorkflowActor actor, DateTimeOffset now, Counts counts)
    {
        var started = engine.Start(definitionId, subject, actor);
        var instance = started.Instance;
        db.WorkflowInstances.Add(instance);
        db.WorkflowLog.Add(started.Changes.LogEntry!);
        counts.Instanser++;
        IReadOnlyList<WorkflowBookmark> bookmarks = started.Changes.BookmarksToCreate;
        if (state != instance.State)
        {
            var definition = engine.Registry.Get(instance.DefinitionId, instance.Version);
            var target = definition.GetState(state);
            var from = instance.State;
            instance.State = state;
            instance.Sequence = 2;
            bookmarks = target.Terminal ? [] : TargetBookmarks(engine, definition, instance, subject, now);
            db.WorkflowLog.Add(new WorkflowExecutionLogEntry
            {
                Id = Guid.CreateVersion7(now),
                InstanceId = instance.Id,
                Sequence = 2,
                At = now,
                Trigger = "bench.placera",
                FromState = from,
                ToState = state,
                Version = instance.Version,
                ActorId = actor.Id,
                ActorName = actor.Name,
            });
        }

        db.WorkflowBookmarks.AddRange(bookmarks);
        counts.Bokmarken += bookmarks.Count;
        return instance.Id;
    }

    private static List<WorkflowBookmark> TargetBookmarks(WorkflowEngine engine, WorkflowDefinition definition, WorkflowInstance instance, CoreSubject subject, DateTimeOffset now)
    {
        var result = new List<WorkflowBookmark>
        {
            new() { Id = Guid.CreateVersion7(now), InstanceId = instance.Id, Kind = BookmarkKinds.State, Name = instance.State, CreatedAt = now },
        };
        foreach (var timer in definition.TimersActiveIn(instance.State))
        {
            if (engine.ResumeAt(timer, subject, now) is { } at && at > now)
            {
                result.Add(new WorkflowBookmark { Id = Guid.CreateVersion7(now), InstanceId = instance.Id, Kind = BookmarkKinds.Timer, Name = timer.Name, Trigger = timer.Trigger, ResumeAt = at, CreatedAt = now });
            }
        }

        return result;
    }

    private static DateOnly NextWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateTimeOffset StartOfDay(DateOnly date) => StockholmTime.ToUtc(date, new TimeOnly(8, 0));
}
