using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Support;

/// <summary>
/// The authorization matrix's side of one running app: a signed-in session per principal (bearer for the API, cookie and
/// antiforgery token for the pages), targets in every state the rows need — built through the real use cases as the
/// people who would do each step — and a fingerprint of everything a refused request must leave as it was.
/// </summary>
public sealed class MatrixWorld
{
    public const string SfRegistrator = "registrator.sf@remissflow.test";
    public const string SfHandlaggare = "handlaggare.sf@remissflow.test";
    public const string SfSekreterare = "sekreterare.sf@remissflow.test";
    public const string SofSekreterare = "sekreterare.sof@remissflow.test";
    public const string KsRegistrator = "registrator.ks@remissflow.test";
    public const string Admin = "admin@remissflow.test";

    private readonly Dictionary<string, HttpClient> _api = [];
    private readonly Dictionary<string, HttpClient> _pages = [];
    private readonly Dictionary<string, string> _tokens = [];
    private Dictionary<string, Guid> _orgs = [];
    private readonly Dictionary<string, Guid> _users = [];
    private Guid? _sfMeetingToday;
    private int _counter;

    private MatrixWorld(RemissFlowApp app) => App = app;

    public RemissFlowApp App { get; }

    public DateOnly Today => StockholmTime.Today(TimeProvider.System);

    /// <summary>An outside organisation of the matrix's own, for the organisation edits.</summary>
    public Guid MatrixOrgId { get; private set; }

    /// <summary>A small, unique number per call: paragraphs, names, prefixes and dates that must not collide.</summary>
    public int Next() => Interlocked.Increment(ref _counter);

    public static async Task<MatrixWorld> StartAsync(RemissFlowApp app)
    {
        var world = new MatrixWorld(app);
        world._orgs = await app.QueryAsync(db => db.Organisationer.ToDictionaryAsync(o => o.DnrPrefix, o => o.Id));
        foreach (var principal in Principals.All)
        {
            await world.SignInAsync(principal);
        }

        world.MatrixOrgId = await app.AsSystemAsync(new CreateOrganisation.Command("Matrisföreningen", OrganisationKind.ExternOrganisation, "MATRIS",
            null, "matris@example.org", null, null, null, null, []));
        // Made here rather than by the first row that needs it: a request built for a refusal must not be what changes the database.
        await world.SfMeetingTodayAsync();
        return world;
    }

    /// <summary>The principals as the database has them: the matrix's expectations rest on these roles and organisations.</summary>
    public async Task<IReadOnlyList<string>> PrincipalsDifferingFromDatabaseAsync()
    {
        var differing = new List<string>();
        using var scope = App.Services.CreateScope();
        var lookup = scope.ServiceProvider.GetRequiredService<ActorLookup>();
        foreach (var p in Principals.All.Where(p => p.SignedIn))
        {
            var actor = await lookup.ForUserAsync(User(p.Email!), CancellationToken.None);
            // A demo ersättare's borrowed roles are not the account's: the matrix is about the account's own.
            if (actor is null || actor.OrganisationId != Org(p.Org!) || !actor.EgnaRoller.ToHashSet().SetEquals(p.Roles))
            {
                differing.Add(p.Key);
            }
        }

        return differing;
    }

    public Guid Org(string prefix) => _orgs[prefix];

    public Guid User(string email) => _users[email];

    private async Task SignInAsync(MatrixPrincipal principal)
    {
        if (!principal.SignedIn)
        {
            _api[principal.Key] = App.NewClient();
            var anonymous = App.NewClient();
            _tokens[principal.Key] = Sessions.AntiforgeryToken(await anonymous.GetStringAsync("/konto/logga-in"));
            _pages[principal.Key] = anonymous;
            return;
        }

        _users[principal.Email!] = await ArendeData.UserIdAsync(App, principal.Email!);
        _api[principal.Key] = await Sessions.BearerAsync(App, principal.Email!);
        var cookie = await Sessions.CookieAsync(App, principal.Email!);
        // The layout's sign-out form carries the session's antiforgery token, valid for every form post of this session.
        _tokens[principal.Key] = Sessions.AntiforgeryToken(await cookie.GetStringAsync("/"));
        _pages[principal.Key] = cookie;
    }

    public async Task<HttpResponseMessage> SendAsync(MatrixPrincipal principal, MatrixRequest request)
    {
        var message = new HttpRequestMessage(request.Method, request.Path);
        var form = request.Form.ToList();
        if (request.Channel == Channel.Page && request.Method != HttpMethod.Get)
        {
            form.Add(KeyValuePair.Create("__RequestVerificationToken", _tokens[principal.Key]));
        }

        if (request.File is { } file)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in form)
            {
                multipart.Add(new StringContent(value), key);
            }

