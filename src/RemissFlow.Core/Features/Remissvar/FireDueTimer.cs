using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// Fires one claimed timer. The bookmark's deletion and everything the timer caused commit in
/// one transaction, so a timer fires once: if the host dies first, the claim lapses and another
/// host fires it; once committed, the bookmark is gone and a second attempt does nothing.
/// </summary>
public static class FireDueTimer
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid BookmarkId) : ICommand<FireOutcome>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.BookmarkId).NotEmpty();
    }

    public sealed class Handler(RemissFlowDbContext db, WorkflowRunner workflow) : IRequestHandler<Command, FireOutcome>
    {
        public async Task<Result<FireOutcome>> Handle(Command c, CancellationToken ct)
        {
            var bookmark = await db.WorkflowBookmarks.FirstOrDefaultAsync(b => b.Id == c.BookmarkId, ct);
            if (bookmark is null)
            {
                return FireOutcome.Skipped;
            }

            return await workflow.FireTimerAsync(bookmark, ct);
        }
    }
}
