namespace RemissFlow.Core.Workflow.Transitions;

public sealed record InlagaData(string Ledamot, string Text, string? Form = null, string? TillFormanFor = null, string? Bilaga = null);

/// <summary>
/// What the nämnd decided at its meeting, for besluta and aterremittera. The definitions require
/// <c>beslutsutfall</c> (what kind of decision: a beslut or an återremiss) for besluta; the effect needs
/// <see cref="Beslutstext"/>, the decision's words. Both are here: the kind follows from
/// <see cref="Aterremiss"/>, and the text is required by the command, so no effect falls back from one to the other.
/// </summary>
public sealed record BeslutData(
    int Paragraf,
    string Beslutstext,
    Guid SammantradeId,
    DateOnly Datum,
    Standpunkt? Standpunkt,
    bool Aterremiss,
    bool OmedelbarJustering,
    IReadOnlyList<InlagaData> Yrkanden,
    IReadOnlyList<InlagaData> Reservationer,
    IReadOnlyList<InlagaData> SarskildaUttalanden,
    string? Voteringsordning,
    string? Beslutsunderlag,
    string? ExpedierasTill,
    string? ForslagTillFullmaktige = null)
{
    public string Beslutsutfall => Aterremiss ? "aterremiss" : "beslut";
}

internal static class Inlagor
{
    public static List<Inlaga> Of(IReadOnlyList<InlagaData> items) =>
        items.Select(i => new Inlaga { Ledamot = i.Ledamot.Trim(), Text = i.Text.Trim(), Form = i.Form, TillFormanFor = i.TillFormanFor, Bilaga = i.Bilaga })
            .Where(i => i.Ledamot.Length > 0 || i.Text.Length > 0)
            .ToList();

    public static IReadOnlyList<InlagaData> Data(IEnumerable<Inlaga> items) => items.Select(i => new InlagaData(i.Ledamot, i.Text, i.Form, i.TillFormanFor, i.Bilaga)).ToList();
}

public sealed class Besluta : Transition<RemissvarSubject, BeslutData>
{
    public override string Trigger => "besluta";

    public override IReadOnlySet<string> Actions { get; } = Declares("beslut.registrera");

    /// <summary>What a beslut and an återremiss both record: where, under which §, the text and the members' inlagor.</summary>
    internal static Beslut Protokollfort(Guid remissvarId, BeslutData payload) => new()
    {
        RemissvarId = remissvarId,
        SammantradeId = payload.SammantradeId,
        Paragraf = payload.Paragraf,
        Datum = payload.Datum,
        Beslutstext = payload.Beslutstext,
        Yrkanden = Inlagor.Of(payload.Yrkanden),
        Reservationer = Inlagor.Of(payload.Reservationer),
        SarskildaUttalanden = Inlagor.Of(payload.SarskildaUttalanden),
    };

    public override Task ApplyAsync(TransitionContext<RemissvarSubject> c, BeslutData payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        var beslut = Protokollfort(svar.Id, payload);
        beslut.Beslutsunderlag = payload.Beslutsunderlag;
        beslut.Voteringsordning = payload.Voteringsordning;
        beslut.OmedelbarJustering = payload.OmedelbarJustering;
        beslut.ExpedierasTill = payload.ExpedierasTill;
        beslut.ForslagTillFullmaktige = payload.ForslagTillFullmaktige;
        c.Db.Beslut.Add(beslut);
        svar.Standpunkt = payload.Standpunkt ?? svar.Standpunkt;
        return Task.CompletedTask;
    }
}

/// <summary>The nämnd sends the ärende back to the förvaltning: the decision is recorded, the handläggare told.</summary>
public sealed class Aterremittera : Transition<RemissvarSubject, BeslutData>
{
    public override string Trigger => "aterremittera";

    public override IReadOnlySet<string> Actions { get; } = Declares("beslut.registrera_aterremiss", "notify.handlaggare");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, BeslutData payload, CancellationToken ct)
    {
        c.Db.Beslut.Add(Besluta.Protokollfort(c.Subject.Svar.Id, payload));
        await Notices.HandlaggareAsync(c, $"{c.Subject.Dnr} är återremitterat", "Nämnden har återremitterat ärendet till förvaltningen.", ct);
    }
}

/// <summary>The recorded decision as it was, kept in the audit event of a correction or an undo.</summary>
public sealed record BeslutSnapshot(int? Paragraf, string Beslutstext, Standpunkt? Standpunkt, bool OmedelbarJustering, IReadOnlyList<InlagaData> Reservationer)
{
    public static BeslutSnapshot Of(Beslut b, Standpunkt? standpunkt) =>
        new(b.Paragraf, b.Beslutstext, standpunkt, b.OmedelbarJustering, Inlagor.Data(b.Reservationer));
}

