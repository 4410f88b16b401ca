using System.Text;
using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Files;
using RemissFlow.Core.Notifications;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents;
using RemissFlow.Documents.Composition;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>
/// KS selects the instanser that have not answered and sends each its påminnelse (the documents' template).
/// The letter goes as e-mail through the outbox — to the instans's registry address, for a nämnd or bolag also
/// into its nämndsekreterares' and registratorers' inboxes — and the rendered PDF is kept in the file store
/// under the SHA-256 the audit event on that remissvar names. All or nothing: one answered instans refuses the batch.
/// An instans that RemissFlow cannot reach (no e-mail address, no users) still gets its reminder recorded with the
/// letter, and the result says so: KS sends that letter by other means (<see cref="PaminnelseHistorik"/> lists them).
/// </summary>
public static class SendPaminnelser
{
    [RequiresRole(Role.KsSamordnare)]
    public sealed record Command(Guid RemissId, IReadOnlyList<Guid> RemissvarIds) : ICommand<IReadOnlyList<SkickadPaminnelse>>;

    /// <param name="Mottagare">Who got it in RemissFlow (users, by name) and by e-mail; empty: it reached no one and the letter must go another way.</param>
    public sealed record SkickadPaminnelse(Guid RemissvarId, string Instans, string? Epost, string Sha256, IReadOnlyList<string> Mottagare)
    {
        public bool Nadd => Mottagare.Count > 0;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RemissvarIds).NotEmpty().WithMessage("Välj minst en instans att påminna.");
            RuleFor(c => c.RemissvarIds).Must(ids => ids is null || ids.Count <= 500).WithMessage("Högst 500 påminnelser åt gången.");
            RuleFor(c => c.RemissvarIds).Must(ids => ids is null || ids.Distinct().Count() == ids.Count).WithMessage("Samma instans är vald två gånger.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, AuditTrail audit, DocumentModelFactory models, DocumentRenderer renderer,
        FileStore files, Notifier notifier, CoreOptions options, TimeProvider clock) : IRequestHandler<Command, IReadOnlyList<SkickadPaminnelse>>
    {
        public async Task<Result<IReadOnlyList<SkickadPaminnelse>>> Handle(Command c, CancellationToken ct)
        {
            var (remiss, refusal) = await RemissAccess.ForSenderAsync(db, c.RemissId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (remiss!.Status is RemissState.Utkast or RemissState.Aterkallad or RemissState.Avslutad)
            {
                return Refusal.InvalidState("Påminnelser skickas bara medan remissen väntar på svar.");
            }

            var ids = c.RemissvarIds.ToList();
            var svar = await db.Remissvar.Where(s => ids.Contains(s.Id) && s.RemissId == remiss.Id).ToListAsync(ct);
            if (svar.Count != ids.Count)
            {
                return Refusal.Field(nameof(c.RemissvarIds), "En vald instans hör inte till remissen.");
            }

            var instansIds = svar.Select(s => s.InstansId).ToList();
            var instanser = await db.Organisationer.AsNoTracking().Where(o => instansIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            var answered = svar.Where(s => RemissvarStates.Answered.Contains(s.Status)).Select(s => instanser[s.InstansId].Name).Order(StringComparer.Ordinal).ToList();
            if (answered.Count > 0)
            {
                return Refusal.Field(nameof(c.RemissvarIds), $"{string.Join(", ", answered)} har redan svarat och får ingen påminnelse.");
            }

            var sent = new List<SkickadPaminnelse>();
            foreach (var s in ids.Select(id => svar.Single(x => x.Id == id)))
            {
                var instans = instanser[s.InstansId];
                var model = await models.PaminnelseAsync(s.Id, ct);
                var pdf = renderer.RenderPdf(model);
                var stored = await files.SaveAsync(pdf, UploadPolicy.Pdf, ct);
                var rubrik = $"Påminnelse: {remiss.Dnr} {remiss.Title}";
                var text = PlainText(renderer.Compose(model));
                // Each press of the button is its own reminder; the dedup key only stops one send from queuing twice.
                var cause = $"paminnelse:{s.Id:N}:{Guid.CreateVersion7():N}";

                var people = instans.Kind == OrganisationKind.ExternOrganisation ? []
                    : (await notifier.UsersInRoleAsync(instans.Id, Role.Namndsekreterare, ct)).Concat(await notifier.UsersInRoleAsync(instans.Id, Role.Registrator, ct)).Distinct().ToList();
                if (instans.ContactEmail is { } email)
                {
                    // The registry address gets the e-mail once; the people who act on it get the notice in their inbox only.
                    // An outside organisation gets a svarslänk of its own in it (only hashes are kept, so never the missiv's).
                    var lank = instans.Kind == OrganisationKind.ExternOrganisation
                        ? Features.Svarslank.Svarslankar.EmailLine(options, Features.Svarslank.Svarslankar.Issue(db, s.Id, clock.GetUtcNow(), null))
                        : "";
                    notifier.ToAddress(email, rubrik, text + lank, cause);
                    foreach (var user in people)
                    {
                        db.Notiser.Add(new Notis { UserId = user, CreatedAt = clock.GetUtcNow(), Rubrik = rubrik, Text = text, ArendeId = s.Id, DedupKey = $"{cause}:{user:N}" });
                    }
                }
                else
                {
                    await notifier.ToUsersAsync(people, rubrik, text, null, s.Id, cause, ct);
                }

                var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => u.DisplayName).ToListAsync(ct);
                var mottagare = (instans.ContactEmail is { } address ? [address] : new List<string>()).Concat(names.Order(StringComparer.Ordinal)).ToList();
                var beskrivning = mottagare.Count == 0
                    ? $"Påminnelse till {instans.Name} registrerad; den nådde ingen (ingen e-postadress och inga användare) och brevet ska skickas på annat sätt."
                    : $"Påminnelse skickad till {instans.Name}: {string.Join(", ", mottagare)}.";
                audit.Record(s, "paminnelse.skickad", beskrivning, null, new
                {
                    till = instans.ContactEmail, epost = options.EmailEnabled && instans.ContactEmail is not null, mottagare, svarsdatum = s.Svarsdatum, dokument = stored.Sha256,
                });
                sent.Add(new SkickadPaminnelse(s.Id, instans.Name, instans.ContactEmail, stored.Sha256, mottagare));
            }

            return sent;
        }
    }

    /// <summary>The letter as e-mail text: the same words as the PDF, without layout.</summary>
    public static string PlainText(ComposedDocument doc)
    {
        var sb = new StringBuilder();
        foreach (var node in doc.Body)
        {
            switch (node)
            {
                case TitleNode t: sb.AppendLine(t.Text).AppendLine(); break;
                case SubtitleNode st: sb.AppendLine(st.Text).AppendLine(); break;
                case HeadingNode h: sb.AppendLine(h.Text); break;
                case ParagraphNode p: sb.AppendLine(string.Concat(p.Runs.Select(r => r.Text))).AppendLine(); break;
                case ListNode l:
                    for (var i = 0; i < l.Items.Count; i++)
                    {
                        sb.AppendLine(l.Numbered ? $"{i + 1}. {l.Items[i]}" : $"– {l.Items[i]}");
                    }

                    sb.AppendLine();
                    break;
                case TableNode tn:
                    foreach (var row in tn.Rows)
                    {
                        sb.AppendLine(string.Join(" | ", row));
                    }

                    sb.AppendLine();
                    break;
                case SignatureNode sig:
                    foreach (var lines in sig.Signatories)
                    {
                        sb.AppendLine(string.Join("\n", lines)).AppendLine();
                    }

                    break;
            }
        }

        return sb.ToString().TrimEnd() + "\n";
    }
}
