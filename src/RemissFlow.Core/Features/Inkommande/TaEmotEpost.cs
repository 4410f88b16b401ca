using RemissFlow.Core.Audit;
using RemissFlow.Core.Files;
using RemissFlow.Core.Intake.Mail;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>
/// Keeps one message read from a registry mailbox as an Inkommande item, unless the organisation already has the
/// Message-ID: the mailbox poller sends this before it moves the message, so a re-read or a crash between this commit
/// and the move finds the item and only moves the message. Two pollers racing past the check meet the unique key
/// (organisation, Message-ID): the later commit is refused as a conflict and the poller counts it as already there.
/// </summary>
public static class TaEmotEpost
{
    public enum Utfall
    {
        Ny,
        Redan,
    }

    public sealed record Svar(Utfall Utfall, Guid InkommandeId);

    /// <param name="Stored">Where each of <paramref name="Mail"/>'s attachments was put in the file store, in the same order.</param>
    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid OrganisationId, string Brevlada, ReadMail Mail, IReadOnlyList<StoredFile> Stored) : ICommand<Svar>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OrganisationId).NotEmpty();
            RuleFor(c => c.Brevlada).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Mail.MessageId).NotEmpty().MaximumLength(Limits.MessageId);
            RuleFor(c => c.Stored.Count).Equal(c => c.Mail.Attachments.Count).WithMessage("Varje bilaga ska vara sparad.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, Svar>
    {
        public async Task<Result<Svar>> Handle(Command c, CancellationToken ct)
        {
            var existing = await db.Inkommande.Where(i => i.OrganisationId == c.OrganisationId && i.MessageId == c.Mail.MessageId)
                .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
            if (existing is { } id)
            {
                return new Svar(Utfall.Redan, id);
            }

            var mail = c.Mail;
            var item = new InkommandeEpost
            {
                OrganisationId = c.OrganisationId,
                Brevlada = c.Brevlada,
                MessageId = mail.MessageId,
                Fran = mail.From,
                Till = mail.To,
                Rubrik = mail.Subject,
                Skickad = mail.Sent,
                MottagenAt = clock.GetUtcNow(),
                Text = mail.Text,
                Storlek = mail.Size,
                Anmarkning = mail.Remark,
                Status = InkommandeStatus.Ny,
                Bilagor = mail.Attachments.Select((a, i) => new InkommandeBilaga
                {
                    Ordning = i + 1,
                    Namn = a.Name,
                    MediaType = a.MediaType,
                    Sha256 = c.Stored[i].Sha256,
                    Storlek = c.Stored[i].Size,
                    Avvisad = a.Refusal,
                }).ToList(),
            };
            db.Inkommande.Add(item);
            var beskrivning = $"E-post från {mail.From} lästes in från brevlådan {c.Brevlada}: {mail.Subject}";
            audit.Record(nameof(InkommandeEpost), item.Id, null, "inkommande.mottagen", beskrivning.Length > 1000 ? beskrivning[..1000] : beskrivning,
                after: new { mail.MessageId, Bilagor = item.Bilagor.Select(b => b.Namn).ToList(), mail.Remark });
            return new Svar(Utfall.Ny, item.Id);
        }
    }
}