/// <param name="Skal">Why the decision is corrected; the audit text says it.</param>
public sealed record Beslutsrattelse(
    string Skal,
    int Paragraf,
    string Beslutstext,
    Standpunkt? Standpunkt,
    bool OmedelbarJustering,
    IReadOnlyList<InlagaData> Yrkanden,
    IReadOnlyList<InlagaData> Reservationer,
    IReadOnlyList<InlagaData> SarskildaUttalanden,
    string? Voteringsordning,
    string? Beslutsunderlag,
    string? ExpedierasTill,
    BeslutSnapshot Tidigare,
    string? ForslagTillFullmaktige = null) : IMotiverad;

public sealed class RattaBeslut : Transition<RemissvarSubject, Beslutsrattelse>
{
    public override string Trigger => "ratta_beslut";

    public override IReadOnlySet<string> Actions { get; } = Declares("beslut.ratta");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Beslutsrattelse payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        var beslut = await CoreGuards.LatestBeslut(c.Subject, svar.Id, ct) ?? throw new InvalidOperationException("Inget beslut att rätta.");
        beslut.Ratta(payload.Paragraf, payload.Beslutstext, payload.Beslutsunderlag, payload.Voteringsordning,
            Inlagor.Of(payload.Yrkanden), Inlagor.Of(payload.Reservationer), Inlagor.Of(payload.SarskildaUttalanden), payload.OmedelbarJustering, payload.ExpedierasTill,
            payload.ForslagTillFullmaktige);
        svar.Standpunkt = payload.Standpunkt ?? svar.Standpunkt;
    }
}

public sealed record Beslutsangring(string Skal, BeslutSnapshot Borttaget) : IMotiverad;

/// <summary>
/// Undo removes the unjusterade decision, so the ärende is back on the föredragningslista as if nothing
/// was recorded; what was removed and why stays in the audit log.
/// </summary>
public sealed class AngraBeslut : Transition<RemissvarSubject, Beslutsangring>
{
    public override string Trigger => "angra_beslut";

    public override IReadOnlySet<string> Actions { get; } = Declares("beslut.angra");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Beslutsangring payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        var beslut = await CoreGuards.LatestBeslut(c.Subject, svar.Id, ct) ?? throw new InvalidOperationException("Inget beslut att ångra.");
        c.Db.Beslut.Remove(beslut);
        svar.Standpunkt = null;
    }
}

public sealed record Justering(DateOnly Justeringsdatum, string Justerare);

public sealed class Justera : Transition<RemissvarSubject, Justering>
{
    public override string Trigger => "justera";

    public override IReadOnlySet<string> Actions { get; } = Declares("protokoll.registrera_justering");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Justering payload, CancellationToken ct)
    {
        var beslut = await CoreGuards.LatestBeslut(c.Subject, c.Subject.Svar.Id, ct) ?? throw new InvalidOperationException("Inget beslut att justera.");
        beslut.Justera(payload.Justeringsdatum, payload.Justerare);
    }
}

/// <param name="Beslutstext">Null for the usual wording: the chair approves the förvaltning's TU as the answer.</param>
public sealed record OrdforandebeslutData(DateOnly Beslutsdatum, string Ordforande, Standpunkt Standpunkt, string? Beslutstext);

public sealed class FattaOrdforandebeslut : Transition<RemissvarSubject, OrdforandebeslutData>
{
    public override string Trigger => "ordforandebeslut";

    public override IReadOnlySet<string> Actions { get; } = Declares("beslut.registrera_ordforandebeslut");

    public override Task ApplyAsync(TransitionContext<RemissvarSubject> c, OrdforandebeslutData payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        c.Db.Beslut.Add(new Beslut
        {
            RemissvarId = svar.Id,
            Datum = payload.Beslutsdatum,
            Beslutstext = payload.Beslutstext ?? "Ordföranden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            Ordforandebeslut = true,
            Justerare = payload.Ordforande,
        });
        svar.Standpunkt = payload.Standpunkt;
        return Task.CompletedTask;
    }
}

public sealed record OrdforandebeslutAnmalan(Guid SammantradeId, int Paragraf);

public sealed class AnmalOrdforandebeslut : Transition<RemissvarSubject, OrdforandebeslutAnmalan>
{
    public override string Trigger => "anmal_ordforandebeslut";

    public override IReadOnlySet<string> Actions { get; } = Declares("beslut.anmal_ordforandebeslut");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, OrdforandebeslutAnmalan payload, CancellationToken ct)
    {
        var beslut = await CoreGuards.LatestBeslut(c.Subject, c.Subject.Svar.Id, ct) ?? throw new InvalidOperationException("Inget ordförandebeslut att anmäla.");
        beslut.AnmalVid(payload.SammantradeId, payload.Paragraf);
    }
}

/// <summary>A payload that carries the reason for a correction or undo; the audit text quotes it.</summary>
public interface IMotiverad
{
    string Skal { get; }
}
