using RemissFlow.Core.Files;
using RemissFlow.Core.Intake;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>
/// One e-mail of the queue with what it could become: the open remiss or ärende it names by dnr, and the values the
/// intake reads out of its first document (title, the sender's dnr, svarsdatum). Suggestions only; nothing is stored.
/// </summary>
public static class VisaInkommande
{
    [RequiresRole(Role.Registrator, Role.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Model>;

    /// <param name="Foreslagen">The e-mail names the remiss's dnr, or comes from the instans's address.</param>
    public sealed record SvarsAlternativ(Guid RemissvarId, string RemissDnr, string RemissTitel, string Instans, bool Foreslagen);

    public sealed record ArendeAlternativ(Guid ArendeId, string Dnr, string Titel);

    /// <summary>What the intake read out of the document: each null when it found nothing.</summary>
    public sealed record RemissForslag(Guid? AvsandareId, string? Title, string? AvsandareDnr, DateOnly? Svarsdatum, Guid? MissivBilagaId, string? Kalla);

    /// <summary>One value the intake read, how sure it is (0–1), and the text it came from, shown beside the field.</summary>
    public sealed record Forslag(string Value, double Confidence, string Source);

    /// <summary>
    /// What the intake read out of the answer file for use 2: the answering organisation, its dnr, its ställningstagande
    /// (PositionRule) and the sammanfattning's first sentences as key points. Each null when it found nothing.
    /// </summary>
    public sealed record SvarForslag(Guid? BilagaId, string? Kalla, Forslag? Instans, Forslag? InstansDnr, Standpunkt? Standpunkt, Forslag? StandpunktKalla, Forslag? Nyckelpunkter);

    public sealed record Model(
        InkommandeEpost Item,
        string StatusText,
        bool Vantar,
        IReadOnlyList<string> NamndaDnr,
        IReadOnlyList<SvarsAlternativ> Svar,
        IReadOnlyList<ArendeAlternativ> Arenden,
        RemissForslag Remiss,
        IReadOnlyList<(Guid Id, string Namn)> Avsandare,
        SvarForslag SvarFranBilaga);

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowHost host, FileStore files) : IRequestHandler<Query, Model>
    {
        public async Task<Result<Model>> Handle(Query q, CancellationToken ct)
        {
            var (item, refusal) = await InkommandeRules.LoadAsync(db, q.Id, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var definition = (await host.EngineAsync(ct)).Registry;
            var org = item!.OrganisationId;
            var dnr = InkommandeForslag.Dnr([item.Rubrik, item.Text, .. item.Bilagor.Select(b => b.Namn)]);
            var fran = Address(item.Fran);

            var open = await db.Remissvar.AsNoTracking()
                .Join(db.Remisser, s => s.RemissId, r => r.Id, (s, r) => new { s, r })
                .Join(db.Organisationer, x => x.s.InstansId, o => o.Id, (x, o) => new { x.s, x.r, o })
                .Where(x => x.r.AvsandareId == org && x.o.Kind == OrganisationKind.ExternOrganisation && x.s.Status == "utskickad")
                .Select(x => new { x.s.Id, x.r.Dnr, x.r.Title, x.o.Name, x.o.ContactEmail, x.o.SvarsEpost, x.r.UtskickDatum })
                .OrderByDescending(x => x.UtskickDatum).Take(200).ToListAsync(ct);
            var (read, bilaga) = ReadFirst(item);
            var svarForslag = Answer(read, bilaga);
            var svar = open.Select(x => new SvarsAlternativ(x.Id, x.Dnr, x.Title, x.Name,
                    dnr.Contains(x.Dnr, StringComparer.Ordinal) && (fran is null || open.Count(o => o.Dnr == x.Dnr) == 1 || Same(fran, x.ContactEmail) || Same(fran, x.SvarsEpost))))
                .ToList();
            if (!svar.Any(s => s.Foreslagen) && svarForslag.Instans is { } instans)
            {
                // No dnr in the mail: the organisation named in the file picks the instans, when it names exactly one open answer.
                var named = svar.Where(s => string.Equals(s.Instans, instans.Value, StringComparison.OrdinalIgnoreCase)).ToList();
                if (named.Count == 1)
                {
                    svar[svar.IndexOf(named[0])] = named[0] with { Foreslagen = true };
                }
            }

            svar = svar.OrderByDescending(x => x.Foreslagen).ThenBy(x => x.RemissDnr, StringComparer.Ordinal).ThenBy(x => x.Instans, StringComparer.Ordinal).ToList();

            var arenden = dnr.Count == 0 ? [] : await db.Remissvar.AsNoTracking()
                .Where(s => s.InstansId == org && s.Dnr != null && (dnr.Contains(s.Dnr) || dnr.Contains(s.AvsandareDnr)))
                .Join(db.Remisser, s => s.RemissId, r => r.Id, (s, r) => new ArendeAlternativ(s.Id, s.Dnr!, r.Title)).Take(20).ToListAsync(ct);

            var avsandare = (await db.Organisationer.AsNoTracking().Where(o => o.AvsandareTyp != null && o.Active)
                    .Select(o => new { o.Id, o.Name, o.ContactEmail, o.SvarsEpost }).ToListAsync(ct))
                .OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();
            var avsandareId = avsandare.FirstOrDefault(o => fran is not null && (Same(fran, o.ContactEmail) || Same(fran, o.SvarsEpost) || SameDomain(fran, o.ContactEmail) || SameDomain(fran, o.SvarsEpost)))?.Id;

            return new Model(item, StateLabel.Of(definition, DefinitionIds.Inkommande, 0, item.Status), item.Status == InkommandeStatus.Ny, dnr.Where(Diarienummer.IsValid).ToList(),
                svar, arenden, Remiss(item, read, bilaga, avsandareId), avsandare.Select(o => (o.Id, o.Name)).ToList(), svarForslag);
        }

        /// <summary>The first usable document, read by the intake; a file it cannot read gives no suggestion rather than an error.</summary>
        private (IntakeResult? Read, InkommandeBilaga? Bilaga) ReadFirst(InkommandeEpost item)
        {
            foreach (var b in item.Bilagor.Where(b => b.Avvisad is null).OrderBy(b => b.Ordning))
            {
                if (files.Read(b.Sha256) is not { } content || UploadPolicy.Detect(content) is null)
                {
                    continue;
                }

                try
                {
                    return (new DocumentIntake().Read(content, b.Namn), b);
                }
                catch (IntakeException)
                {
                    continue;
                }
            }

            return (null, null);
        }

        private static RemissForslag Remiss(InkommandeEpost item, IntakeResult? read, InkommandeBilaga? bilaga, Guid? avsandareId)
        {
            if (read is not null)
            {
                var svarsdatum = DateOnly.TryParse(read.Field("svarsdatum")?.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (DateOnly?)null;
                return new RemissForslag(avsandareId, read.Field("title")?.Value, read.Field("senderDnr")?.Value ?? read.Field("dnr")?.Value, svarsdatum, bilaga!.Id, bilaga.Namn);
            }

            // Nothing readable: the subject is the best title, and the first usable attachment the likeliest missiv.
            var first = item.Bilagor.Where(b => b.Avvisad is null).OrderBy(b => b.Ordning).Select(b => (Guid?)b.Id).FirstOrDefault();
            return new RemissForslag(avsandareId, item.Rubrik, null, null, first, null);
        }

        private static SvarForslag Answer(IntakeResult? read, InkommandeBilaga? bilaga)
        {
            if (read is null)
            {
                return new SvarForslag(null, null, null, null, null, null, null);
            }

            static Forslag? Of(ExtractedValue? v) => v is null ? null : new Forslag(v.Value, v.Confidence, v.Source);
            var position = read.Field("position");

            // "Avstår" is not a ställningstagande in the form (it is its own kind of answer); the suggestion still shows it.
            Standpunkt? standpunkt = position?.Value switch
            {
                Intake.Rules.PositionRule.Tillstyrker => Standpunkt.Tillstyrker,
                Intake.Rules.PositionRule.TillstyrkerMedSynpunkter => Standpunkt.TillstyrkerMedSynpunkter,
                Intake.Rules.PositionRule.Avstyrker => Standpunkt.Avstyrker,
                _ => null,
            };
            // In an answer the document's own dnr is the instans's; its senderDnr is the number of the remiss it answers.
            var instansDnr = read.Kind.Value == Intake.Rules.KindRule.Remiss ? null : read.Field("dnr");
            return new SvarForslag(bilaga!.Id, bilaga.Namn, Of(read.Field("organisation")), Of(instansDnr), standpunkt, Of(position), KeyPoints(read));
        }

        /// <summary>The sammanfattning's first sentences: the answer's own summary of itself is the best key points a reader gets without reading it all.</summary>
        private static Forslag? KeyPoints(IntakeResult read)
        {
            var section = read.Sections.FirstOrDefault(s => s.Heading.Trim().StartsWith("Sammanfattning", StringComparison.OrdinalIgnoreCase));
            var text = section?.Text.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            var sentences = System.Text.RegularExpressions.Regex.Split(text, @"(?<=[.!?])\s+(?=[A-ZÅÄÖ])").Where(t => t.Length > 0).Take(3).ToList();
            var points = string.Join(" ", sentences);
            if (points.Length > 600)
            {
                points = points[..600].TrimEnd() + " …";
            }

            // A heading the document itself gives, but which sentences matter is a guess: below the rules' own confidences.
            return new Forslag(points, 0.6, points);
        }

        private static string? Address(string from)
        {
            var start = from.LastIndexOf('<');
            var end = from.LastIndexOf('>');
            var address = start >= 0 && end > start ? from[(start + 1)..end] : from;
            return address.Contains('@', StringComparison.Ordinal) ? address.Trim() : null;
        }

        private static bool Same(string a, string? b) => b is not null && string.Equals(a, b.Trim(), StringComparison.OrdinalIgnoreCase);

        private static bool SameDomain(string a, string? b) =>
            b is not null && b.Contains('@', StringComparison.Ordinal) && string.Equals(a[(a.IndexOf('@', StringComparison.Ordinal) + 1)..], b.Trim()[(b.Trim().IndexOf('@', StringComparison.Ordinal) + 1)..], StringComparison.OrdinalIgnoreCase);
    }
}
