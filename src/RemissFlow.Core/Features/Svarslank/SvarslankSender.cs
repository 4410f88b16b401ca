using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Svarslank;

/// <summary>Loading an outside instans's remissvar for its sender's KS people to renew or revoke its svarslänk.</summary>
internal static class SvarslankSender
{
    public static async Task<(Domain.Remissvar? Svar, Remiss? Remiss, Organisation? Instans, Refusal? Refusal)> LoadAsync(
        RemissFlowDbContext db, Guid remissvarId, Actor actor, CancellationToken ct)
    {
        var svar = await db.Remissvar.FirstOrDefaultAsync(r => r.Id == remissvarId, ct);
        var remiss = svar is null ? null : await db.Remisser.AsNoTracking().FirstOrDefaultAsync(r => r.Id == svar.RemissId, ct);
        if (svar is null || remiss is null)
        {
            return (null, null, null, Refusal.NotFound("Remissvaret"));
        }

        if (!actor.IsSystem && remiss.AvsandareId != actor.OrganisationId)
        {
            return (null, null, null, Refusal.Forbidden("Bara remissens avsändare hanterar svarslänkarna."));
        }

        var instans = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == svar.InstansId, ct);
        if (instans.Kind != OrganisationKind.ExternOrganisation)
        {
            return (null, null, null, Refusal.Field("RemissvarId", $"{instans.Name} svarar i RemissFlow och har ingen svarslänk."));
        }

        if (svar.Status == RemissvarState.Aterkallad)
        {
            return (null, null, null, Refusal.Field("RemissvarId", "Remissen är återkallad; svarslänken kan inte användas."));
        }

        return (svar, remiss, instans, null);
    }
}
