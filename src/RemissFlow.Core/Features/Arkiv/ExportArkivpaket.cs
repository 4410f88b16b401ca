using System.Globalization;
using System.Security.Cryptography;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Files;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Arkiv;

/// <summary>What an arkivarie delivers: one closed ärende (by dnr), a remiss with all its remissvar, or everything closed in a year.</summary>
public enum Urval
{
    Arende,
    Remiss,
    Ar,
}

/// <summary>
/// Exports closed ärenden as an FGS Paketstruktur 2.0 submission package, as a folder or one ZIP, and records the
/// delivery in the audit log (on the package and on each ärende). Every handling RemissFlow drew up is rendered anew as
/// PDF/A by the Documents layer; originals come from the file store exactly as they were received. Nothing open is
/// delivered: a remiss must be avslutad or återkallad, a remissvar in one of its final states.
/// </summary>
public static class ExportArkivpaket
{
    public const string Action = "arkiv.levererat";

    public static readonly IReadOnlySet<string> AvslutadeRemisser = new HashSet<string>(StringComparer.Ordinal) { "avslutad", "aterkallad" };

    public static readonly IReadOnlySet<string> AvslutadeRemissvar = new HashSet<string>(StringComparer.Ordinal)
    {
        "inlamnad", "besvarad_av_forvaltningen", "avstatt", "aterkallad",
    };

    /// <param name="Utdata">A folder (the package's root folder is made inside it) or a path ending in .zip or .tar (one file; its SHA-256 is in <c>ZipSha256</c>).</param>
    [RequiresRole(Role.Arkivarie)]
    public sealed record Command(Urval Urval, string Varde, string Utdata) : ICommand<Levererat>;

