using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>The typed effects of the remissvar tracks' triggers (remissvar-namnd, -bolag and -extern).</summary>
public static class RemissvarTransitions
{
    public static readonly Registrera Registrera = new();
    public static readonly TilldelaHandlaggare Tilldela = new("tilldela");
    public static readonly TilldelaHandlaggare TilldelaOm = new("tilldela_om");
    public static readonly AnmalTillBeredningsorgan AnmalTillBeredningsorgan = new();
    public static readonly RegistreraBehandling RegistreraBehandling = new();
    public static readonly Godkann Godkann = new();
    public static readonly Returnera Returnera = new();
    public static readonly AnmalTillSammantrade AnmalTillSammantrade = new();
    public static readonly Besluta Besluta = new();
    public static readonly Aterremittera Aterremittera = new();
    public static readonly RattaBeslut RattaBeslut = new();
    public static readonly AngraBeslut AngraBeslut = new();
    public static readonly Justera Justera = new();
    public static readonly FattaOrdforandebeslut Ordforandebeslut = new();
    public static readonly AnmalOrdforandebeslut AnmalOrdforandebeslut = new();
    public static readonly Avsta Avsta = new();
    public static readonly RegistreraSvar RegistreraSvar = new();
    public static readonly BegarAnstand BegarAnstand = new();
    public static readonly BeviljaAnstand BeviljaAnstand = new();
    public static readonly AvslaAnstand AvslaAnstand = new();
    public static readonly AterkallaSvar Aterkalla = new();
    public static readonly LamnaIn LamnaIn = new("lamna_in");

    public static IEnumerable<ITransition> All() =>
    [
        Registrera, Tilldela, TilldelaOm, AnmalTillBeredningsorgan, RegistreraBehandling, Godkann, Returnera,
        AnmalTillSammantrade, Besluta, Aterremittera, RattaBeslut, AngraBeslut, Justera, Ordforandebeslut, AnmalOrdforandebeslut,
        Avsta, RegistreraSvar, BegarAnstand, BeviljaAnstand, AvslaAnstand, Aterkalla,
        new StateOnlySvar("paborja_beredning"), new SkickaTillForvaltningschef(), new Bordlagg(),
        LamnaIn, new LamnaIn("forvaltningens_svar"), new PreliminartSvar(),
        new PaminnHandlaggare(), new PaminnNamndsekreterare(), new PaminnForvaltningschef(), new EskaleraTillKs(), new PaminnInstans(),
    ];
}

/// <summary>A trigger that only moves the state: the definition names no action for it.</summary>
public sealed class StateOnlySvar(string trigger) : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => trigger;

    public override IReadOnlySet<string> Actions { get; } = Declares();

    public override Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct) => Task.CompletedTask;
}

/// <param name="FranDiarium">The number was taken from the municipality's own diarium, not given by the series.</param>
public sealed record Registrering(string Diarienummer, bool FranDiarium = false);

public sealed class Registrera : Transition<RemissvarSubject, Registrering>
{
    public override string Trigger => "registrera";

    public override IReadOnlySet<string> Actions { get; } = Declares("diarium.registrera");

    public override Task ApplyAsync(TransitionContext<RemissvarSubject> c, Registrering payload, CancellationToken ct)
    {
        c.Subject.Svar.Registrera(payload.Diarienummer, c.Today);
        return Task.CompletedTask;
    }
}

public sealed record Tilldelning(Guid HandlaggareId);

/// <summary>tilldela (the first handläggare) and tilldela_om (another one): the same change and notice.</summary>
public sealed class TilldelaHandlaggare(string trigger) : Transition<RemissvarSubject, Tilldelning>
{
    public override string Trigger => trigger;

