using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using RemissFlow.Core.Audit;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Personuppgifter;

/// <summary>
/// A registerutdrag (GDPR art. 15) for one person, found by e-mail address or by name: every place RemissFlow holds
/// personal data about them (the account, the audit log, ärenden where they are handläggare, remisser that name them as
/// kontaktperson, organisations' contact addresses, ledamot entries, notices, ersättare periods and the e-mail outbox),
/// each with why it is kept. The administratör makes it; each one made is an audit event.
/// </summary>
public static class Registerutdrag
{
    /// <summary><paramref name="Sok"/>: an e-mail address (exact, any case) or a full name (exact, any case).</summary>
    [RequiresRole(Role.Administrator)]
    public sealed record Command(string? Sok) : ICommand<Utdrag>;

    /// <summary>One kind of place the person's data is held, why, and each row there.</summary>
    public sealed record Kategori(string Kod, string Rubrik, string Andamal, IReadOnlyList<Uppgift> Uppgifter);

    /// <summary>One row that names the person: where it is, what it says about them, and when.</summary>
    public sealed record Uppgift(string Var, string Beskrivning, DateTimeOffset? Tid);

    public sealed record Utdrag(string Sok, DateTimeOffset Upprattat, string UpprattatAv, IReadOnlyList<Kategori> Kategorier)
    {
        public int Antal => Kategorier.Sum(k => k.Uppgifter.Count);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Sok).Must(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length is >= 3 and <= 256)
                .WithMessage("E-post eller namn måste anges (3–256 tecken).");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, Utdrag>
    {
        public async Task<Result<Utdrag>> Handle(Command c, CancellationToken ct)
        {
            var sok = c.Sok!.Trim();
            var isEmail = sok.Contains('@', StringComparison.Ordinal);
            // The small tables are compared in memory, ignoring case the same way on both databases.
            var users = (await db.Users.AsNoTracking().ToListAsync(ct))
                .Where(u => string.Equals(isEmail ? u.Email : u.DisplayName, sok, StringComparison.OrdinalIgnoreCase)).ToList();
            var userIds = users.Select(u => u.Id).ToList();
            var names = users.Select(u => u.DisplayName).Append(isEmail ? null : sok).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var emails = users.Select(u => u.Email).Append(isEmail ? sok : null).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            bool Named(string? s) => s is not null && names.Contains(s, StringComparer.OrdinalIgnoreCase);
            bool Addressed(string? s) => s is not null && emails.Contains(s, StringComparer.OrdinalIgnoreCase);
            var orgNames = await db.Organisationer.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            var kategorier = new List<Kategori>();

            var roles = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where userIds.Contains(ur.UserId)
                               select new { ur.UserId, r.Name }).ToListAsync(ct);
            kategorier.Add(new("konto", "Användarkonto", "Inloggning och behörighet i RemissFlow; kontot finns så länge tjänsten kräver det.",
                users.Select(u => new Uppgift($"Konto i {orgNames.GetValueOrDefault(u.OrganisationId, "okänd organisation")}",
                    $"Namn {u.DisplayName}; e-post {u.Email}; titel {u.Title ?? "–"}; telefon {u.PhoneNumber ?? "–"}; roller {string.Join(", ", roles.Where(r => r.UserId == u.Id).Select(r => r.Name).Order(StringComparer.Ordinal))}; {(u.IsDeactivated ? "avaktiverat" : "aktivt")}",
                    null)).ToList()));

            // Events they did, did on someone's behalf, or whose text names them (an assignment, a substitution).
            // The log can be large, so it is searched in the database: by account id, and by the name as the account spells it.
            var named = names.FirstOrDefault();
            var handelser = await db.Handelser.AsNoTracking()
                .Where(h => (h.ActorId != null && userIds.Contains(h.ActorId.Value)) || (h.PaUppdragAvId != null && userIds.Contains(h.PaUppdragAvId.Value))
                    || names.Contains(h.ActorName) || (named != null && h.Beskrivning.Contains(named)))
                .OrderBy(h => h.Sequence).Select(h => new { h.Sequence, h.At, h.Dnr, h.Beskrivning, h.ActorName, h.PaUppdragAvNamn }).ToListAsync(ct);
            kategorier.Add(new("handelselogg", "Händelseloggen", "Vem som gjorde vad i ärendena; allmän handling som bevaras enligt arkivlagen och inte ändras.",
                handelser.Select(h => new Uppgift($"Händelse {h.Sequence.ToString(CultureInfo.InvariantCulture)}{(h.Dnr is null ? "" : $" i {h.Dnr}")}",
                    $"{h.ActorName}{(h.PaUppdragAvNamn is null ? "" : $" (på uppdrag av {h.PaUppdragAvNamn})")}: {h.Beskrivning}", h.At)).ToList()));

            var arenden = await (from v in db.Remissvar.AsNoTracking()
                                 join r in db.Remisser on v.RemissId equals r.Id
                                 where v.HandlaggareId != null && userIds.Contains(v.HandlaggareId.Value)
                                 orderby v.CreatedAt
                                 select new { v.Dnr, v.AvsandareDnr, r.Title, v.Status, v.InstansId, v.CreatedAt }).ToListAsync(ct);
            kategorier.Add(new("handlaggare", "Handläggare i ärenden", "Ärendets handläggare antecknas i diariet (offentlighets- och sekretesslagen 5 kap. 1 §).",
                arenden.Select(a => new Uppgift($"Ärende {a.Dnr ?? a.AvsandareDnr} hos {orgNames.GetValueOrDefault(a.InstansId, "")}", $"Handläggare för remissvaret på \"{a.Title}\" (status {a.Status})", a.CreatedAt)).ToList()));

            var kontakt = (await db.Remisser.AsNoTracking().Where(r => r.KontaktpersonEpost != null || r.KontaktpersonNamn != null)
                    .Select(r => new { r.Dnr, r.Title, r.KontaktpersonNamn, r.KontaktpersonEpost, r.CreatedAt }).ToListAsync(ct))
                .Where(r => Addressed(r.KontaktpersonEpost) || Named(r.KontaktpersonNamn)).OrderBy(r => r.Dnr, StringComparer.Ordinal).ToList();
            kategorier.Add(new("kontaktperson", "Kontaktperson för remisser", "Remissinstanserna ska veta vem de kan fråga; står i missivet, en allmän handling.",
                kontakt.Select(r => new Uppgift($"Remiss {r.Dnr}", $"Kontaktperson för \"{r.Title}\": {r.KontaktpersonNamn ?? "–"}, {r.KontaktpersonEpost ?? "–"}", r.CreatedAt)).ToList()));

            var orgKontakt = (await db.Organisationer.AsNoTracking().Select(o => new { o.Name, o.ContactEmail, o.ContactPhone }).ToListAsync(ct))
                .Where(o => Addressed(o.ContactEmail)).ToList();
            kategorier.Add(new("organisationskontakt", "Kontaktuppgift för en organisation", "Organisationens kontaktadress i brevhuvuden och utskick.",
                orgKontakt.Select(o => new Uppgift($"Organisation {o.Name}", $"Kontaktadress {o.ContactEmail}, telefon {o.ContactPhone ?? "–"}", null)).ToList()));

            var ledamoter = (await (from l in db.Ledamoter.AsNoTracking()
                                    join o in db.Organ on l.OrganId equals o.Id
                                    select new { l.UserId, l.Namn, l.Parti, l.Uppdrag, l.Fran, l.Till, Organ = o.Name }).ToListAsync(ct))
                .Where(l => (l.UserId is { } u && userIds.Contains(u)) || Named(l.Namn)).OrderBy(l => l.Fran).ToList();
            kategorier.Add(new("ledamot", "Ledamot eller ersättare i ett organ", "Kallelser, närvaro och justering; står i protokollen, som bevaras.",
                ledamoter.Select(l => new Uppgift($"Organ {l.Organ}", $"{l.Namn}{(l.Parti is null ? "" : $" ({l.Parti})")}, {l.Uppdrag} {Iso(l.Fran)}–{Iso(l.Till)}", null)).ToList()));

            var perioder = await db.Ersattarperioder.AsNoTracking().Where(p => userIds.Contains(p.FranvarandeId) || userIds.Contains(p.ErsattareId))
                .OrderBy(p => p.FranOchMed).Select(p => new { p.FranvarandeId, p.ErsattareId, p.FranOchMed, p.TillOchMed, p.SkapadAt }).ToListAsync(ct);
            var periodNames = await db.Users.AsNoTracking().Where(u => perioder.Select(p => p.FranvarandeId).Contains(u.Id) || perioder.Select(p => p.ErsattareId).Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            kategorier.Add(new("ersattare", "Frånvaro och ersättare", "Vem som får göra en frånvarandes uppgifter, och när.",
                perioder.Select(p => new Uppgift("Ersättarperiod", $"{periodNames.GetValueOrDefault(p.FranvarandeId)} ersätts av {periodNames.GetValueOrDefault(p.ErsattareId)} {Iso(p.FranOchMed)}–{Iso(p.TillOchMed)}", p.SkapadAt)).ToList()));

            var notiser = await db.Notiser.AsNoTracking().Where(n => userIds.Contains(n.UserId)).OrderBy(n => n.CreatedAt)
                .Select(n => new { n.Rubrik, n.CreatedAt, n.ReadAt }).ToListAsync(ct);
            kategorier.Add(new("notiser", "Notiser", "Meddelanden till användaren i RemissFlow.",
                notiser.Select(n => new Uppgift("Notis", $"{n.Rubrik}{(n.ReadAt is null ? " (oläst)" : "")}", n.CreatedAt)).ToList()));

            var epost = await db.UtgaendeEpost.AsNoTracking().Where(e => emails.Contains(e.Till)).OrderBy(e => e.CreatedAt)
                .Select(e => new { e.Till, e.Rubrik, e.CreatedAt, e.SentAt }).ToListAsync(ct);
            kategorier.Add(new("epost", "Utgående e-post", "E-post som RemissFlow skickat eller ska skicka till adressen.",
                epost.Select(e => new Uppgift($"E-post till {e.Till}", $"{e.Rubrik} ({(e.SentAt is { } s ? $"skickat {Iso(StockholmTime.DateOf(s))}" : "inte skickat än")})", e.CreatedAt)).ToList()));

            var utdrag = new Utdrag(sok, clock.GetUtcNow(), current.Actor.Name, kategorier);
            audit.Record("Registerutdrag", Guid.CreateVersion7(), null, "registerutdrag.upprattat",
                $"Registerutdrag upprättat: {utdrag.Antal.ToString(CultureInfo.InvariantCulture)} uppgifter i {kategorier.Count(k => k.Uppgifter.Count > 0).ToString(CultureInfo.InvariantCulture)} kategorier",
                after: new { sok, konton = userIds, antal = kategorier.ToDictionary(k => k.Kod, k => k.Uppgifter.Count) });
            return utdrag;
        }

        private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The machine-readable copy (art. 15.3 in a commonly used electronic form).</summary>
    public static byte[] ToJson(Utdrag u) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        u.Sok, u.Upprattat, u.UpprattatAv, u.Antal,
        Kategorier = u.Kategorier.Select(k => new { k.Kod, k.Rubrik, k.Andamal, k.Uppgifter }),
    }, Json);

    /// <summary>The readable copy: one self-contained HTML page in Swedish.</summary>
    public static byte[] ToHtml(Utdrag u)
    {
        var h = HtmlEncoder.Create(UnicodeRanges.All);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Registerutdrag</title>")
          .Append("<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td,th{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #ccc}</style></head><body>\n")
          .Append("<h1>Registerutdrag</h1>\n<p>Personuppgifter i RemissFlow för <strong>").Append(h.Encode(u.Sok)).Append("</strong>, upprättat ")
          .Append(h.Encode(StockholmTime.ToLocal(u.Upprattat).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append(" av ").Append(h.Encode(u.UpprattatAv))
          .Append(". ").Append(u.Antal.ToString(CultureInfo.InvariantCulture)).Append(" uppgifter.</p>\n");
        foreach (var k in u.Kategorier)
        {
            sb.Append("<h2>").Append(h.Encode(k.Rubrik)).Append(" (").Append(k.Uppgifter.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>\n<p>Ändamål: ")
              .Append(h.Encode(k.Andamal)).Append("</p>\n");
            if (k.Uppgifter.Count == 0)
            {
                sb.Append("<p>Inga uppgifter.</p>\n");
                continue;
            }

            sb.Append("<table><thead><tr><th>Var</th><th>Uppgift</th><th>Tid</th></tr></thead><tbody>\n");
            foreach (var x in k.Uppgifter)
            {
                sb.Append("<tr><td>").Append(h.Encode(x.Var)).Append("</td><td>").Append(h.Encode(x.Beskrivning)).Append("</td><td>")
                  .Append(x.Tid is { } t ? h.Encode(StockholmTime.ToLocal(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)) : "").Append("</td></tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        return Encoding.UTF8.GetBytes(sb.Append("</body></html>\n").ToString());
    }
}