            var bytes = new ByteArrayContent(file.Content);
            bytes.Headers.ContentType = new MediaTypeHeaderValue(file.MediaType);
            multipart.Add(bytes, file.Field, file.FileName);
            message.Content = multipart;
        }
        else if (request.Json is not null)
        {
            message.Content = JsonContent.Create(request.Json);
        }
        else if (form.Count > 0)
        {
            message.Content = new FormUrlEncodedContent(form);
        }

        var client = request.Channel == Channel.Api ? _api[principal.Key] : _pages[principal.Key];
        return await client.SendAsync(message);
    }

    /// <summary>
    /// Everything a refused request must not have touched: every audit event a person caused (each use case that changes
    /// anything writes one in the same transaction), notices marked read (the one write outside the use cases), the
    /// number of remisser, organisations and accounts, and the target's own fields. Timers fire as the system, so they do
    /// not count.
    /// </summary>
    public Task<string> FingerprintAsync(MatrixTarget t) => App.QueryAsync(async db =>
    {
        var sb = new StringBuilder();
        sb.Append($"händelser av personer={await db.Handelser.CountAsync(h => h.ActorId != null)}; ");
        sb.Append($"lästa notiser={await db.Notiser.CountAsync(n => n.ReadAt != null)}; ");
        sb.Append($"remisser={await db.Remisser.CountAsync()}; organisationer={await db.Organisationer.CountAsync()}; konton={await db.Users.CountAsync()}; ");
        sb.Append($"inkommande={string.Join(",", await db.Inkommande.OrderBy(i => i.Id).Select(i => i.Status).ToListAsync())}; ");
        if (t.RemissId != Guid.Empty)
        {
            var r = await db.Remisser.AsNoTracking().SingleAsync(x => x.Id == t.RemissId);
            sb.Append($"remiss {r.Status} {r.Title} {r.Svarsdatum} publicerad={r.SammanstallningPublicerad} ");
            sb.Append($"lista={await db.Set<RemisslistaPost>().CountAsync(p => p.RemissId == t.RemissId)} ");
            sb.Append($"handlingar={await db.Bilagor.CountAsync(b => b.RemissId == t.RemissId)} svar={await db.Remissvar.CountAsync(v => v.RemissId == t.RemissId)}; ");
        }

        if (t.SvarId != Guid.Empty)
        {
            var v = await db.Remissvar.AsNoTracking().SingleAsync(x => x.Id == t.SvarId);
            sb.Append($"svar {v.Status} {v.Dnr} {v.HandlaggareId} {v.Svarsdatum} «{v.Nyckelpunkter}» ");
            sb.Append($"tu-versioner={await db.TjansteutlatandeVersioner.CountAsync(x => db.Tjansteutlatanden.Any(tu => tu.Id == x.TjansteutlatandeId && tu.RemissvarId == t.SvarId))} ");
            sb.Append($"beslut={string.Join(",", await db.Beslut.Where(b => b.RemissvarId == t.SvarId).Select(b => $"{b.Paragraf}/{b.Justerare}/{b.AnmalsVidSammantradeId}").ToListAsync())} ");
            sb.Append($"anstand={string.Join(",", await db.Anstand.Where(a => a.RemissvarId == t.SvarId).Select(a => a.Beslut).ToListAsync())} ");
            sb.Append($"beredning={await db.BeredningHandelser.CountAsync(b => b.RemissvarId == t.SvarId)} bilagor={await db.Bilagor.CountAsync(b => b.RemissvarId == t.SvarId)}; ");
        }

        if (t.OrganId != Guid.Empty)
        {
            sb.Append($"ledamöter={await db.Ledamoter.CountAsync(l => l.OrganId == t.OrganId)}; ");
        }

        if (t.OrgId != Guid.Empty)
        {
            var o = await db.Organisationer.AsNoTracking().SingleAsync(x => x.Id == t.OrgId);
            var organ = db.Organ.Where(x => x.OrganisationId == t.OrgId).Select(x => x.Id);
            sb.Append($"organisation {o.Name} v{o.Version} aktiv={o.Active} organ={await organ.CountAsync()} sammanträden={await db.Sammantraden.CountAsync(m => organ.Contains(m.OrganId))}; ");
        }

        if (t.NotisId != Guid.Empty)
        {
            sb.Append($"notis läst={await db.Notiser.Where(n => n.Id == t.NotisId).Select(n => n.ReadAt).SingleAsync()}; ");
        }

        if (t.MeetingId != Guid.Empty)
        {
            sb.Append($"sammanträde punkter={await db.Foredragningspunkter.CountAsync(p => p.SammantradeId == t.MeetingId)}; ");
            var ovriga = await db.OvrigaPunkter.Where(p => p.SammantradeId == t.MeetingId).OrderBy(p => p.Id).Select(p => p.Ordning).ToListAsync();
            var kallelse = await db.Sammantraden.Where(m => m.Id == t.MeetingId).Select(m => m.KallelseSenastSkickadAt).SingleAsync();
            sb.Append($"övriga punkter={string.Join(",", ovriga)} kallelse={kallelse}; ");
        }

        if (t.UserId != Guid.Empty)
        {
            var u = await db.Users.AsNoTracking().SingleAsync(x => x.Id == t.UserId);
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == t.UserId orderby r.Name select r.Name).ToListAsync();
            sb.Append($"konto {u.DisplayName} {u.Email} {u.Title} {u.OrganisationId} låst={u.LockoutEnd} roller={string.Join(",", roles)} stämpel={u.SecurityStamp}; ");
        }

        return sb.ToString();
    });

    // ---- Targets. Each builds fresh data through the use cases, acting as the person whose step it is.

    /// <summary>A remiss utkast of KS; <paramref name="ready"/>: with remisslista (SF) and a remisshandling, so it can be sent out.</summary>
    public async Task<MatrixTarget> UtkastAsync(bool ready = false)
    {
        var created = await App.AsUserAsync(KsRegistrator, new CreateRemiss.Command($"Matrisremiss {Next()}", "Ett förslag.", Today.AddDays(60), null, false, "Johan Ek", Sessions.KsSamordnare));
        Guid? bilaga = null;
        if (ready)
        {
            await App.AsUserAsync(KsRegistrator, new SetRemisslista.Command(created.Id, [Org("SF")]));
            bilaga = await App.AsUserAsync(KsRegistrator, new AddRemisshandling.Command(created.Id, "Remisshandling.pdf", ArendeData.Pdf));
        }

        return new MatrixTarget { RemissId = created.Id, BilagaId = bilaga ?? Guid.Empty };
    }

    /// <summary>A remiss KS has sent to one instans only, with its remisshandling and that instans's remissvar.</summary>
    public async Task<MatrixTarget> SentAsync(string prefix = "SF", DateOnly? svarsdatum = null)
    {
        var svar = (await ArendeData.SendRemissAsync(App, $"Matrisremiss {Next()}", svarsdatum ?? Today.AddDays(60), prefix))[prefix];
        var (remiss, bilaga) = await App.QueryAsync(async db =>
        {
            var remissId = await db.Remissvar.Where(v => v.Id == svar).Select(v => v.RemissId).SingleAsync();
            return (remissId, await db.Bilagor.Where(b => b.RemissId == remissId && b.Kind == BilagaKind.Remisshandling).Select(b => b.Id).FirstAsync());
        });
        return new MatrixTarget { RemissId = remiss, SvarId = svar, BilagaId = bilaga };
    }

    /// <summary>The matrix's own outside sender, a department (made once).</summary>
    public async Task<Guid> DepartementAsync() => _departement ??= await App.AsSystemAsync(CreateExternAvsandare.Command.WithStandardRule(
        "Matrisdepartementet", ExternAvsandareTyp.Departement, "MATRISDEP", "matris.remissvar@regeringskansliet.test"));

    private Guid? _departement;

    public async Task<MatrixTarget> DepartementTargetAsync() => new() { OrgId = await DepartementAsync() };

    /// <summary>A remiss from the department registered by KS's registrator: the outside remiss and KS's ärende on it.</summary>
    public async Task<MatrixTarget> KsExternArendeAsync()
    {
        var n = Next();
        var registered = await App.AsUserAsync(KsRegistrator, new RegisterExternRemiss.Command(await DepartementAsync(), $"Matrisbetänkandet {n}", $"Matris2026/{n:00000}",
            Today.AddDays(120), Today, new InkommenFil("remissbrev.pdf", ArendeData.Pdf), []));
        return new MatrixTarget { RemissId = registered.RemissId, SvarId = registered.ArendeId };
    }

    /// <summary>KS's ärende on a remiss from the department, decided and justerat at KS's meeting today: ready to expediera.</summary>
    public async Task<MatrixTarget> KsBeslutatExternArendeAsync()
    {
        var t = await KsExternArendeAsync();
        await KedjaData.BeslutatAsync(App, t.SvarId);
        return t;
    }

    /// <summary>An e-mail in KS's registry queue with a PDF, naming a remiss to PRO that waits for PRO's answer.</summary>
    public async Task<MatrixTarget> InkommandeAsync()
    {
        var t = await ExternOpenAsync();
        var dnr = await App.QueryAsync(db => db.Remisser.Where(r => r.Id == t.RemissId).Select(r => r.Dnr).SingleAsync());
        var stored = await App.Services.GetRequiredService<Core.Files.FileStore>().SaveAsync(ArendeData.Pdf, "application/pdf", CancellationToken.None);
        var mail = new Core.Intake.Mail.ReadMail($"matris-{Guid.NewGuid():N}@example.test", "PRO <pro@example.test>", "registrator@ks.example.test", $"Svar på {dnr}",
            null, "Yttrande bifogas.", 100, [new Core.Intake.Mail.MailAttachment("Yttrande.pdf", "application/pdf", ArendeData.Pdf, null)], null);
        var id = (await App.AsUserAsync(Sessions.AdminEmail, new Core.Features.Inkommande.TaEmotEpost.Command(Org("KS"), "matris", mail, [stored]))).InkommandeId;
        return t with { InkommandeId = id, BilagaId = await App.QueryAsync(db => db.InkommandeBilagor.Where(b => b.InkommandeId == id).Select(b => b.Id).SingleAsync()) };
    }

    /// <summary>An e-mail of KS's queue set aside as no allmän handling.</summary>
    public async Task<MatrixTarget> InkommandeEjAllmanAsync()
    {
        var t = await InkommandeAsync();
        await App.AsUserAsync(KsRegistrator, new Core.Features.Inkommande.MarkeraEjAllmanHandling.Command(t.InkommandeId, "Matrisens skäl."));
        return t;
    }

    /// <summary>A remiss to an outside organisation, which has not answered.</summary>
    public Task<MatrixTarget> ExternOpenAsync() => SentAsync("PRO");

    /// <summary>A remiss to an outside organisation whose answer KS has registered: with a file, or that it avstår.</summary>
    public async Task<MatrixTarget> ExternAnsweredAsync(bool withFile)
    {
        var t = await SentAsync("PRO");
        await App.AsUserAsync(KsRegistrator, new RegisterExternalAnswer.Command(t.SvarId, !withFile, withFile ? "Yttrande.pdf" : null, withFile ? ArendeData.Pdf : null,
            withFile ? Standpunkt.Tillstyrker : null, null));
        var bilaga = withFile ? await App.QueryAsync(db => db.Bilagor.Where(b => b.RemissvarId == t.SvarId).Select(b => b.Id).SingleAsync()) : Guid.Empty;
        return t with { BilagaId = bilaga };
    }

    /// <summary>Servicenämnden's ärende taken to <paramref name="state"/> along the ordinary path, each step by its role.</summary>
    public Task<MatrixTarget> SfAsync(string state) => ArendeAsync("SF", state);

    /// <summary>
    /// A nämnd's ärende (SF or SOF, whose people are named alike) taken to <paramref name="state"/> along the ordinary path,
    /// each step by its role. Only Servicenämnden goes on to the meeting (today's, see <see cref="SfMeetingTodayAsync"/>).
    /// </summary>
    public async Task<MatrixTarget> ArendeAsync(string prefix, string state, DateOnly? svarsdatum = null)
    {
        string[] path = ["inkommen", "registrerad", "tilldelad", "under_beredning", "hos_forvaltningschef", "godkand", "anmald", "beslutad", "justerad", "inlamnad"];
        Assert.That(path, Does.Contain(state), "okänt läge för matrisens ärende");
        Assert.That(prefix == "SF" || Array.IndexOf(path, state) <= Array.IndexOf(path, "godkand"), "bara Servicenämnden har ett sammanträde i dag");
        var (registrator, handlaggare, chef, sekreterare) = People(prefix);
        var t = await SentAsync(prefix, svarsdatum);
        var id = t.SvarId;
        foreach (var step in path.Skip(1).Take(Array.IndexOf(path, state)))
        {
            switch (step)
            {
                case "registrerad":
                    await App.AsUserAsync(registrator, new RegisterRemissvar.Command(id));
                    break;
                case "tilldelad":
                    await App.AsUserAsync(registrator, new AssignHandlaggare.Command(id, User(handlaggare)));
                    break;
                case "under_beredning":
                    await App.AsUserAsync(handlaggare, new FireRemissvarTrigger.Command(id, "paborja_beredning"));
                    await App.AsUserAsync(handlaggare, Tu(id, null));
                    break;
                case "hos_forvaltningschef":
                    // Each nämnd's required beredningsorgan (SF: förvaltningsgruppen; SOF: also the råd, which need only have had the chance).
                    await App.AsUserAsync(handlaggare, new RecordBeredning.Command(id, OrganKind.Forvaltningsgrupp, Today));
                    if (prefix == "SOF")
                    {
                        await App.AsUserAsync(handlaggare, new RecordBeredning.Command(id, OrganKind.RadForFunktionshinderfragor, Today, EndastMojlighet: true));
                    }

                    await App.AsUserAsync(handlaggare, new FireRemissvarTrigger.Command(id, "skicka_till_forvaltningschef"));
                    break;
                case "godkand":
                    await App.AsUserAsync(chef, new FireRemissvarTrigger.Command(id, "godkann"));
                    break;
                case "anmald":
                    await App.AsUserAsync(sekreterare, new PlaceOnAgenda.Command(id, await SfMeetingTodayAsync()));
                    break;
                case "beslutad":
                    await App.AsUserAsync(sekreterare, new RecordBeslut.Command(id, Paragraf(), "Servicenämnden godkänner förvaltningens tjänsteutlåtande.", Standpunkt.Tillstyrker));
                    break;
                case "justerad":
                    await App.AsUserAsync(sekreterare, new Justera.Command(id, Today, "Anna Ek, Bo Lind"));
                    break;
                case "inlamnad":
                    await App.AsUserAsync(sekreterare, new FireRemissvarTrigger.Command(id, "lamna_in"));
                    break;
            }
        }

        return t;
    }

    private static (string Registrator, string Handlaggare, string Chef, string Sekreterare) People(string prefix)
    {
        var org = prefix.ToLowerInvariant();
        return ($"registrator.{org}@remissflow.test", $"handlaggare.{org}@remissflow.test", $"chef.{org}@remissflow.test", $"sekreterare.{org}@remissflow.test");
    }

    /// <summary>Servicenämnden's registered ärende where its registrator has asked KS for anstånd.</summary>
    public async Task<MatrixTarget> SfAnstandBegartAsync()
    {
        var t = await SfAsync("registrerad");
        await App.AsUserAsync(SfRegistrator, new RequestAnstand.Command(t.SvarId, Today.AddDays(120), "Nämnden sammanträder inte i tid."));
        return t;
    }

    /// <summary>
    /// Socialnämnden's ärende on the urgent path: svarsdatum tomorrow, so no meeting fits and the ordförande may decide
    /// (<paramref name="state"/> godkand), or has decided and the answer is handed in but not yet reported (inlamnad_ej_anmald).
    /// Socialnämnden, not Servicenämnden: the SF meeting today that the beslut rows need would fit and rule the path out.
    /// </summary>
    public async Task<MatrixTarget> SofUrgentAsync(string state)
    {
        Assert.That(state, Is.AnyOf("godkand", "inlamnad_ej_anmald"));
        var t = await ArendeAsync("SOF", "godkand", Today.AddDays(1));
        if (state == "inlamnad_ej_anmald")
        {
            await App.AsUserAsync(SofSekreterare, new Ordforandebeslut.Command(t.SvarId, Today, "Eva Ordf", Standpunkt.Tillstyrker));
            await App.AsUserAsync(SofSekreterare, new FireRemissvarTrigger.Command(t.SvarId, "lamna_in"));
        }

        return t;
    }

    /// <summary>One notice addressed to Servicenämndens handläggare (the demo's assignments left several).</summary>
    public async Task<MatrixTarget> SfHandlaggareNotisAsync() =>
        new() { NotisId = await App.QueryAsync(db => db.Notiser.Where(n => n.UserId == User(SfHandlaggare)).Select(n => n.Id).FirstAsync()) };

    /// <summary>A demo account as the target (the administrator's user pages), for reads only: a change would alter a principal's session.</summary>
    public Task<MatrixTarget> UserAsync(string email) => Task.FromResult(new MatrixTarget { UserId = User(email) });

    /// <summary>
    /// An account of the matrix's own in Servicenämnden, created (and, if <paramref name="deactivated"/>, deactivated) by the
    /// administratör: the changes the account page makes — roles, deactivation, a new password — must not touch a demo
    /// principal, whose session every later row needs.
    /// </summary>
    public async Task<MatrixTarget> FreshUserAsync(bool deactivated = false)
    {
        var n = Next();
        var id = await App.AsUserAsync(Admin, new CreateUser.Command($"matriskonto{n}@remissflow.test", $"Matris Konto {n}", Org("SF"), [Role.Handlaggare], RemissFlow.Core.Demo.DemoSeeder.Password));
        if (deactivated)
        {
            await App.AsUserAsync(Admin, new SetUserActive.Command(id, false));
        }

        return new MatrixTarget { UserId = id };
    }

    /// <summary>The account's concurrency stamp as the edit form carries it.</summary>
    public Task<string> UserStampAsync(Guid userId) => App.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.ConcurrencyStamp!).SingleAsync());

    /// <summary>An SF ärende just in, which the SF registrator has taken out of the registrators' shared queue.</summary>
    public async Task<MatrixTarget> SfTagenAsync()
    {
        var t = await SfAsync("inkommen");
        await App.AsUserAsync(SfRegistrator, new RemissFlow.Core.Features.Ko.TaArendet.Command(t.SvarId, null));
        return t;
    }

    /// <summary>A period of the SF chef's absence, two days some weeks ahead (unique per call), with the SF handläggare as ersättare.</summary>
    public async Task<MatrixTarget> SfErsattarePeriodAsync()
    {
        var from = Today.AddDays(200 + (3 * Next()));
        var id = await App.AsUserAsync(Admin, new RemissFlow.Core.Features.Ersattare.NamnErsattare.Command(User("chef.sf@remissflow.test"), User(SfHandlaggare), from, from.AddDays(1)));
        return new MatrixTarget { PeriodId = id };
    }

    /// <summary>
    /// Whom <paramref name="p"/> would name as ersättare on Konto → Ersättare: a person of the same organisation with a
    /// förvaltning role who lacks one of the roles p hands over; else another account of the organisation, which the page refuses.
    /// </summary>
    public Task<Guid> ErsattareCandidateAsync(MatrixPrincipal p) => App.QueryAsync(async db =>
    {
        var me = User(p.Email!);
        var org = Org(p.Org!);
        string[] forvaltning = ["REGISTRATOR", "HANDLAGGARE", "FORVALTNINGSCHEF", "NAMNDSEKRETERARE"];
        var handedOver = p.Roles.Where(RemissFlow.Core.Access.ErsattareAccess.Overlatbara.Contains).Select(r => r.ToString().ToUpperInvariant()).ToList();
        var people = await (from u in db.Users
                            where u.OrganisationId == org && u.Id != me
                            select new
                            {
                                u.Id,
                                u.Email,
                                Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.NormalizedName!).ToList(),
                            }).ToListAsync();
        var fit = people.Where(x => x.Email!.EndsWith("@remissflow.test", StringComparison.Ordinal) && !x.Email.StartsWith("matris", StringComparison.Ordinal)
                && x.Roles.Any(forvaltning.Contains) && handedOver.Any(r => !x.Roles.Contains(r)))
            .OrderBy(x => x.Email, StringComparer.Ordinal).FirstOrDefault();
        return fit?.Id ?? people.OrderBy(x => x.Email, StringComparer.Ordinal).First().Id;
    });

    public Task<MatrixTarget> SfOrganisationAsync() => Task.FromResult(new MatrixTarget { OrgId = Org("SF") });

    public Task<MatrixTarget> MatrixOrganisationAsync() => Task.FromResult(new MatrixTarget { OrgId = MatrixOrgId });

    public async Task<MatrixTarget> SfNextMeetingAsync() => new() { MeetingId = await NextMeetingAsync("SF") };

    /// <summary>The nämnd's next meeting after today (the demo has one a month).</summary>
    public Task<Guid> NextMeetingAsync(string prefix) => App.QueryAsync(db =>
        (from m in db.Sammantraden
         join o in db.Organ on m.OrganId equals o.Id
         where o.OrganisationId == Org(prefix) && o.Kind == OrganKind.Namnd && m.Datum > Today
         orderby m.Datum
         select m.Id).FirstAsync());

    /// <summary>Servicenämnden's next meeting with a typed-in item added for this request: something to move or to send.</summary>
    public async Task<MatrixTarget> SfMeetingWithNewItemAsync()
    {
        var meeting = await NextMeetingAsync("SF");
        await App.AsUserAsync(SfSekreterare, new RemissFlow.Core.Features.Sammantraden.AddOvrigPunkt.Command(meeting, $"Matrispunkt {Next()}", null, null, null));
        return new() { MeetingId = meeting };
    }

    /// <summary>The last item of that meeting's list, which can always move up (the list has at least two).</summary>
    public Task<Guid> LastItemAsync(Guid meeting) => App.QueryAsync(async db =>
        (await RemissFlow.Core.Features.Sammantraden.Foredragningslista.LoadAsync(db, meeting, CancellationToken.None))[^1].Id);

    /// <summary>A Servicenämnden meeting whose kallelse has gone out (the demo sends the next one's).</summary>
    public async Task<MatrixTarget> SfKallelseSentAsync() => new()
    {
        MeetingId = await App.QueryAsync(db => (from m in db.Sammantraden
                                                join o in db.Organ on m.OrganId equals o.Id
                                                where o.OrganisationId == Org("SF") && m.KallelseSkickadAt != null
                                                select m.Id).FirstAsync()),
    };

    /// <summary>
    /// A held Servicenämnden meeting with a beslut whose protokoll is at most upprättat (<paramref name="status"/> null: none
    /// yet), the latest first. The demo holds only a few such meetings, so the rows reuse one in the state they need and a
    /// new one is taken only when a row has moved it on.
    /// </summary>
    private Task<MatrixTarget?> SfHeldMeetingAsync(string? status) => App.QueryAsync(async db =>
    {
        var found = await (from m in db.Sammantraden
                           join o in db.Organ on m.OrganId equals o.Id
                           where o.OrganisationId == Org("SF") && o.Kind == OrganKind.Namnd && m.Datum < Today
                               && (status == null ? !db.Protokoll.Any(p => p.SammantradeId == m.Id) : db.Protokoll.Any(p => p.SammantradeId == m.Id && p.Status == status))
                           let beslut = db.Beslut.Where(b => b.SammantradeId == m.Id).Select(b => (Guid?)b.Id).FirstOrDefault()
                           where beslut != null
                           orderby m.Datum descending
                           select new { m.Id, beslut }).FirstOrDefaultAsync();
        return found is null ? null : new MatrixTarget { MeetingId = found.Id, BeslutId = found.beslut!.Value };
    });

    /// <summary>A held meeting with a beslut whose protokoll has not gone to justering: its page, the val av justerare.</summary>
    public async Task<MatrixTarget> SfHeldMeetingAsync() =>
        await SfHeldMeetingAsync("upprattat") ?? await SfHeldMeetingAsync(null) ?? throw new InvalidOperationException("The demo has no held Servicenämnden meeting left for the matrix.");

    /// <summary>How far <see cref="SfMeetingTodayAsync"/> takes its meeting.</summary>
    public enum MeetingDay
    {
        Planned,
        Opened,
        NarvaroRecorded,
    }

    /// <summary>
    /// A meeting held today by a new Servicenämnden organ (an organ has one meeting a day, and each allowed success may use
    /// one up): an ordförande, two ledamöter, an ersättare and one item; opened, and with everyone present, as <paramref name="day"/> asks.
    /// </summary>
    public async Task<MatrixTarget> SfMeetingTodayAsync(MeetingDay day)
    {
        var n = Next();
        var organ = await App.AsUserAsync(SfSekreterare, new RemissFlow.Core.Features.Sammantraden.CreateOrgan.Command(
            Org("SF"), OrganKind.Samverkansgrupp, $"Matrisgruppen {n}", 5, 0, false));
        var members = new List<Guid>();
        foreach (var (namn, uppdrag) in new[] { ("Ordf", Uppdrag.Ordforande), ("Ledamot A", Uppdrag.Ledamot), ("Ledamot B", Uppdrag.Ledamot), ("Ersättare", Uppdrag.Ersattare) })
        {
            members.Add(await App.AsUserAsync(SfSekreterare, new RemissFlow.Core.Features.Sammantraden.AddLedamot.Command(
                organ, $"Matris {namn} {n}", null, uppdrag, Today.AddYears(-1), Today.AddYears(1))));
        }

        var meeting = await App.AsUserAsync(SfSekreterare, new RemissFlow.Core.Features.Sammantraden.CreateSammantrade.Command(organ, Today, new TimeOnly(8, 0), "Matrisrummet"));
        var punkt = await App.AsUserAsync(SfSekreterare, new RemissFlow.Core.Features.Sammantraden.AddOvrigPunkt.Command(meeting, $"Matrispunkt {n}", null, null, "Gruppen beslutar."));
        if (day >= MeetingDay.Opened)
        {
            await App.AsUserAsync(SfSekreterare, new RemissFlow.Core.Features.Sammantraden.OppnaSammantrade.Command(meeting));
        }

        if (day >= MeetingDay.NarvaroRecorded)
        {
            await App.AsUserAsync(SfSekreterare, new RemissFlow.Core.Features.Sammantraden.RegistreraNarvaro.Command(meeting, members, []));
        }

        return new MatrixTarget { MeetingId = meeting, OrganId = organ, PunktId = punkt, LedamotIds = members[..3] };
    }

    /// <summary>The ledamot the demo's ledamot.sf signs in as: the justerare the matrix chooses.</summary>
    public Task<Guid> SfJusterareAsync() => App.QueryAsync(db =>
        (from l in db.Ledamoter
         where db.Users.Any(u => u.Id == l.UserId && u.Email == "ledamot.sf@remissflow.test")
         orderby l.Fran
         select l.Id).FirstAsync());

    /// <summary>A held meeting whose protokoll has its justerare (ledamot.sf) chosen and is not yet sent to justering.</summary>
    public async Task<MatrixTarget> SfProtokollAsync()
    {
        if (await SfHeldMeetingAsync("upprattat") is { } chosen)
        {
            return chosen;
        }

        var target = await SfHeldMeetingAsync(null) ?? throw new InvalidOperationException("The demo has no held Servicenämnden meeting left for the matrix.");
        var datum = await App.QueryAsync(db => db.Sammantraden.Where(m => m.Id == target.MeetingId).Select(m => m.Datum).SingleAsync());
        await App.AsUserAsync(SfSekreterare, new RemissFlow.Core.Features.ProtokollJustering.ValjJusterare.Command(
            target.MeetingId, [await SfJusterareAsync()], StockholmTime.ToUtc(datum.AddDays(1), new TimeOnly(9, 0)), "Matrisrummet"));
        return target;
    }

    /// <summary>A protokoll sent to the ordförande and the justerare (ledamot.sf) that neither has justerat yet.</summary>
    public async Task<MatrixTarget> SfProtokollSentAsync()
    {
        var waiting = await App.QueryAsync(db => db.Protokoll.Where(p => p.Status == "under_justering" && !p.Godkannanden.Any())
            .Where(p => db.Sammantraden.Any(m => m.Id == p.SammantradeId && db.Organ.Any(o => o.Id == m.OrganId && o.OrganisationId == Org("SF"))))
            .Select(p => (Guid?)p.SammantradeId).FirstOrDefaultAsync());
        if (waiting is { } meeting)
        {
            return new MatrixTarget { MeetingId = meeting };
        }

        var target = await SfProtokollAsync();
        await App.AsUserAsync(SfSekreterare, new RemissFlow.Core.Features.ProtokollJustering.SkickaTillJustering.Command(target.MeetingId));
        return target;
    }

    public async Task<MatrixTarget> SfNamndOrganAsync() => new() { OrganId = await NamndOrganAsync("SF") };

    public Task<Guid> NamndOrganAsync(string prefix) =>
        App.QueryAsync(db => db.Organ.Where(o => o.OrganisationId == Org(prefix) && (o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse)).Select(o => o.Id).FirstAsync());

    public Task<string> NamndOrganNameAsync(string prefix) =>
        App.QueryAsync(db => db.Organ.Where(o => o.OrganisationId == Org(prefix) && (o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse)).Select(o => o.Name).FirstAsync());

    /// <summary>An extra meeting of Servicenämnden today: a beslut needs a meeting held, and an ärende can only be placed on one not yet held.</summary>
    public async Task<Guid> SfMeetingTodayAsync()
    {
        if (_sfMeetingToday is { } id)
        {
            return id;
        }

        var organ = await App.QueryAsync(db => db.Organ.Where(o => o.OrganisationId == Org("SF") && o.Kind == OrganKind.Namnd).Select(o => o.Id).SingleAsync());
        var existing = await App.QueryAsync(db => db.Sammantraden.Where(m => m.OrganId == organ && m.Datum == Today).Select(m => (Guid?)m.Id).FirstOrDefaultAsync());
        _sfMeetingToday = existing ?? await App.AsUserAsync(SfSekreterare, new CreateSammantrade.Command(organ, Today, new TimeOnly(17, 0), "Matrissalen", true));
        return _sfMeetingToday.Value;
    }

    public Task<int> LatestTuVersionAsync(Guid svarId) =>
        App.QueryAsync(db => db.TjansteutlatandeVersioner.Where(v => db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == svarId)).MaxAsync(v => v.Nummer));

    public Task<int> RemissVersionAsync(Guid remissId) => App.QueryAsync(db => db.Remisser.Where(r => r.Id == remissId).Select(r => r.Version).SingleAsync());

    public Task<int> SvarVersionAsync(Guid svarId) => App.QueryAsync(db => db.Remissvar.Where(r => r.Id == svarId).Select(r => r.Version).SingleAsync());

    public Task<int> OrganisationVersionAsync(Guid orgId) => App.QueryAsync(db => db.Organisationer.Where(o => o.Id == orgId).Select(o => o.Version).SingleAsync());

    /// <summary>Paragraphs of the matrix's beslut, well clear of the demo's and each other's.</summary>
    public int Paragraf() => 700 + Next();

    /// <summary>A prefix no organisation has: letters only, as the diarium requires.</summary>
    public string UniquePrefix()
    {
        var n = Next();
        var letters = new StringBuilder("MX");
        do
        {
            letters.Append((char)('A' + n % 26));
            n /= 26;
        }
        while (n > 0);
        return letters.ToString();
    }

    public static SaveTjansteutlatande.Command Tu(Guid svarId, int? basedOn) => new(svarId, basedOn, "Remiss av matrisprogrammet",
        "Nämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Förvaltningen tillstyrker.", "Kommunstyrelsen har skickat programmet på remiss.",
        "Programmet föreslår åtgärder.", null, "Förvaltningen har inga synpunkter.");
}