    public sealed record Levererat(Guid PaketId, string Namn, string Sokvag, IReadOnlyList<string> Arenden, int Filer, long Bytes, string? ZipSha256);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Varde).NotEmpty().WithMessage(c => c.Urval == Urval.Ar ? "År måste anges." : "Diarienummer måste anges.");
            RuleFor(c => c.Varde)
                .Must(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2999 && v.Trim().Length == 4)
                .When(c => c.Urval == Urval.Ar && !string.IsNullOrWhiteSpace(c.Varde))
                .WithMessage("År ska skrivas med fyra siffror, t.ex. 2026.");
            RuleFor(c => c.Varde)
                .Must(Diarienummer.IsValid)
                .When(c => c.Urval != Urval.Ar && !string.IsNullOrWhiteSpace(c.Varde))
                .WithMessage("Diarienummer ska skrivas som PREFIX ÅÅÅÅ/N, t.ex. KS 2025/1616.");
            RuleFor(c => c.Utdata).NotEmpty().WithMessage("Utdata (en mapp, en .zip- eller en .tar-fil) måste anges.");
            RuleFor(c => c.Urval).IsInEnum().WithMessage("Urval ska vara ärende, remiss eller år.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, AuditTrail audit, DocumentService documents, FileStore files, TimeProvider clock)
        : IRequestHandler<Command, Levererat>
    {
        public async Task<Result<Levererat>> Handle(Command c, CancellationToken ct)
        {
            var tar = c.Utdata.EndsWith(".tar", StringComparison.OrdinalIgnoreCase);
            var zip = tar || c.Utdata.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
            if (zip && File.Exists(c.Utdata))
            {
                return Refusal.Field(nameof(Command.Utdata), $"Filen {c.Utdata} finns redan; välj ett annat namn.");
            }

            var varde = c.Varde.Trim();
            var urval = await SelectAsync(c.Urval, varde, ct);
            if (!urval.Succeeded)
            {
                return Result<Levererat>.Refused(urval.Refusal!);
            }

            var (remisser, svar) = urval.Value;
            var now = clock.GetUtcNow();
            var arenden = new List<ArkivArende>();
            foreach (var r in remisser)
            {
                var a = await RemissAsync(r, c.Urval == Urval.Remiss, now, ct);
                if (!a.Succeeded)
                {
                    return Result<Levererat>.Refused(a.Refusal!);
                }

                arenden.Add(a.Value);
            }

            foreach (var s in svar)
            {
                var a = await RemissvarAsync(s, now, ct);
                if (!a.Succeeded)
                {
                    return Result<Levererat>.Refused(a.Refusal!);
                }

                arenden.Add(a.Value);
            }

            var orgIds = remisser.Select(r => r.AvsandareId).Concat(svar.Select(s => s.InstansId)).Distinct().ToList();
            var orgs = await db.Organisationer.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToListAsync(ct);
            var arkivbildare = orgIds.Select(id => orgs.First(o => o.Id == id)).Select(o => new ArkivOrganisation(o.Name, o.DnrPrefix)).ToList();
            var actor = current.Actor;
            var egen = actor.OrganisationId is { } orgId ? await db.Organisationer.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) : null;
            var inlamnare = egen is null ? arkivbildare[0] : new ArkivOrganisation(egen.Name, egen.DnrPrefix);

            var paket = new ArkivpaketInnehall(Guid.CreateVersion7(), Beskrivning(c.Urval, varde), arkivbildare, inlamnare, now, arenden);
            var parent = zip ? Directory.CreateTempSubdirectory("remissflow-arkiv-").FullName : c.Utdata;
            string? zipSha = null;
            SkrivetPaket written;
            try
            {
                Directory.CreateDirectory(parent);
                written = ArkivpaketWriter.WriteFolder(paket, parent);
                if (zip)
                {
                    var dir = Path.GetDirectoryName(Path.GetFullPath(c.Utdata));
                    if (dir is not null)
                    {
                        Directory.CreateDirectory(dir);
                    }

                    if (tar)
                    {
                        ArkivpaketWriter.Tar(written, c.Utdata);
                    }
                    else
                    {
                        ArkivpaketWriter.Zip(written, c.Utdata);
                    }

                    await using var stream = File.OpenRead(c.Utdata);
                    zipSha = Convert.ToHexString(await SHA256.HashDataAsync(stream, ct));
                }
            }
            finally
            {
                if (zip)
                {
                    Directory.Delete(parent, recursive: true);
                }
            }

            var sokvag = zip ? Path.GetFullPath(c.Utdata) : written.Rot;
            var dnrs = arenden.Select(a => a.Dnr).ToList();
            audit.Record("Arkivpaket", paket.PaketId, null, Action,
                $"{actor.Name} levererade {paket.Beskrivning} till e-arkivet som paket {written.Namn}: {arenden.Count} ärenden, {written.Filer.Count} filer.",
                after: new { urval = c.Urval.ToString(), varde, paket = written.Namn, arenden = dnrs, filer = written.Filer.Count, bytes = written.Bytes, zipSha256 = zipSha });
            // The log keeps each ärende's registry dnr; an outside answer's is the sender's (the package labels it with the instans too).
            var registry = remisser.ToDictionary(r => r.Id, r => r.Dnr);
            foreach (var s in svar)
            {
                registry[s.Id] = s.Dnr ?? s.AvsandareDnr;
            }

            foreach (var a in arenden)
            {
                audit.Record(a.Typ == ArkivArendeTyp.Remiss ? nameof(Domain.Remiss) : nameof(Domain.Remissvar), a.Id, registry[a.Id], Action,
                    $"{actor.Name} levererade ärendet till e-arkivet i paket {written.Namn}.");
            }

            return new Levererat(paket.PaketId, written.Namn, sokvag, dnrs, written.Filer.Count, written.Bytes, zipSha);
        }

        private async Task<Result<(List<Domain.Remiss> Remisser, List<Domain.Remissvar> Svar)>> SelectAsync(Urval urval, string varde, CancellationToken ct)
        {
            switch (urval)
            {
                case Urval.Remiss:
                    {
                        var remiss = await db.Remisser.AsNoTracking().FirstOrDefaultAsync(r => r.Dnr == varde && r.Status != Domain.Remiss.Raderad, ct);
                        if (remiss is null)
                        {
                            return Refusal.NotFound($"Remissen {varde}");
                        }

                        if (!AvslutadeRemisser.Contains(remiss.Status))
                        {
                            return Refusal.InvalidState($"Remissen {varde} är inte avslutad (status {remiss.Status}); bara avslutade ärenden levereras till e-arkivet.");
                        }

                        var svar = (await db.Remissvar.AsNoTracking().Where(s => s.RemissId == remiss.Id).ToListAsync(ct))
                            .Where(s => AvslutadeRemissvar.Contains(s.Status)).OrderBy(s => s.Dnr ?? "", StringComparer.Ordinal).ToList();
                        return (new List<Domain.Remiss> { remiss }, svar);
                    }

                case Urval.Arende:
                    {
                        var svar = await db.Remissvar.AsNoTracking().FirstOrDefaultAsync(s => s.Dnr == varde, ct);
                        if (svar is not null)
                        {
                            if (!AvslutadeRemissvar.Contains(svar.Status))
                            {
                                return Refusal.InvalidState($"Ärendet {varde} är inte avslutat (status {svar.Status}); bara avslutade ärenden levereras till e-arkivet.");
                            }

                            return (new List<Domain.Remiss>(), new List<Domain.Remissvar> { svar });
                        }

                        var remiss = await db.Remisser.AsNoTracking().FirstOrDefaultAsync(r => r.Dnr == varde && r.Status != Domain.Remiss.Raderad, ct);
                        if (remiss is null)
                        {
                            return Refusal.NotFound($"Ärendet {varde}");
                        }

                        if (!AvslutadeRemisser.Contains(remiss.Status))
                        {
                            return Refusal.InvalidState($"Ärendet {varde} är inte avslutat (status {remiss.Status}); bara avslutade ärenden levereras till e-arkivet.");
                        }

                        return (new List<Domain.Remiss> { remiss }, new List<Domain.Remissvar>());
                    }

                default:
                    {
                        var year = int.Parse(varde, CultureInfo.InvariantCulture);
                        var finalRemiss = AvslutadeRemisser.ToList();
                        var finalSvar = AvslutadeRemissvar.ToList();
                        var remisser = await db.Remisser.AsNoTracking().Where(r => finalRemiss.Contains(r.Status)).ToListAsync(ct);
                        var svar = await db.Remissvar.AsNoTracking().Where(s => finalSvar.Contains(s.Status)).ToListAsync(ct);
                        var ids = remisser.Select(r => r.Id).Concat(svar.Select(s => s.Id)).ToList();
                        var closed = await ClosedAtAsync(ids, ct);
                        bool InYear(Guid id) => closed.TryGetValue(id, out var at) && StockholmTime.ToLocal(at).Year == year;
                        var r2 = remisser.Where(r => InYear(r.Id)).OrderBy(r => r.Dnr, StringComparer.Ordinal).ToList();
                        var s2 = svar.Where(s => InYear(s.Id)).OrderBy(s => s.Dnr ?? s.AvsandareDnr, StringComparer.Ordinal).ToList();
                        if (r2.Count == 0 && s2.Count == 0)
                        {
                            return Refusal.InvalidState($"Inga ärenden avslutades år {year.ToString(CultureInfo.InvariantCulture)}; det finns inget att leverera.");
                        }

                        return (r2, s2);
                    }
            }
        }

        /// <summary>When each ärende closed: its last entry in the audit log that is not itself a delivery.</summary>
        private async Task<Dictionary<Guid, DateTimeOffset>> ClosedAtAsync(List<Guid> ids, CancellationToken ct)
        {
            var rows = await db.Handelser.AsNoTracking().Where(h => ids.Contains(h.ArendeId) && h.Action != Action)
                .Select(h => new { h.ArendeId, h.At }).ToListAsync(ct);
            return rows.GroupBy(r => r.ArendeId).ToDictionary(g => g.Key, g => g.Max(r => r.At));
        }

        private async Task<List<ArkivHandelse>> EventsAsync(Guid id, CancellationToken ct)
        {
            var rows = await db.Handelser.AsNoTracking().Where(h => h.ArendeId == id).OrderBy(h => h.Sequence).ToListAsync(ct);
            return rows.Select(h => (h, typ: ArkivHandelser.Classify(h.Action)))
                .Where(x => x.typ is not null)
                .Select(x => new ArkivHandelse(x.h.Sequence, x.h.At, x.typ!.Value, x.h.Action, x.h.Beskrivning, x.h.ActorName, x.h.Hash))
                .ToList();
        }

        private async Task<Result<ArkivArende>> RemissAsync(Domain.Remiss r, bool medSvar, DateTimeOffset now, CancellationToken ct)
        {
            var org = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == r.AvsandareId, ct);
            var handlingar = new List<ArkivHandling>();
            var notes = new List<string>();
            try
            {
                var missiv = await documents.RenderMissivAsync(r.Id, OutputFormat.PdfA, ct);
                handlingar.Add(new ArkivHandling("Missiv", missiv.FileName, "application/pdf", missiv.Content, now, true, Riktning.Utgaende));
            }
            catch (DocumentDataException e)
            {
                notes.Add("Missivet ingår inte: " + e.Message);
            }
            var bilagor = await db.Bilagor.AsNoTracking().Where(b => b.RemissId == r.Id && b.RemissvarId == null).OrderBy(b => b.UploadedAt).ToListAsync(ct);
            foreach (var b in bilagor)
            {
                var original = Original(b, r.Dnr, Riktning.Utgaende);
                if (!original.Succeeded)
                {
                    return Result<ArkivArende>.Refused(original.Refusal!);
                }

                handlingar.Add(original.Value with { Sekretess = await SekretessAsync(SekretessTyp.Fil, b.Id, ct) });
            }

            if (medSvar)
            {
                var open = await db.Remissvar.AsNoTracking().Where(s => s.RemissId == r.Id).Join(db.Organisationer, s => s.InstansId, o => o.Id, (s, o) => new { s.Status, s.Dnr, o.Name })
                    .ToListAsync(ct);
                foreach (var o in open.Where(o => !AvslutadeRemissvar.Contains(o.Status)).OrderBy(o => o.Name, StringComparer.Ordinal))
                {
                    notes.Add($"Remissvaret från {o.Name}{(o.Dnr is null ? "" : " (" + o.Dnr + ")")} var inte avslutat vid leveransen (status {o.Status}) och ingår inte.");
                }
            }

            var (opened, closed) = await SpanAsync(r.Id, r.CreatedAt, ct);
            return new ArkivArende(r.Id, ArkivArendeTyp.Remiss, r.Dnr, r.Title, org.Name, r.Status, opened, closed, r.KontaktpersonNamn, null, r.Svarsdatum,
                handlingar, await EventsAsync(r.Id, ct), notes);
        }

        private async Task<Result<ArkivArende>> RemissvarAsync(Domain.Remissvar s, DateTimeOffset now, CancellationToken ct)
        {
            var org = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == s.InstansId, ct);
            var remiss = await db.Remisser.AsNoTracking().FirstAsync(r => r.Id == s.RemissId, ct);
            var handlaggare = s.HandlaggareId is { } hid ? await db.Users.AsNoTracking().Where(u => u.Id == hid).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
            var handlingar = new List<ArkivHandling>();
            var notes = new List<string> { $"Remissen med missiv och remisshandlingar är avsändarens ärende {s.AvsandareDnr}." };

            var tu = await db.Tjansteutlatanden.AsNoTracking().FirstOrDefaultAsync(t => t.RemissvarId == s.Id, ct);
            if (tu?.GodkandVersion is { } godkand)
            {
                var doc = await documents.RenderTjansteutlatandeAsync(s.Id, OutputFormat.PdfA, godkand, ct);
                var versionId = await db.TjansteutlatandeVersioner.AsNoTracking().Where(v => v.TjansteutlatandeId == tu.Id && v.Nummer == godkand).Select(v => v.Id).FirstAsync(ct);
                handlingar.Add(new ArkivHandling($"Tjänsteutlåtande (godkänd version {godkand.ToString(CultureInfo.InvariantCulture)})", doc.FileName, "application/pdf", doc.Content, now, true, Riktning.Intern)
                {
                    Sekretess = await SekretessAsync(SekretessTyp.TuVersion, versionId, ct),
                });
            }
            else if (tu is not null)
            {
                notes.Add("Tjänsteutlåtandet godkändes aldrig; dess utkast är inte allmänna handlingar och ingår inte.");
            }

            if (await db.Beslut.AsNoTracking().AnyAsync(b => b.RemissvarId == s.Id, ct))
            {
                try
                {
                    var doc = await documents.RenderProtokollsutdragAsync(s.Id, OutputFormat.PdfA, ct);
                    // The utdrag is of the latest beslut (as the matrix and the public page take it).
                    var beslut = (await db.Beslut.AsNoTracking().Where(b => b.RemissvarId == s.Id).Select(b => new { b.Id, b.Datum }).ToListAsync(ct))
                        .OrderBy(b => b.Datum).ThenBy(b => b.Id).Last();
                    handlingar.Add(new ArkivHandling("Protokollsutdrag", doc.FileName, "application/pdf", doc.Content, now, true, Riktning.Utgaende)
                    {
                        Sekretess = await SekretessAsync(SekretessTyp.Beslut, beslut.Id, ct),
                    });
                }
                catch (DocumentDataException e)
                {
                    // A beslut without a justerat protokoll yields no utdrag; the package says so rather than inventing one.
                    notes.Add("Protokollsutdrag ingår inte: " + e.Message);
                }
            }

            var bilagor = await db.Bilagor.AsNoTracking().Where(b => b.RemissvarId == s.Id).OrderBy(b => b.UploadedAt).ToListAsync(ct);
            foreach (var b in bilagor)
            {
                var original = Original(b, s.Dnr ?? s.AvsandareDnr, b.Kind == BilagaKind.Svar ? Riktning.Inkommande : Riktning.Intern);
                if (!original.Succeeded)
                {
                    return Result<ArkivArende>.Refused(original.Refusal!);
                }

                handlingar.Add(original.Value with { Sekretess = await SekretessAsync(SekretessTyp.Fil, b.Id, ct) });
            }

            var (opened, closed) = await SpanAsync(s.Id, s.CreatedAt, ct);
            // An outside organisation's answer has no dnr of its own: it is registered in the sender's ärende.
            return new ArkivArende(s.Id, ArkivArendeTyp.Remissvar, s.Dnr ?? $"{s.AvsandareDnr} ({org.Name})", remiss.Title, org.Name, s.Status, opened, closed, handlaggare, s.AvsandareDnr,
                s.Svarsdatum, handlingar, await EventsAsync(s.Id, ct), notes);
        }

        private async Task<string?> SekretessAsync(string typ, Guid id, CancellationToken ct) =>
            await Sekretess.SekretessRegister.FindAsync(db, typ, id, ct) is { } found ? found.Hanvisning : null;

        private Result<ArkivHandling> Original(Bilaga b, string dnr, Riktning riktning)
        {
            var bytes = files.Read(b.Sha256);
            if (bytes is null || !string.Equals(Convert.ToHexString(SHA256.HashData(bytes)), b.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                return Refusal.InvalidState($"Filen {b.FileName} i {dnr} saknas eller är skadad i filarkivet; paketet skapas inte.");
            }

            return new ArkivHandling(b.Rubrik ?? b.FileName, b.FileName, b.MediaType, bytes, b.UploadedAt, false, riktning);
        }

        private async Task<(DateTimeOffset Opened, DateTimeOffset? Closed)> SpanAsync(Guid id, DateTimeOffset created, CancellationToken ct)
        {
            var closed = await ClosedAtAsync([id], ct);
            return (created, closed.TryGetValue(id, out var at) ? at : null);
        }
    }

    public static string Beskrivning(Urval urval, string varde) => urval switch
    {
        Urval.Arende => $"ärendet {varde}",
        Urval.Remiss => $"remissen {varde} med alla remissvar",
        _ => $"alla ärenden avslutade {varde}",
    };
}
