using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Gallring;
using RemissFlow.Core.Files;

namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>The typed effects of gallring.v1: the arkivarie's decision, carried out in the same step, or the proposal cancelled.</summary>
public static class GallringTransitions
{
    public static readonly GallringBesluta Besluta = new();
    public static readonly GallringAvbryt Avbryt = new();

    public static IEnumerable<ITransition> All() => [Besluta, Avbryt];
}

/// <summary>
/// The decision and its verkställighet: each handling of the proposal that is still due under the very plan row it was
/// proposed under is deleted (row, masked copy, and its bytes once nothing else refers to them) and a gallringsnotering
/// takes its place; each is an audit event on its ärende. One that is no longer due (the plan changed, it was marked
/// secret) is left as it is.
/// </summary>
public sealed class GallringBesluta : SimpleTransition<GallringSubject>
{
    public override string Trigger => "besluta";

    public override IReadOnlySet<string> Actions { get; } = Declares("gallring.verkstall");

    public override async Task ApplyAsync(TransitionContext<GallringSubject> c, NoData payload, CancellationToken ct)
    {
        var beslut = c.Subject.Beslut;
        var audit = c.Subject.Services.GetRequiredService<AuditTrail>();
        var files = c.Subject.Services.GetRequiredService<FileStore>();
        var due = await GallringStillDue.ForAsync(c.Db, beslut, c.Today, ct);
        beslut.BeslutadAv = c.Actor.Id;
        beslut.BeslutadAvNamn = c.Actor.Name;
        beslut.BeslutadAt = c.Now;

        var ids = due.Select(d => d.Post.HandlingId).ToList();
        var bilagor = await c.Db.Bilagor.Where(b => ids.Contains(b.Id)).ToListAsync(ct);
        var versioner = await c.Db.TjansteutlatandeVersioner.Where(v => ids.Contains(v.Id)).ToListAsync(ct);
        var kopior = await c.Db.MaskeradeKopior.Where(k => (k.HandlingTyp == SekretessTyp.Fil || k.HandlingTyp == SekretessTyp.TuVersion) && ids.Contains(k.HandlingId)).ToListAsync(ct);
        var shas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (post, rad) in due)
        {
            string mediaType, sha;
            long size;
            if (bilagor.FirstOrDefault(x => x.Id == post.HandlingId) is { } b)
            {
                (mediaType, size, sha) = (b.MediaType, b.Size, b.Sha256);
                c.Db.Bilagor.Remove(b);
                shas.Add(b.Sha256);
            }
            else if (versioner.FirstOrDefault(x => x.Id == post.HandlingId) is { } v)
            {
                // A TU version lives in the database, not the file store: the notering keeps the size and checksum of its text.
                var text = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
                {
                    v.Nummer, v.Rubrik, v.ForslagTillBeslut, v.Sammanfattning, v.Bakgrund, v.Arendet, v.ArendetsBeredning, v.Synpunkter, v.Kommentar,
                }));
                (mediaType, size, sha) = ("application/json", text.LongLength, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(text)));
                c.Db.TjansteutlatandeVersioner.Remove(v);
            }
            else
            {
                continue;
            }

            c.Db.Gallringsnoteringar.Add(new Gallringsnotering
            {
                ArendeTyp = post.ArendeTyp, ArendeId = post.ArendeId, Dnr = post.Dnr, Handlingstyp = post.Handlingstyp, HandlingId = post.HandlingId,
                Namn = post.Namn, MediaType = mediaType, Size = size, Sha256 = sha, BeslutId = beslut.Id, PlanradId = rad.Id,
                GallradAv = c.Actor.Id, GallradAt = c.Now,
            });
            foreach (var k in kopior.Where(k => k.HandlingId == post.HandlingId))
            {
                c.Db.MaskeradeKopior.Remove(k);
                shas.Add(k.Sha256);
            }

            var typ = Gallringsplan.Typ(post.Handlingstyp)!;
            audit.Record(post.ArendeTyp, post.ArendeId, post.Dnr, "gallring.gallrad",
                $"{typ.Namn} \"{post.Namn}\" gallrad enligt gallringsbeslut {beslut.Beteckning} (dokumenthanteringsplanen: {Gallringsplan.Regel(rad)}, version {rad.PlanVersion})",
                after: new { handlingstyp = post.Handlingstyp, handlingId = post.HandlingId, beslutId = beslut.Id, planradId = rad.Id, Size = size, Sha256 = sha });
        }

        var removedKopior = kopior.Select(k => k.Id).ToList();
        foreach (var sha in shas)
        {
            // Content-addressed: the same bytes may be another handling too, or an organisation's logo.
            var used = await c.Db.Bilagor.AnyAsync(b => b.Sha256 == sha && !ids.Contains(b.Id), ct)
                || await c.Db.MaskeradeKopior.AnyAsync(k => k.Sha256 == sha && !removedKopior.Contains(k.Id), ct)
                || await c.Db.Organisationer.AnyAsync(o => o.LogoSha256 == sha, ct);
            if (!used)
            {
                await files.DeleteAsync(sha, ct);
            }
        }
    }
}

public sealed record Gallringsavbrott(string Skal) : IMotiverad;

/// <summary>The proposal is cancelled; nothing is gallrat and its handlingar may be proposed again.</summary>
public sealed class GallringAvbryt : Transition<GallringSubject, Gallringsavbrott>
{
    public override string Trigger => "avbryt";

    public override IReadOnlySet<string> Actions { get; } = Declares("gallring.avbryt");

    public override Task ApplyAsync(TransitionContext<GallringSubject> c, Gallringsavbrott payload, CancellationToken ct) => Task.CompletedTask;
}
