using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Features.Inkommande;
using RemissFlow.Core.Files;
using RemissFlow.Core.Intake.Mail;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>The registry mailbox the demo's e-mail seems to come from.</summary>
    public const string DemoBrevlada = "registratur-ks";

    private sealed partial class Run
    {
        /// <summary>
        /// Four e-mails waiting in Kommunstyrelsen's registry queue, as the mailbox poller would have kept them: PRO's answer
        /// naming the open remiss's dnr, a department's new remiss with its missiv, a komplettering to the chain's ärende,
        /// and an advertisement that is no allmän handling.
        /// </summary>
        private async Task SeedInkommandeAsync(CancellationToken ct)
        {
            var ks = await db.Organisationer.Where(o => o.DnrPrefix == "KS").Select(o => o.Id).FirstAsync(ct);
            if (await db.Inkommande.AnyAsync(i => i.OrganisationId == ks && i.Brevlada == DemoBrevlada, ct))
            {
                return;
            }

            var open = await db.Remisser.Where(r => r.Title == OpenTitle).Select(r => r.Dnr).FirstAsync(ct);
            var kedja = await db.Remissvar.Where(s => s.AvsandareDnr == KedjaDnr && s.InstansId == ks).Select(s => s.Dnr).FirstOrDefaultAsync(ct);
            var today = StockholmTime.Today(clock);
            await Mail(ks, "PRO Stockholms län <stockholm@pro.se>", $"Svar på remiss {open.Replace(" ", "", StringComparison.Ordinal)}",
                "Hej!\n\nBifogat finns PRO Stockholms läns yttrande över Program för en tillgänglig stad 2027–2030.\n\nMed vänlig hälsning\nBirgitta Sand, ordförande",
                ("PRO yttrande tillgänglig stad.docx", Word("Yttrande från PRO Stockholms län", $"Diarienummer: {open}",
                    "PRO Stockholms län tillstyrker programmet i stort men vill att tillgängligheten i kollektivtrafiken prioriteras.",
                    "Vi föreslår att äldreråden får yttra sig över varje åtgärd som rör seniorer.")), ct);
            await Mail(ks, "Finansdepartementet <fi.remissvar@regeringskansliet.se>", "Remiss av promemorian Ett enklare kommunalt beslutsfattande (Fi2026/01342)",
                "Härmed översänds promemorian på remiss. Remissvaren ska ha kommit in till Finansdepartementet senast enligt missivet.",
                ("Remissmissiv Fi2026-01342.docx", Word("Remiss", "Diarienummer Fi2026/01342",
                    "Remiss av promemorian Ett enklare kommunalt beslutsfattande",
                    $"Remissvaren ska ha kommit in till Finansdepartementet senast den {today.AddDays(90):yyyy-MM-dd}.",
                    "Svaren bör lämnas per e-post till fi.remissvar@regeringskansliet.se i både Word- och PDF-format.")), ct);
            if (kedja is not null)
            {
                await Mail(ks, "Finansdepartementet <fi.remissvar@regeringskansliet.se>", $"Komplettering till er {kedja}",
                    $"Hej!\n\nVi har rättat en tabell i betänkandet; rättelsebladet bifogas och hör till ert ärende {kedja}.",
                    ("Rättelseblad SOU 2026-14.docx", Word("Rättelseblad", "SOU 2026:14", "Tabell 4.2 på sidan 87 har fått rätt värden för år 2025.")), ct);
            }

            await Mail(ks, "Kontorsexperten AB <erbjudande@kontorsexperten.example>", "Frukostseminarium: Smarta kontorsmöbler för offentlig sektor",
                "Välkommen till vårt frukostseminarium! Anmäl dig senast på fredag och få 20 % rabatt på hela sortimentet.", null, ct);
        }

        private async Task Mail(Guid organisation, string from, string subject, string text, (string Name, byte[] Content)? file, CancellationToken ct)
        {
            var files = services.GetRequiredService<FileStore>();
            var attachments = new List<MailAttachment>();
            var stored = new List<StoredFile>();
            if (file is { } f)
            {
                const string docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                attachments.Add(new MailAttachment(f.Name, docx, f.Content, null));
                stored.Add(await files.SaveAsync(f.Content, docx, ct));
            }

            var mail = new ReadMail($"demo-{Guid.NewGuid():N}@remissflow.test", from, "registrator@stadsledningskontoret.stockholm.test", subject,
                clock.GetUtcNow().AddHours(-2), text, text.Length + attachments.Sum(a => a.Content.Length), attachments, null);
            await Do("admin@remissflow.test", new TaEmotEpost.Command(organisation, DemoBrevlada, mail, stored), ct);
        }

        /// <summary>A small Word document of paragraphs: what an outside sender's letter looks like to the intake.</summary>
        private static byte[] Word(params string[] paragraphs)
        {
            using var stream = new MemoryStream();
            using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
            {
                var main = doc.AddMainDocumentPart();
                main.Document = new W.Document(new W.Body(paragraphs.Select(p => new W.Paragraph(new W.Run(new W.Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
                main.Document.Save();
            }

            return stream.ToArray();
        }
    }
}
