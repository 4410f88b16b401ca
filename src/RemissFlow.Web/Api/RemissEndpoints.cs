using Microsoft.AspNetCore.Http.HttpResults;
using RemissFlow.Core.Access;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Web.Api.Idempotency;

namespace RemissFlow.Web.Api;

public static class RemissEndpoints
{
    public sealed record RemissDto(Guid Id, string Dnr, string Title, string? Description, DateOnly Svarsdatum, string Status,
        DateOnly? UtskickDatum, string? KontaktpersonNamn, string? KontaktpersonEpost, DateTimeOffset CreatedAt);

    public sealed record CreateRemissRequest(
        string? Title, string? Description, DateOnly? Svarsdatum, string? Dnr, bool? TillaterForvaltningensSvar,
        string? KontaktpersonNamn, string? KontaktpersonEpost) : IApiRequest;

    public static void MapRemissEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/remisser").WithTags("Remisser");
        group.MapGet("/", List).WithSummary("Remisserna du får se: KS ser alla, en remissinstans de remisser den har fått.");
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/", Create).AddEndpointFilter<IdempotencyFilter>()
            .WithSummary("Registrerar en ny remiss (utkast) hos KS. Skicka Idempotency-Key för att en dubbel sändning ska ge en remiss.");
        group.MapRemissCommandEndpoints();
    }

    /// <summary>What a user may read (<see cref="RemissAccess.Visible"/>): KS's registrators and samordnare every remiss; an instans those sent to it.</summary>
    public static IQueryable<Remiss> Visible(RemissFlowDbContext db, SignedInUser user) =>
        db.Remisser.AsNoTracking().Where(RemissAccess.Visible(user.Actor, user.IsKs, db.Remissvar));

    private static async Task<Ok<List<RemissDto>>> List(RemissFlowDbContext db, SignedInUser user, CancellationToken ct)
    {
        var remisser = await Visible(db, user).OrderBy(r => r.Svarsdatum).ThenBy(r => r.Dnr).ToListAsync(ct);
        return TypedResults.Ok(remisser.Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<RemissDto>, ProblemHttpResult>> Get(Guid id, RemissFlowDbContext db, SignedInUser user, CancellationToken ct) =>
        await Visible(db, user).FirstOrDefaultAsync(r => r.Id == id, ct) is { } remiss
            ? TypedResults.Ok(ToDto(remiss))
            : ApiProblems.From(Refusal.NotFound("Remissen"));

    private static async Task<Results<Created<RemissDto>, ProblemHttpResult>> Create(
        CreateRemissRequest r, IMediator mediator, RemissFlowDbContext db, CancellationToken ct)
    {
        if (r.Svarsdatum is null)
        {
            return ApiProblems.Field("Svarsdatum", "Svarsdatum måste fyllas i (ÅÅÅÅ-MM-DD).");
        }

        var result = await mediator.Send(new CreateRemiss.Command(
            r.Title ?? "", r.Description, r.Svarsdatum.Value, r.Dnr, r.TillaterForvaltningensSvar ?? false, r.KontaktpersonNamn, r.KontaktpersonEpost), ct);
        if (!result.Succeeded)
        {
            return ApiProblems.From(result.Refusal!);
        }

        var remiss = await db.Remisser.AsNoTracking().FirstAsync(x => x.Id == result.Value.Id, ct);
        return TypedResults.Created($"/api/remisser/{remiss.Id}", ToDto(remiss));
    }

    private static RemissDto ToDto(Remiss r) => new(r.Id, r.Dnr, r.Title, r.Description, r.Svarsdatum, r.Status, r.UtskickDatum,
        r.KontaktpersonNamn, r.KontaktpersonEpost, r.CreatedAt);
}