    public override IReadOnlySet<string> Actions { get; } = Declares("arende.tilldela_handlaggare", "notify.handlaggare");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Tilldelning payload, CancellationToken ct)
    {
        c.Subject.Svar.TilldelaHandlaggare(payload.HandlaggareId);
        await Notices.HandlaggareAsync(c, $"Du är handläggare för {c.Subject.Dnr}",
            $"Du har fått remissen {c.Subject.Remiss.Title}. Svarsdatum är {SwedishText.LongDate(c.Subject.Svar.Svarsdatum)}.", ct);
    }
}

/// <summary>The beredningsorgan the ärende goes to; the guard beredning.organ_kravs reads it.</summary>
public sealed record BeredningsorganAnmalan(OrganKind Organ);

public sealed class AnmalTillBeredningsorgan : Transition<RemissvarSubject, BeredningsorganAnmalan>
{
    public override string Trigger => "anmal_till_beredningsorgan";

    public override IReadOnlySet<string> Actions { get; } = Declares("beredning.anmal_till_organ");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, BeredningsorganAnmalan payload, CancellationToken ct)
    {
        var organ = BeredningOrganNames.Definite(payload.Organ);
        await c.Notifier.ToRoleAsync(c.Subject.Svar.InstansId, Role.Namndsekreterare, $"{c.Subject.Dnr} ska behandlas i {organ}",
            $"Ärendet {c.Subject.Dnr} är anmält till {organ}.", c.Link, c.Subject.Svar.Id, c.Cause, ct);
    }
}

/// <param name="EndastMojlighet">The organ was only given the opportunity to comment (and did not).</param>
public sealed record Behandling(OrganKind Organ, DateOnly Datum, bool EndastMojlighet);

public sealed class RegistreraBehandling : Transition<RemissvarSubject, Behandling>
{
    public override string Trigger => "registrera_behandling";

    public override IReadOnlySet<string> Actions { get; } = Declares("beredning.registrera_behandling");

    public override Task ApplyAsync(TransitionContext<RemissvarSubject> c, Behandling payload, CancellationToken ct)
    {
        c.Db.BeredningHandelser.Add(new BeredningHandelse
        {
            RemissvarId = c.Subject.Svar.Id,
            OrganKind = payload.Organ,
            OrganNamn = BeredningOrganNames.Definite(payload.Organ),
            Datum = payload.Datum,
            EndastMojlighet = payload.EndastMojlighet,
            RegistreradAt = c.Now,
        });
        return Task.CompletedTask;
    }
}

public sealed class SkickaTillForvaltningschef : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => "skicka_till_forvaltningschef";

    public override IReadOnlySet<string> Actions { get; } = Declares("notify.forvaltningschef");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct) =>
        await Notices.ForvaltningschefAsync(c, $"Tjänsteutlåtandet i {c.Subject.Dnr} ({c.Subject.Remiss.Title}) väntar på ditt godkännande.", ct);
}

/// <param name="Sjalvgodkannande">The chef approves a version they saved themselves (the organisation allows it).</param>
/// <param name="Version">The version approved, recorded with a self-approval.</param>
public sealed record Godkannande(bool Sjalvgodkannande = false, int? Version = null);

public sealed class Godkann : Transition<RemissvarSubject, Godkannande>
{
    public override string Trigger => "godkann";

    public override IReadOnlySet<string> Actions { get; } = Declares("tu.faststall");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Godkannande payload, CancellationToken ct)
    {
        var tu = await c.Db.Tjansteutlatanden.Include(t => t.Versioner).FirstAsync(t => t.RemissvarId == c.Subject.Svar.Id, ct);
        // An ersättare approves as "t.f. förvaltningschef": the absent chef is kept beside the approver.
        var current = c.Subject.Services.GetRequiredService<ICurrentActor>().Actor;
        tu.Faststall(c.Actor.Id, c.Now, current.UserId == c.Actor.Id ? current.PaUppdragAv?.UserId : null);

        // The approved version keeps the template it was approved under, so a later template edit does not rewrite it.
        var services = c.Subject.Services;
        var mall = await Features.Mallar.Mallversioner.CurrentTuAsync(c.Db, services.GetRequiredService<RemissFlow.Documents.DocumentRenderer>(),
            services.GetRequiredService<Files.FileStore>(), c.Subject.Svar.InstansId, ct);
        tu.Versioner.Single(v => v.Nummer == tu.GodkandVersion).MallVersion = await Features.Mallar.Mallversioner.KeepAsync(c.Db, mall, ct);
    }
}

