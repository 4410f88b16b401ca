using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Files;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>
/// What every step on an Inkommande item shares: who may handle it (a registrator or administratör of the organisation
/// whose mailbox it came to), that it still waits, and how its attachments become the files of the use case it is
/// turned into, straight from the file store.
/// </summary>
public static class InkommandeRules
{
    /// <summary>Whether the actor handles the queue of <paramref name="organisationId"/>.</summary>
    public static bool MayHandle(Actor actor, Guid organisationId) =>
        actor.OrganisationId == organisationId && actor.HasAny([Role.Registrator, Role.Administrator]);

    /// <summary>The item, tracked, if the actor may handle it; another organisation's item is not found, not forbidden, so its existence is not told.</summary>
    public static async Task<(InkommandeEpost? Item, Refusal? Refusal)> LoadAsync(RemissFlowDbContext db, Guid id, Actor actor, CancellationToken ct)
    {
        var item = await db.Inkommande.Include(i => i.Bilagor).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null || actor.OrganisationId != item.OrganisationId)
        {
            return (null, Refusal.NotFound("Det inkommande e-brevet"));
        }

        return MayHandle(actor, item.OrganisationId)
            ? (item, null)
            : (null, Refusal.Forbidden("Bara organisationens registratorer hanterar inkommande e-post."));
    }

    /// <summary>The item waits in the queue; once converted or set aside it is never converted a second time.</summary>
    public static async Task<(InkommandeEpost? Item, Refusal? Refusal)> LoadWaitingAsync(RemissFlowDbContext db, WorkflowHost host, Guid id, Actor actor, CancellationToken ct)
    {
        var (item, refusal) = await LoadAsync(db, id, actor, ct);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        if (item!.Status != InkommandeStatus.Ny)
        {
            var label = StateLabel.Of((await host.EngineAsync(ct)).Registry, DefinitionIds.Inkommande, 0, item.Status);
            return (null, Refusal.Field("InkommandeId", $"E-brevet är redan hanterat ({label}); det kan inte registreras en gång till."));
        }

        return (item, null);
    }

    /// <summary>The chosen attachments' bytes with their names; one that is not the item's, or was refused when the mail was read, is refused naming the field.</summary>
    public static (List<(InkommandeBilaga Bilaga, byte[] Content)>? Files, Refusal? Refusal) Files(InkommandeEpost item, IReadOnlyList<Guid> ids, FileStore files, string field)
    {
        var result = new List<(InkommandeBilaga, byte[])>();
        foreach (var id in ids.Distinct())
        {
            var bilaga = item.Bilagor.FirstOrDefault(b => b.Id == id);
            if (bilaga is null)
            {
                return (null, Refusal.Field(field, "Den valda bilagan hör inte till e-brevet."));
            }

            if (bilaga.Avvisad is not null)
            {
                return (null, Refusal.Field(field, $"Bilagan {bilaga.Namn} kan inte användas som handling: {bilaga.Avvisad}"));
            }

            var content = files.Read(bilaga.Sha256);
            if (content is null)
            {
                return (null, Refusal.Field(field, $"Bilagan {bilaga.Namn} finns inte längre i filarkivet."));
            }

            result.Add((bilaga, content));
        }

        return (result, null);
    }

    /// <summary>
    /// Runs an existing use case inside the current command's unit of work, with its own validation and access rules:
    /// the conversion and what it makes commit together or not at all.
    /// </summary>
    public static async Task<Result<TResult>> RunAsync<TRequest, TResult>(IServiceProvider services, TRequest request, CancellationToken ct)
        where TRequest : ICommand<TResult>
    {
        var invalid = await services.GetRequiredService<ValidationStep>().Validate(request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var forbidden = await services.GetRequiredService<AuthorizationStep>().Authorize(request, ct);
        if (forbidden is not null)
        {
            return forbidden;
        }

        return await services.GetRequiredService<IRequestHandler<TRequest, TResult>>().Handle(request, ct);
    }
}
