using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Files;
using RemissFlow.Core.Notifications;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Workflow;

using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Documents;
using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Svarslank;

/// <summary>
/// An outside organisation answers through its svarslänk: a file (PDF or Word, the upload checks of every answer) or a
/// written answer, its ställningstagande and a contact. The first answer takes the path KS's own registration takes
/// (registrera_svar or avsta through the engine, the actor "… via svarslänk"); a later one is kept as a new version
/// beside it, never over it. The contact gets a receipt e-mail with the remiss's dnr and the time.
/// </summary>
public static class SubmitViaSvarslank
{
    [SecretToken]
    public sealed record Command(string Token, Standpunkt? Standpunkt, string? Text, string? FileName, byte[]? Content, string? KontaktNamn, string? KontaktEpost) : ICommand<Kvitto>
    {
        public bool HasFile => Content is { Length: > 0 } || !string.IsNullOrEmpty(FileName);
    }

    public sealed record Kvitto(Guid Id, int Nummer, string Dnr, string RemissTitel, string Instans, Standpunkt Standpunkt, DateTimeOffset InlamnadAt, string? FileName);

    /// <summary>PDF or Word; the other Office kinds the upload policy knows are not an answer.</summary>
    private static readonly HashSet<string> AnswerTypes = [UploadPolicy.Pdf, UploadPolicy.Docx, UploadPolicy.LegacyOffice, UploadPolicy.Odt];

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FileStore files)
        {
            RuleFor(c => c.Standpunkt).NotNull().WithMessage("Ställningstagande måste väljas.");
            RuleFor(c => c.Text).OptionalText("Svar", Limits.SvarslankText);
            RuleFor(c => c.KontaktNamn).RequiredText("Kontaktperson", Limits.Namn);
            RuleFor(c => c.KontaktEpost).RequiredText("E-postadress", Limits.Namn).Email("E-postadress");
            When(c => c.HasFile, () =>
            {
                RuleFor(c => c).SetValidator(new UploadValidator<Command>(c => c.FileName ?? string.Empty, c => c.Content ?? [], files.MaxBytes));
                RuleFor(c => c.Content).Must(b => b is null || UploadPolicy.Detect(b) is not { } t || AnswerTypes.Contains(t.MediaType))
                    .WithName("Content").WithMessage("Svaret ska vara en PDF eller ett Word-dokument.");
            });
            RuleFor(c => c.Text).Must((c, text) => c.HasFile || !string.IsNullOrWhiteSpace(text) || c.Standpunkt == Domain.Standpunkt.Avstar)
                .WithMessage("Svar: skriv ert svar i rutan eller bifoga det som fil.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, CurrentActor current, WorkflowRunner workflow, FileStore files, DocumentRenderer renderer,
        Notifier notifier, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, Kvitto>
    {
        public async Task<Result<Kvitto>> Handle(Command c, CancellationToken ct)
        {
            var traff = await Svarslankar.ResolveAsync(db, c.Token, StockholmTime.Today(clock), ct);
            if (traff.Lage == SvarslankLage.Okand)
            {
                return Refusal.NotFound("Svarslänken");
            }

            if (traff.Lage != SvarslankLage.Giltig)
            {
                return Refusal.InvalidState(traff.Lage == SvarslankLage.Utgangen
                    ? "Svarslänken gällde till och med svarsdatum och har gått ut."
                    : "Svarslänken är återkallad av avsändaren.");
            }

            var (lank, svar) = (traff.Lank!, traff.Svar!);
            var remiss = await db.Remisser.AsNoTracking().FirstAsync(r => r.Id == svar.RemissId, ct);
            var instans = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == svar.InstansId, ct);
            var standpunkt = c.Standpunkt!.Value;
            if (svar.Status == RemissvarState.Avstatt)
            {
                return Refusal.InvalidState($"Ni har redan meddelat att ni avstår. Kontakta avsändaren om ni ändå vill lämna ett svar på {remiss.Dnr}.");
            }

            if (svar.Status == RemissvarState.Inlamnad && standpunkt == Domain.Standpunkt.Avstar)
            {
                return Refusal.Field(nameof(c.Standpunkt), "Ställningstagande: ni har redan lämnat ett svar och kan inte avstå i efterhand. Kontakta avsändaren.");
            }

            var actor = Actor.ViaSvarslank(instans.Name);
            current.Actor = actor;
            var now = clock.GetUtcNow();
            var text = string.IsNullOrWhiteSpace(c.Text) ? null : c.Text.Trim();
            var bilaga = await DocumentAsync(c, svar, remiss, instans, standpunkt, text, now, ct);
            var nummer = (await db.SvarslankSvar.Where(s => s.RemissvarId == svar.Id).Select(s => (int?)s.Nummer).MaxAsync(ct) ?? 0) + 1;
            var row = new SvarslankSvar
            {
                RemissvarId = svar.Id,
                SvarslankId = lank.Id,
                Nummer = nummer,
                Standpunkt = standpunkt,
                Text = text,
                BilagaId = bilaga?.Id,
                KontaktNamn = c.KontaktNamn!.Trim(),
                KontaktEpost = c.KontaktEpost!.Trim(),
                InlamnadAt = now,
            };
            db.SvarslankSvar.Add(row);

            if (svar.Status == RemissvarState.Utskickad)
            {
                var refusal = standpunkt == Domain.Standpunkt.Avstar && bilaga is null
                    ? await workflow.FireAsync(svar, RemissvarTransitions.Avsta, new Avstaende(text), ct, actor)
                    : await workflow.FireAsync(svar, RemissvarTransitions.RegistreraSvar, new InkommetSvar(bilaga!.Id, standpunkt, text), ct, actor);
                if (refusal is not null)
                {
                    return refusal;
                }
            }
            else
            {
                // The state stays inlämnad; the answer KS reads is now this version's, the earlier ones are kept as they came.
                var before = new { svar.Standpunkt, svar.Nyckelpunkter };
                svar.RegistreraInkommetSvar(bilaga!, standpunkt, text, now);
                audit.Record(svar, "svarslank.ny_version", $"{instans.Name} lämnade version {nummer} av sitt svar via svarslänk.", before, new { svar.Standpunkt, svar.Nyckelpunkter });
            }

            audit.Record(svar, "svarslank.svar", $"Svar version {nummer} från {instans.Name} via svarslänk, kontaktperson {row.KontaktNamn} <{row.KontaktEpost}>.", null,
                new { row.Nummer, Standpunkt = standpunkt.ToString(), row.BilagaId, Fil = bilaga?.FileName });
            await notifier.ToRoleAsync(remiss.AvsandareId, Role.KsSamordnare, $"Svar från {instans.Name} på {remiss.Dnr}",
                $"{instans.Name} har lämnat {(nummer == 1 ? "sitt svar" : $"version {nummer} av sitt svar")} på remissen {remiss.Title} via svarslänken.",
                $"/remisser/{remiss.Id}", svar.Id, $"svarslank:{row.Id:N}", ct);
            var tid = TimeZoneInfo.ConvertTime(now, StockholmTime.Zone);
            notifier.ToAddress(row.KontaktEpost, $"Kvitto: ert svar på remiss {remiss.Dnr}",
                $"Vi har tagit emot {instans.Name}s svar (version {nummer}) på remissen {remiss.Title}, diarienummer {remiss.Dnr}, " +
                $"den {SwedishText.LongDate(DateOnly.FromDateTime(tid.DateTime))} kl. {tid:HH:mm}. Ställningstagande: {Labels.Standpunkt(standpunkt)}." +
                (bilaga is null ? "" : $" Bifogat dokument: {bilaga.FileName}.") +
                " Svara inte på det här meddelandet; kontakta avsändaren om något är fel.",
                $"svarslank-kvitto:{row.Id:N}");
            return new Kvitto(row.Id, nummer, remiss.Dnr, remiss.Title, instans.Name, standpunkt, now, bilaga?.FileName);
        }

        private async Task<Bilaga?> DocumentAsync(Command c, Domain.Remissvar svar, Remiss remiss, Organisation instans, Standpunkt standpunkt, string? text, DateTimeOffset now, CancellationToken ct)
        {
            byte[] content;
            string fileName;
            if (c.HasFile)
            {
                content = c.Content!;
                fileName = c.FileName!;
            }
            else if (text is not null)
            {
                // A written answer becomes a Word document, so it travels like every other answer: the sammanställning bundles it.
                content = renderer.RenderComposedDocx(WrittenAnswer(remiss, instans, standpunkt, text, c.KontaktNamn!.Trim(), now));
                fileName = $"Remissvar {instans.Name}.docx";
            }
            else
            {
                return null;
            }

            var type = UploadPolicy.Detect(content)!;
            var stored = await files.SaveAsync(content, type.MediaType, ct);
            var bilaga = new Bilaga
            {
                Kind = BilagaKind.Svar,
                RemissvarId = svar.Id,
                FileName = UploadPolicy.StoredName(fileName, type.MediaType),
                MediaType = stored.MediaType,
                Size = stored.Size,
                Sha256 = stored.Sha256,
                UploadedAt = now,
                UploadedBy = Guid.Empty,
            };
            db.Bilagor.Add(bilaga);
            return bilaga;
        }

        private static ComposedDocument WrittenAnswer(Remiss remiss, Organisation instans, Standpunkt standpunkt, string text, string kontakt, DateTimeOffset now)
        {
            var datum = SwedishText.IsoDate(StockholmTime.DateOf(now));
            var body = new List<ContentNode>
            {
                new TitleNode($"Svar på remiss: {remiss.Title}"),
                new ParagraphNode($"Ställningstagande: {Labels.Standpunkt(standpunkt)}"),
            };
            body.AddRange(text.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => new ParagraphNode(p)));
            body.Add(new ParagraphNode($"Kontaktperson: {kontakt}. Lämnat via RemissFlows svarslänk {datum}."));
            var letterhead = new RemissFlow.Documents.Templates.Letterhead { Kommun = instans.Name, Forvaltning = instans.Name, Postadress = instans.PostalAddress ?? "" };
            return new ComposedDocument(
                new DocumentMetadata($"Remissvar {instans.Name}: {remiss.Title}", instans.Name, remiss.Dnr),
                letterhead,
                new PageLabel("Sida ", " (", ")"),
                new FirstPageHeader([instans.Name], "Remissvar", [$"Dnr {remiss.Dnr}"], [datum], []),
                new ContinuationHeader("Remissvar", [$"Dnr {remiss.Dnr}"], [remiss.Title]),
                [],
                body);
        }
    }
}
