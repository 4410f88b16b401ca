using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>Who may prepare a meeting: the nämndsekreterare of the organ's own organisation (or an administratör, or the system).</summary>
public static class MeetingAccess
{
    public static async Task<(Sammantrade? Meeting, Organ? Organ, Refusal? Refusal)> ForSekreterareAsync(RemissFlowDbContext db, Actor actor, Guid sammantradeId, CancellationToken ct)
    {
        var found = await (from m in db.Sammantraden
                           join o in db.Organ on m.OrganId equals o.Id
                           where m.Id == sammantradeId
                           select new { m, o }).FirstOrDefaultAsync(ct);
        if (found is null || (!actor.IsSystem && !actor.Has(Role.Administrator) && actor.OrganisationId != found.o.OrganisationId))
        {
            // Another organisation's meeting is not named, as its ärenden are not.
            return (null, null, Refusal.NotFound("Sammanträdet"));
        }

        return (found.m, found.o, null);
    }

    /// <summary>
    /// A meeting of one of <paramref name="organisationId"/>'s organs, with its organ, read without tracking; null when the
    /// meeting is another organisation's or does not exist (the pages answer 404 alike, as for ärenden).
    /// </summary>
    public static async Task<(Sammantrade Meeting, Organ Organ)?> OfOrganisationAsync(RemissFlowDbContext db, Guid? organisationId, Guid sammantradeId, CancellationToken ct)
    {
        var found = await (from m in db.Sammantraden.AsNoTracking()
                           join o in db.Organ.AsNoTracking() on m.OrganId equals o.Id
                           where m.Id == sammantradeId && o.OrganisationId == organisationId
                           select new { m, o }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.m, found.o);
    }

    /// <summary>
    /// The item a jäv or a votering is recorded on, for the sekreterare: the meeting has begun and its närvaro is recorded,
    /// since who serves on the item follows from it. <paramref name="what"/> ("jäv", "votering") names the act in the refusals.
    /// </summary>
    public static async Task<Result<(SammantradeProtokollData Data, PunktData Punkt)>> PunktAtMeetingAsync(
        RemissFlowDbContext db, Actor actor, Guid sammantradeId, Guid punktId, string what, CancellationToken ct)
    {
        var (meeting, _, refusal) = await ForSekreterareAsync(db, actor, sammantradeId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!SammantradeState.HasBegun(meeting!))
        {
            return Refusal.InvalidState($"Sammanträdet har inte öppnats; {what} registreras när sammanträdet har börjat.");
        }

        var data = (await SammantradeProtokollData.LoadAsync(db, meeting!.Id, ct))!;
        if (!data.NarvaroRegistrerad)
        {
            return Refusal.InvalidState($"Närvaron är inte registrerad; registrera den innan {what} registreras.");
        }

        return data.PunktOf(punktId) is { } punkt
            ? Result<(SammantradeProtokollData, PunktData)>.Ok((data, punkt))
            : Refusal.Field("PunktId", "Punkt: punkten finns inte på sammanträdets föredragningslista.");
    }
}
