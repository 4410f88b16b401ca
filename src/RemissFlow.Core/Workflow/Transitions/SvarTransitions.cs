namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>lamna_in (after the nämnd's decision) and forvaltningens_svar (without one): the answer goes to the sender.</summary>
public sealed class LamnaIn(string trigger) : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => trigger;

    public override IReadOnlySet<string> Actions { get; } = Declares("svar.skicka_till_avsandare");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct)
    {
        var (svar, remiss) = (c.Subject.Svar, c.Subject.Remiss);
        var utfall = Trigger == "forvaltningens_svar" ? Utfall.ForvaltningensSvar : Utfall.Svar;
        svar.LamnaIn(utfall, c.Now, await Svar.GodkandSammanfattningAsync(c, ct));
        var name = await Notices.InstansNameAsync(c, ct);
        await Notices.KsAsync(c, $"Svar från {name} på {remiss.Dnr}", $"{name} har lämnat sitt svar på remissen {remiss.Title}.", ct);
    }
}

public sealed class PreliminartSvar : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => "preliminart_svar";

    public override IReadOnlySet<string> Actions { get; } = Declares("svar.skicka_preliminart");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct)
    {
        c.Subject.Svar.LamnaPreliminartSvar(c.Now, await Svar.GodkandSammanfattningAsync(c, ct));
        var name = await Notices.InstansNameAsync(c, ct);
        await Notices.KsAsync(c, $"Preliminärt svar från {name} på {c.Subject.Remiss.Dnr}", "Förvaltningen har lämnat ett preliminärt svar; nämndens beslut följer.", ct);
    }
}

/// <param name="Motivering">Why the instans declines, when it says so; it goes with the answer to the sender.</param>
public sealed record Avstaende(string? Motivering = null);

/// <summary>
/// The instans declines to comment. On its own track the sender is told (with the reason); for an outside
/// organisation the sender's registry records it, so nobody needs telling.
/// </summary>
public sealed class Avsta : Transition<RemissvarSubject, Avstaende>
{
    public override string Trigger => "avsta";

    public override IReadOnlySet<string> Actions { get; } = Declares("svar.skicka_avstar", "svar.registrera_avstar");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Avstaende payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        if (c.IsExternTrack)
        {
            svar.Avsta(c.Now, null);
            return;
        }

        svar.Avsta(c.Now, payload.Motivering);
        var name = await Notices.InstansNameAsync(c, ct);
        var text = $"{name} avstår från att yttra sig över remissen {c.Subject.Remiss.Title}.";
        await Notices.KsAsync(c, $"{name} avstår från att yttra sig över {c.Subject.Remiss.Dnr}",
            svar.AvstarMotivering is { } m ? $"{text} Motivering: {m}" : text, ct);
    }
}

public sealed record InkommetSvar(Guid DokumentId, Standpunkt? Standpunkt, string? Nyckelpunkter);

/// <summary>An outside organisation's answer came in; the sender's registry attaches the document and registers it.</summary>
public sealed class RegistreraSvar : Transition<RemissvarSubject, InkommetSvar>
{
    public override string Trigger => "registrera_svar";

    public override IReadOnlySet<string> Actions { get; } = Declares("svar.registrera_inkommet");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, InkommetSvar payload, CancellationToken ct)
    {
        var bilaga = c.Db.Bilagor.Local.FirstOrDefault(b => b.Id == payload.DokumentId) ?? await c.Db.Bilagor.FirstAsync(b => b.Id == payload.DokumentId, ct);
        c.Subject.Svar.RegistreraInkommetSvar(bilaga, payload.Standpunkt, payload.Nyckelpunkter, c.Now);
    }
}

internal static class Svar
{
    public static async Task<string?> GodkandSammanfattningAsync(TransitionContext<RemissvarSubject> c, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(c.Subject.Svar.Nyckelpunkter))
        {
            return null;
        }

        var tu = await c.Db.Tjansteutlatanden.AsNoTracking().Include(t => t.Versioner).FirstOrDefaultAsync(t => t.RemissvarId == c.Subject.Svar.Id, ct);
        return tu?.Versioner.FirstOrDefault(v => v.Nummer == tu.GodkandVersion)?.Sammanfattning;
    }
}