public sealed record Retur(string Kommentar);

public sealed class Returnera : Transition<RemissvarSubject, Retur>
{
    public override string Trigger => "returnera";

    public override IReadOnlySet<string> Actions { get; } = Declares("tu.registrera_retur", "notify.handlaggare");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Retur payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        var tu = await c.Db.Tjansteutlatanden.Include(t => t.Versioner).FirstAsync(t => t.RemissvarId == svar.Id, ct);
        tu.Returnera(c.Actor.Name, payload.Kommentar);
        var chef = RoleNames.ChefCapitalised(await c.Db.Organisationer.Where(o => o.Id == svar.InstansId).Select(o => o.Kind).FirstAsync(ct));
        await Notices.HandlaggareAsync(c, $"Tjänsteutlåtandet i {c.Subject.Dnr} är returnerat", $"{chef} har returnerat tjänsteutlåtandet: {payload.Kommentar}", ct);
    }
}

public sealed record SammantradesAnmalan(Guid SammantradeId);

public sealed class AnmalTillSammantrade : Transition<RemissvarSubject, SammantradesAnmalan>
{
    public override string Trigger => "anmal_till_sammantrade";

    public override IReadOnlySet<string> Actions { get; } = Declares("foredragningslista.lagg_till");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, SammantradesAnmalan payload, CancellationToken ct)
    {
        var order = await c.Db.Foredragningspunkter.Where(p => p.SammantradeId == payload.SammantradeId).Select(p => (int?)p.Ordning).MaxAsync(ct) ?? 0;
        c.Db.Foredragningspunkter.Add(new Foredragningspunkt
        {
            SammantradeId = payload.SammantradeId,
            RemissvarId = c.Subject.Svar.Id,
            Ordning = order + 1,
            Rubrik = RemissFlow.Documents.Composition.RemissRubrik.Of(c.Subject.Remiss.Title),
            AnmaldAt = c.Now,
        });
    }
}

/// <summary>Tabled: off the agenda of every meeting still ahead (or today's).</summary>
public sealed class Bordlagg : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => "bordlagg";

    public override IReadOnlySet<string> Actions { get; } = Declares("foredragningslista.ta_bort");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct)
    {
        var today = c.Today;
        var punkter = await (from p in c.Db.Foredragningspunkter
                             join m in c.Db.Sammantraden on p.SammantradeId equals m.Id
                             where p.RemissvarId == c.Subject.Svar.Id && m.Datum >= today
                             select p).ToListAsync(ct);
        c.Db.Foredragningspunkter.RemoveRange(punkter);
    }
}

/// <summary>The remiss is withdrawn by its sender: the answer closes and its people are told.</summary>
public sealed class AterkallaSvar : Transition<RemissvarSubject, Aterkallelse>
{
    public override string Trigger => "aterkalla";

    public override IReadOnlySet<string> Actions { get; } = Declares("svar.stang_vid_aterkallelse");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Aterkallelse payload, CancellationToken ct)
    {
        var (svar, remiss) = (c.Subject.Svar, c.Subject.Remiss);
        var recipients = await c.Notifier.UsersInRoleAsync(svar.InstansId, Role.Registrator, ct);
        if (svar.HandlaggareId is { } h)
        {
            recipients.Add(h);
        }

        await c.Notifier.ToUsersAsync(recipients, $"Remissen {remiss.Dnr} är återkallad",
            $"Avsändaren har återkallat remissen {remiss.Title}. Ärendet {c.Subject.Dnr} är stängt och behöver inget svar. {payload.Motivering}".Trim(),
            c.Link, svar.Id, c.Cause, ct);
    }
}
