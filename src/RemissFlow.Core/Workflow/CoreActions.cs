using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>
/// The actions the definitions in workflows/ name. They run inside the command's transaction
/// before the state changes; anything they add commits with the transition or not at all.
/// </summary>
public static class CoreActions
{
    public static IEnumerable<IWorkflowAction> All() => RemissActions().Concat(RemissvarActions()).Concat(BeslutActions()).Concat(AnstandActions()).Concat(NotifyActions());

    private static IEnumerable<IWorkflowAction> RemissActions() =>
    [
        new CoreAction("remiss.skicka_ut", async (c, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            remiss.UtskickDatum = s.Today();
            var posts = await s.Db.Set<RemisslistaPost>().Where(p => p.RemissId == remiss.Id).OrderBy(p => p.Ordning).ToListAsync(ct);
            foreach (var post in posts)
            {
                await SendToInstans(c, s, remiss, post.OrganisationId, ct);
            }
        }),
        new CoreAction("remisslista.lagg_till", async (c, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            var organisationId = c.Payload.Guid("organisationId") ?? throw new InvalidOperationException("organisationId saknas.");
            var order = await s.Db.Set<RemisslistaPost>().Where(p => p.RemissId == remiss.Id).Select(p => (int?)p.Ordning).MaxAsync(ct) ?? 0;
            s.Db.Add(new RemisslistaPost { RemissId = remiss.Id, OrganisationId = organisationId, Ordning = order + 1 });
            await SendToInstans(c, s, remiss, organisationId, ct);
        }),
        new CoreAction("remiss.sammanstall", async (c, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            await s.Notifier().ToRoleAsync(remiss.AvsandareId, Role.Registrator, $"Remissen {remiss.Dnr} är sammanställd",
                $"Svaren på remissen {remiss.Title} är sammanställda och kan diarieföras.", s.Link(), remiss.Id, c.Cause(), ct);
        }),
        new CoreAction("remiss.avsluta", async (c, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            await s.Notifier().ToRoleAsync(remiss.AvsandareId, Role.KsSamordnare, $"Remissen {remiss.Dnr} är avslutad",
                $"Remissen {remiss.Title} är avslutad.", s.Link(), remiss.Id, c.Cause(), ct);
        }),
        new CoreAction("remiss.aterkalla_alla_svar", async (c, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            var motivering = c.Payload.String("motivering");
            var open = await s.Db.Remissvar.Where(r => r.RemissId == remiss.Id && !RemissvarStates.Terminal.Contains(r.Status)).ToListAsync(ct);
            foreach (var svar in open)
            {
                var refusal = await s.Runner().FireAsync(svar, "aterkalla", new { motivering }, ct, Mediation.Actor.System);
                if (refusal is not null)
                {
                    throw new InvalidOperationException($"Remissvaret {svar.Id} kunde inte återkallas: {refusal.Message}");
                }
            }
        }),
        new CoreAction("svar.stang_vid_aterkallelse", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var remiss = ((RemissvarSubject)s).Remiss;
            var recipients = await s.Notifier().UsersInRoleAsync(svar.InstansId, Role.Registrator, ct);
            if (svar.HandlaggareId is { } h)
            {
                recipients.Add(h);
            }

            await s.Notifier().ToUsersAsync(recipients, $"Remissen {remiss.Dnr} är återkallad",
                $"Avsändaren har återkallat remissen {remiss.Title}. Ärendet {s.Dnr} är stängt och behöver inget svar. {c.Payload.String("motivering")}".Trim(),
                s.Link(), svar.Id, c.Cause(), ct);
        }),
    ];

    private static async Task SendToInstans(ActionContext c, CoreSubject s, Remiss remiss, Guid organisationId, CancellationToken ct)
    {
        var instans = await s.Db.Organisationer.FirstAsync(o => o.Id == organisationId, ct);
        var svar = new Remissvar
        {
            RemissId = remiss.Id,
            InstansId = instans.Id,
            AvsandareDnr = remiss.Dnr,
            Svarsdatum = remiss.Svarsdatum,
            CreatedAt = c.Now,
        };
        s.Db.Remissvar.Add(svar);
        await s.Runner().StartAsync(svar, remiss, instans.Kind, ct);
        var text = $"{remiss.Title} ({remiss.Dnr}) har kommit på remiss från kommunstyrelsen. Svaret ska ha kommit in senast {SwedishText.LongDate(svar.Svarsdatum)}.";
        if (instans.Kind == OrganisationKind.ExternOrganisation)
        {
            if (!string.IsNullOrWhiteSpace(instans.ContactEmail))
            {
                s.Notifier().ToAddress(instans.ContactEmail, $"Remiss: {remiss.Title} ({remiss.Dnr})",
                    text + $" Ange diarienummer {remiss.Dnr} i ämnesraden när ni svarar.", $"{c.Cause()}:{instans.Id:N}");
            }
        }
        else
        {
            await s.Notifier().ToRoleAsync(instans.Id, Role.Registrator, $"Ny remiss: {remiss.Title}", text, $"/arenden/{svar.Id}", svar.Id, $"{c.Cause()}:{instans.Id:N}", ct);
        }
    }

    private static IEnumerable<IWorkflowAction> RemissvarActions() =>
    [
        new CoreAction("diarium.registrera", (c, s, _) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            svar.Dnr = c.Payload.String("diarienummer") ?? throw new InvalidOperationException("diarienummer saknas.");
            svar.RegistreradDatum = s.Today();
            return Task.CompletedTask;
        }),
        new CoreAction("arende.tilldela_handlaggare", (c, s, _) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            svar.HandlaggareId = c.Payload.Guid("handlaggareId") ?? throw new InvalidOperationException("handlaggareId saknas.");
            return Task.CompletedTask;
        }),
        new CoreAction("beredning.anmal_till_organ", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var kind = BeredningOrganNames.Parse(c.Payload.String("organ"))!.Value;
            await s.Notifier().ToRoleAsync(svar.InstansId, Role.Namndsekreterare, $"{s.Dnr} ska behandlas i {BeredningOrganNames.Definite(kind)}",
                $"Ärendet {s.Dnr} är anmält till {BeredningOrganNames.Definite(kind)}.", s.Link(), svar.Id, c.Cause(), ct);
        }),
        new CoreAction("beredning.registrera_behandling", (c, s, _) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var kind = BeredningOrganNames.Parse(c.Payload.String("organ")) ?? throw new InvalidOperationException("Okänt beredningsorgan.");
            s.Db.BeredningHandelser.Add(new BeredningHandelse
            {
                RemissvarId = svar.Id,
                OrganKind = kind,
                OrganNamn = BeredningOrganNames.Definite(kind),
                Datum = c.Payload.Date("datum") ?? throw new InvalidOperationException("datum saknas."),
                EndastMojlighet = c.Payload.Bool("endastMojlighet"),
                RegistreradAt = c.Now,
            });
            return Task.CompletedTask;
        }),
        new CoreAction("tu.faststall", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var tu = await s.Db.Tjansteutlatanden.Include(t => t.Versioner).FirstAsync(t => t.RemissvarId == svar.Id, ct);
            tu.GodkandVersion = tu.Versioner.Max(v => v.Nummer);
            tu.GodkandAv = c.Actor.Id;
            tu.GodkandAt = c.Now;
        }),
        new CoreAction("tu.registrera_retur", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var tu = await s.Db.Tjansteutlatanden.Include(t => t.Versioner).FirstAsync(t => t.RemissvarId == svar.Id, ct);
            var latest = tu.Versioner.OrderByDescending(v => v.Nummer).First();
            // Appended, so the handläggare's own note on the version is kept beside the return comment.
            var retur = $"Returnerad av {c.Actor.Name}: {c.Payload.String("kommentar")}";
            var kommentar = string.IsNullOrWhiteSpace(latest.Kommentar) ? retur : $"{latest.Kommentar}\n{retur}";
            latest.Kommentar = kommentar.Length <= 2000 ? kommentar : kommentar[^2000..];
            tu.GodkandVersion = null;
        }),
        new CoreAction("foredragningslista.lagg_till", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var motesId = c.Payload.Guid("sammantradeId") ?? throw new InvalidOperationException("sammantradeId saknas.");
            var order = await s.Db.Foredragningspunkter.Where(p => p.SammantradeId == motesId).Select(p => (int?)p.Ordning).MaxAsync(ct) ?? 0;
            var remiss = ((RemissvarSubject)s).Remiss;
            s.Db.Foredragningspunkter.Add(new Foredragningspunkt { SammantradeId = motesId, RemissvarId = svar.Id, Ordning = order + 1, Rubrik = RemissFlow.Documents.Composition.RemissRubrik.Of(remiss.Title), AnmaldAt = c.Now });
        }),
        new CoreAction("foredragningslista.ta_bort", async (_, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var today = s.Today();
            var punkter = await (from p in s.Db.Foredragningspunkter
                                 join m in s.Db.Sammantraden on p.SammantradeId equals m.Id
                                 where p.RemissvarId == svar.Id && m.Datum >= today
                                 select p).ToListAsync(ct);
            s.Db.Foredragningspunkter.RemoveRange(punkter);
        }),
        new CoreAction("svar.skicka_till_avsandare", async (c, s, ct) =>
        {
            var subject = (RemissvarSubject)s;
            var svar = subject.Svar;
            svar.InlamnadAt = c.Now;
            svar.Utfall = c.Transition.Trigger == "forvaltningens_svar" ? Utfall.ForvaltningensSvar : Utfall.Svar;
            if (string.IsNullOrWhiteSpace(svar.Nyckelpunkter))
            {
                svar.Nyckelpunkter = await ApprovedSammanfattning(s, svar.Id, ct);
            }

            await NotifyKs(c, subject, $"Svar från {await InstansName(s, svar, ct)} på {subject.Remiss.Dnr}",
                $"{await InstansName(s, svar, ct)} har lämnat sitt svar på remissen {subject.Remiss.Title}.", ct);
        }),
        new CoreAction("svar.skicka_preliminart", async (c, s, ct) =>
        {
            var subject = (RemissvarSubject)s;
            subject.Svar.Utfall = Utfall.ForvaltningensSvar;
            if (string.IsNullOrWhiteSpace(subject.Svar.Nyckelpunkter))
            {
                subject.Svar.Nyckelpunkter = await ApprovedSammanfattning(s, subject.Svar.Id, ct);
            }

            await NotifyKs(c, subject, $"Preliminärt svar från {await InstansName(s, subject.Svar, ct)} på {subject.Remiss.Dnr}",
                "Förvaltningen har lämnat ett preliminärt svar; nämndens beslut följer.", ct);
        }),
        new CoreAction("svar.skicka_avstar", async (c, s, ct) =>
        {
            var subject = (RemissvarSubject)s;
            MarkAvstar(subject.Svar, c.Now);
            var motivering = c.Payload.String("motivering");
            subject.Svar.AvstarMotivering = string.IsNullOrWhiteSpace(motivering) ? null : motivering.Trim();
            var text = $"{await InstansName(s, subject.Svar, ct)} avstår från att yttra sig över remissen {subject.Remiss.Title}.";
            await NotifyKs(c, subject, $"{await InstansName(s, subject.Svar, ct)} avstår från att yttra sig över {subject.Remiss.Dnr}",
                subject.Svar.AvstarMotivering is { } m ? $"{text} Motivering: {m}" : text, ct);
        }),
        new CoreAction("svar.registrera_inkommet", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var dokument = c.Payload.Guid("dokumentId") ?? throw new InvalidOperationException("dokumentId saknas.");
            var bilaga = s.Db.Bilagor.Local.FirstOrDefault(b => b.Id == dokument) ?? await s.Db.Bilagor.FirstAsync(b => b.Id == dokument, ct);
            bilaga.RemissvarId = svar.Id;
            bilaga.Kind = BilagaKind.Svar;
            svar.InlamnadAt = c.Now;
            svar.Utfall = Utfall.Svar;
            svar.Standpunkt = c.Payload.Enum<Standpunkt>("standpunkt");
            svar.Nyckelpunkter = c.Payload.String("nyckelpunkter");
        }),
        new CoreAction("svar.registrera_avstar", (c, s, _) =>
        {
            MarkAvstar(((RemissvarSubject)s).Svar, c.Now);
            return Task.CompletedTask;
        }),
    ];

    private static IEnumerable<IWorkflowAction> BeslutActions() =>
    [
        new CoreAction("beslut.registrera", (c, s, _) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            s.Db.Beslut.Add(new Beslut
            {
                RemissvarId = svar.Id,
                SammantradeId = c.Payload.Guid("sammantradeId"),
                Paragraf = c.Payload.Int("paragraf"),
                Datum = c.Payload.Date("datum") ?? s.Today(),
                Beslutstext = c.Payload.String("beslutstext") ?? c.Payload.String("beslutsutfall")!,
                Beslutsunderlag = c.Payload.String("beslutsunderlag"),
                Voteringsordning = c.Payload.String("voteringsordning"),
                Yrkanden = c.Payload.Inlagor("yrkanden"),
                Reservationer = c.Payload.Inlagor("reservationer"),
                SarskildaUttalanden = c.Payload.Inlagor("sarskildaUttalanden"),
                OmedelbarJustering = c.Payload.Bool("omedelbarJustering"),
                ExpedierasTill = c.Payload.String("expedierasTill"),
            });
            svar.Standpunkt = c.Payload.Enum<Standpunkt>("standpunkt") ?? svar.Standpunkt;
            return Task.CompletedTask;
        }),
        new CoreAction("beslut.registrera_aterremiss", (c, s, _) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            s.Db.Beslut.Add(new Beslut
            {
                RemissvarId = svar.Id,
                SammantradeId = c.Payload.Guid("sammantradeId"),
                Paragraf = c.Payload.Int("paragraf"),
                Datum = c.Payload.Date("datum") ?? s.Today(),
                Beslutstext = c.Payload.String("beslutstext") ?? "Nämnden återremitterar ärendet till förvaltningen.",
                Yrkanden = c.Payload.Inlagor("yrkanden"),
                Reservationer = c.Payload.Inlagor("reservationer"),
                SarskildaUttalanden = c.Payload.Inlagor("sarskildaUttalanden"),
            });
            return Task.CompletedTask;
        }),
        // A correction rewrites the recorded decision in place: before justering the protokoll is not
        // final, and the audit event of the transition keeps the reason and the corrected text.
        new CoreAction("beslut.ratta", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var beslut = await CoreGuards.LatestBeslut(s, svar.Id, ct) ?? throw new InvalidOperationException("Inget beslut att rätta.");
            beslut.Paragraf = c.Payload.Int("paragraf");
            beslut.Beslutstext = c.Payload.String("beslutstext")!;
            beslut.Beslutsunderlag = c.Payload.String("beslutsunderlag");
            beslut.Voteringsordning = c.Payload.String("voteringsordning");
            beslut.Yrkanden = c.Payload.Inlagor("yrkanden");
            beslut.Reservationer = c.Payload.Inlagor("reservationer");
            beslut.SarskildaUttalanden = c.Payload.Inlagor("sarskildaUttalanden");
            beslut.OmedelbarJustering = c.Payload.Bool("omedelbarJustering");
            beslut.ExpedierasTill = c.Payload.String("expedierasTill");
            svar.Standpunkt = c.Payload.Enum<Standpunkt>("standpunkt") ?? svar.Standpunkt;
        }),
        // Undo removes the unjusterade decision, so the ärende is back on the föredragningslista as
        // if nothing was recorded; what was removed and why stays in the audit log.
        new CoreAction("beslut.angra", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var beslut = await CoreGuards.LatestBeslut(s, svar.Id, ct) ?? throw new InvalidOperationException("Inget beslut att ångra.");
            s.Db.Beslut.Remove(beslut);
            svar.Standpunkt = null;
        }),
        new CoreAction("protokoll.registrera_justering", async (c, s, ct) =>
        {
            var beslut = await CoreGuards.LatestBeslut(s, ((RemissvarSubject)s).Svar.Id, ct) ?? throw new InvalidOperationException("Inget beslut att justera.");
            beslut.JusteradDatum = c.Payload.Date("justeringsdatum");
            beslut.Justerare = c.Payload.String("justerare") ?? beslut.Justerare;
        }),
        new CoreAction("beslut.registrera_ordforandebeslut", (c, s, _) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            s.Db.Beslut.Add(new Beslut
            {
                RemissvarId = svar.Id,
                Datum = c.Payload.Date("beslutsdatum")!.Value,
                Beslutstext = c.Payload.String("beslutstext") ?? "Ordföranden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
                Ordforandebeslut = true,
                Justerare = c.Payload.String("ordforande"),
            });
            svar.Standpunkt = c.Payload.Enum<Standpunkt>("standpunkt") ?? svar.Standpunkt;
            return Task.CompletedTask;
        }),
        new CoreAction("beslut.anmal_ordforandebeslut", async (c, s, ct) =>
        {
            var beslut = await CoreGuards.LatestBeslut(s, ((RemissvarSubject)s).Svar.Id, ct) ?? throw new InvalidOperationException("Inget ordförandebeslut att anmäla.");
            beslut.AnmalsVidSammantradeId = c.Payload.Guid("sammantradeId");
            beslut.Paragraf = c.Payload.Int("paragraf");
        }),
    ];

    private static IEnumerable<IWorkflowAction> AnstandActions() =>
    [
        new CoreAction("anstand.begar", (c, s, _) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            s.Db.Anstand.Add(new Anstand
            {
                RemissvarId = svar.Id,
                TidigareSvarsdatum = svar.Svarsdatum,
                BegartDatum = c.Payload.Date("onskatSvarsdatum")!.Value,
                Motivering = c.Payload.String("motivering")!,
                BegartAt = c.Now,
                BegartAv = c.Actor.Id ?? Guid.Empty,
            });
            return Task.CompletedTask;
        }),
        new CoreAction("anstand.bevilja", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var anstand = await s.Db.Anstand.FirstAsync(a => a.RemissvarId == svar.Id && a.Beslut == AnstandBeslut.Begart, ct);
            var nytt = c.Payload.Date("nyttSvarsdatum")!.Value;
            anstand.Beslut = AnstandBeslut.Beviljat;
            anstand.BeviljatDatum = nytt;
            anstand.BeslutKommentar = c.Payload.String("kommentar");
            anstand.BeslutadAt = c.Now;
            anstand.BeslutadAv = c.Actor.Id;
            svar.Svarsdatum = nytt;
        }),
        new CoreAction("anstand.avsla", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var anstand = await s.Db.Anstand.FirstAsync(a => a.RemissvarId == svar.Id && a.Beslut == AnstandBeslut.Begart, ct);
            anstand.Beslut = AnstandBeslut.Avslaget;
            anstand.BeslutKommentar = c.Payload.String("motivering");
            anstand.BeslutadAt = c.Now;
            anstand.BeslutadAv = c.Actor.Id;
        }),
        new CoreAction("anstand.registrera_beviljat", (c, s, _) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var nytt = c.Payload.Date("nyttSvarsdatum")!.Value;
            s.Db.Anstand.Add(new Anstand
            {
                RemissvarId = svar.Id,
                TidigareSvarsdatum = svar.Svarsdatum,
                BegartDatum = nytt,
                Motivering = c.Payload.String("motivering") ?? "Begärt av instansen.",
                Beslut = AnstandBeslut.Beviljat,
                BeviljatDatum = nytt,
                BegartAt = c.Now,
                BegartAv = c.Actor.Id ?? Guid.Empty,
                BeslutadAt = c.Now,
                BeslutadAv = c.Actor.Id,
            });
            svar.Svarsdatum = nytt;
            return Task.CompletedTask;
        }),
    ];

    private static IEnumerable<IWorkflowAction> NotifyActions() =>
    [
        new CoreAction("notify.handlaggare", async (c, s, ct) =>
        {
            var subject = (RemissvarSubject)s;
            if (subject.Svar.HandlaggareId is not { } handlaggare)
            {
                return;
            }

            var chef = c.Transition.Trigger == "returnera"
                ? RoleNames.ChefCapitalised(await s.Db.Organisationer.Where(o => o.Id == subject.Svar.InstansId).Select(o => o.Kind).FirstAsync(ct))
                : null;
            var (rubrik, text) = c.Transition.Trigger switch
            {
                "tilldela" or "tilldela_om" => ($"Du är handläggare för {s.Dnr}", $"Du har fått remissen {subject.Remiss.Title}. Svarsdatum är {SwedishText.LongDate(subject.Svar.Svarsdatum)}."),
                "returnera" => ($"Tjänsteutlåtandet i {s.Dnr} är returnerat", $"{chef} har returnerat tjänsteutlåtandet: {c.Payload.String("kommentar")}"),
                "aterremittera" => ($"{s.Dnr} är återremitterat", "Nämnden har återremitterat ärendet till förvaltningen."),
                "bevilja_anstand" => ($"Anstånd beviljat för {s.Dnr}", $"Nytt svarsdatum är {SwedishText.LongDate(subject.Svar.Svarsdatum)}."),
                "avsla_anstand" => ($"Anstånd avslaget för {s.Dnr}", $"Svarsdatum är fortfarande {SwedishText.LongDate(subject.Svar.Svarsdatum)}. {c.Payload.String("motivering")}".Trim()),
                _ => ($"Påminnelse: {s.Dnr} ska besvaras senast {SwedishText.LongDate(subject.Svar.Svarsdatum)}", $"Remissen {subject.Remiss.Title} ska besvaras senast {SwedishText.LongDate(subject.Svar.Svarsdatum)}."),
            };
            await s.Notifier().ToUsersAsync([handlaggare], rubrik, text, s.Link(), subject.Svar.Id, c.Cause(), ct);
        }),
        new CoreAction("notify.forvaltningschef", async (c, s, ct) =>
        {
            var subject = (RemissvarSubject)s;
            var text = c.Transition.Trigger == "paminn_forvaltningschef"
                ? $"Tjänsteutlåtandet i {s.Dnr} väntar fortfarande på ditt godkännande."
                : $"Tjänsteutlåtandet i {s.Dnr} ({subject.Remiss.Title}) väntar på ditt godkännande.";
            await s.Notifier().ToRoleAsync(subject.Svar.InstansId, Role.Forvaltningschef, $"Att godkänna: {s.Dnr}", text, s.Link(), subject.Svar.Id, c.Cause(), ct);
        }),
        new CoreAction("notify.namndsekreterare", async (c, s, ct) =>
        {
            var subject = (RemissvarSubject)s;
            await s.Notifier().ToRoleAsync(subject.Svar.InstansId, Role.Namndsekreterare, $"Påminnelse: {s.Dnr} ska besvaras senast {SwedishText.LongDate(subject.Svar.Svarsdatum)}",
                $"Remissvaret på {subject.Remiss.Title} ska vara inlämnat senast {SwedishText.LongDate(subject.Svar.Svarsdatum)}; ärendet är i läget {subject.Svar.Status}.",
                s.Link(), subject.Svar.Id, c.Cause(), ct);
        }),
        new CoreAction("notify.ks", async (c, s, ct) =>
        {
            var subject = (RemissvarSubject)s;
            var name = await InstansName(s, subject.Svar, ct);
            await NotifyKs(c, subject, $"{name} har inte svarat på {subject.Remiss.Dnr}",
                $"Svarsdatum {SwedishText.LongDate(subject.Svar.Svarsdatum)} har kommit och {name} har ännu inte lämnat något svar på {subject.Remiss.Title}.", ct);
        }),
        new CoreAction("notify.avsandare", async (c, s, ct) =>
        {
            var subject = (RemissvarSubject)s;
            var name = await InstansName(s, subject.Svar, ct);
            var cause = c.Cause();
            var text = $"{name} begär anstånd med svaret på {subject.Remiss.Title} till {SwedishText.LongDate(c.Payload.Date("onskatSvarsdatum") ?? subject.Svar.Svarsdatum)}: {c.Payload.String("motivering")}";
            await s.Notifier().ToRoleAsync(subject.Remiss.AvsandareId, Role.Registrator, $"Anstånd begärt: {name}, {subject.Remiss.Dnr}", text, $"/remisser/{subject.Remiss.Id}", subject.Svar.Id, cause, ct);
            await s.Notifier().ToRoleAsync(subject.Remiss.AvsandareId, Role.KsSamordnare, $"Anstånd begärt: {name}, {subject.Remiss.Dnr}", text, $"/remisser/{subject.Remiss.Id}", subject.Svar.Id, cause, ct);
        }),
        new CoreAction("notify.instans", async (c, s, ct) =>
        {
            var subject = (RemissvarSubject)s;
            var instans = await s.Db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == subject.Svar.InstansId, ct);
            var text = $"Vi påminner om remissen {subject.Remiss.Title} ({subject.Remiss.Dnr}). Svaret ska ha kommit in senast {SwedishText.LongDate(subject.Svar.Svarsdatum)}.";
            if (!string.IsNullOrWhiteSpace(instans.ContactEmail))
            {
                s.Notifier().ToAddress(instans.ContactEmail, $"Påminnelse: remiss {subject.Remiss.Dnr}", text, $"{c.Cause()}:{instans.Id:N}");
            }
        }),
        new CoreAction("notify.sena_instanser", async (c, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            var late = await (from r in s.Db.Remissvar
                              join o in s.Db.Organisationer on r.InstansId equals o.Id
                              where r.RemissId == remiss.Id && !RemissvarStates.Answered.Contains(r.Status)
                              select new { r.Id, r.InstansId, o.Name, o.Kind }).ToListAsync(ct);
            foreach (var l in late.Where(l => l.Kind != OrganisationKind.ExternOrganisation))
            {
                await s.Notifier().ToRoleAsync(l.InstansId, Role.Namndsekreterare, $"Svaret på {remiss.Dnr} är sent",
                    $"Svarsdatum för {remiss.Title} har passerat och kommunstyrelsen har inte fått ert svar.", $"/arenden/{l.Id}", l.Id, $"{c.Cause()}:{l.Id:N}", ct);
            }

            if (late.Count > 0)
            {
                await s.Notifier().ToRoleAsync(remiss.AvsandareId, Role.KsSamordnare, $"{late.Count} instanser har inte svarat på {remiss.Dnr}",
                    $"Saknas: {string.Join(", ", late.Select(l => l.Name))}.", s.Link(), remiss.Id, c.Cause(), ct);
            }
        }),
    ];

    private static async Task NotifyKs(ActionContext c, RemissvarSubject s, string rubrik, string text, CancellationToken ct) =>
        await s.Notifier().ToRoleAsync(s.Remiss.AvsandareId, Role.KsSamordnare, rubrik, text, $"/remisser/{s.Remiss.Id}", s.Svar.Id, c.Cause(), ct);

    private static void MarkAvstar(Remissvar svar, DateTimeOffset now)
    {
        svar.Utfall = Utfall.Avstar;
        svar.Standpunkt = Standpunkt.Avstar;
        svar.InlamnadAt = now;
        svar.Nyckelpunkter ??= "Avstår från att yttra sig.";
    }

    private static async Task<string> InstansName(CoreSubject s, Remissvar svar, CancellationToken ct) =>
        await s.Db.Organisationer.Where(o => o.Id == svar.InstansId).Select(o => o.Name).FirstAsync(ct);

    private static async Task<string?> ApprovedSammanfattning(CoreSubject s, Guid svarId, CancellationToken ct)
    {
        var tu = await s.Db.Tjansteutlatanden.AsNoTracking().Include(t => t.Versioner).FirstOrDefaultAsync(t => t.RemissvarId == svarId, ct);
        return tu?.Versioner.FirstOrDefault(v => v.Nummer == tu.GodkandVersion)?.Sammanfattning;
    }

    // Looked up once: GetCultureInfo takes a process-wide lock, and notices format dates on every transition.

}
