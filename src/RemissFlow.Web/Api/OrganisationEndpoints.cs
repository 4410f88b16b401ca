using Microsoft.AspNetCore.Http.HttpResults;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Api.Idempotency;

namespace RemissFlow.Web.Api;

/// <summary>The organisation register: readable by every signed-in user (it is what remisslistor are built from), changed by administrators.</summary>
public static class OrganisationEndpoints
{
    public sealed record OrganisationDto(
        Guid Id, string Name, OrganisationKind Kind, string DnrPrefix, string? ForvaltningName, string? ContactEmail, string? ContactPhone,
        string? PostalAddress, string? VisitingAddress, string? Web, IReadOnlyList<OrganKind> BeredningOrgan, bool Active, int Version,
        bool TillatSjalvgodkannande);

    public sealed record CreateOrganisationRequest(
        string? Name, OrganisationKind? Kind, string? DnrPrefix, string? ForvaltningName, string? ContactEmail, string? ContactPhone,
        string? PostalAddress, string? VisitingAddress, string? Web, IReadOnlyList<OrganKind>? BeredningOrgan) : IApiRequest;

    public sealed record UpdateOrganisationRequest(
        int? ExpectedVersion, string? Name, string? ForvaltningName, string? ContactEmail, string? ContactPhone,
        string? PostalAddress, string? VisitingAddress, string? Web, IReadOnlyList<OrganKind>? BeredningOrgan, bool? Active,
        bool? TillatSjalvgodkannande = null) : IApiRequest;

    public static void MapOrganisationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisationer").WithTags("Organisationer");
        group.MapGet("/", List).WithSummary("Alla organisationer i svensk bokstavsordning.");
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/", Create).AddEndpointFilter<IdempotencyFilter>().WithSummary("Lägger upp en organisation (administratör).");
        group.MapPut("/{id:guid}", Update).WithSummary("Ändrar en organisation; expectedVersion måste vara den version du läste. tillatSjalvgodkannande utelämnat behåller inställningen.");
    }

    private static async Task<Ok<List<OrganisationDto>>> List(RemissFlowDbContext db, CancellationToken ct)
    {
        var all = await db.Organisationer.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(all.OrderBy(o => o.Name, SwedishText.Comparer).Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> Get(Guid id, RemissFlowDbContext db, CancellationToken ct) =>
        await db.Organisationer.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) is { } o
            ? TypedResults.Ok(ToDto(o))
            : ApiProblems.From(Refusal.NotFound("Organisationen"));

    private static async Task<Results<Created<OrganisationDto>, ProblemHttpResult>> Create(
        CreateOrganisationRequest r, IMediator mediator, RemissFlowDbContext db, CancellationToken ct)
    {
        if (r.Kind is null)
        {
            return ApiProblems.Field("Kind", "Organisationstyp måste anges (Kommunstyrelse, Namnd, Bolag eller ExternOrganisation).");
        }

        var result = await mediator.Send(new CreateOrganisation.Command(
            r.Name ?? "", r.Kind.Value, r.DnrPrefix ?? "", r.ForvaltningName, r.ContactEmail, r.ContactPhone, r.PostalAddress, r.VisitingAddress, r.Web, r.BeredningOrgan), ct);
        if (!result.Succeeded)
        {
            return ApiProblems.From(result.Refusal!);
        }

        var created = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == result.Value, ct);
        return TypedResults.Created($"/api/organisationer/{created.Id}", ToDto(created));
    }

    private static async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> Update(
        Guid id, UpdateOrganisationRequest r, IMediator mediator, RemissFlowDbContext db, CancellationToken ct)
    {
        if (r.ExpectedVersion is null)
        {
            return ApiProblems.Field("ExpectedVersion", "expectedVersion måste anges: versionen du läste, så att ingen annans ändring skrivs över.");
        }

        var result = await mediator.Send(new UpdateOrganisation.Command(
            id, r.ExpectedVersion.Value, r.Name ?? "", r.ForvaltningName, r.ContactEmail, r.ContactPhone, r.PostalAddress, r.VisitingAddress, r.Web,
            r.BeredningOrgan ?? [], r.Active ?? true, r.TillatSjalvgodkannande), ct);
        if (!result.Succeeded)
        {
            return ApiProblems.From(result.Refusal!);
        }

        return TypedResults.Ok(ToDto(await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == id, ct)));
    }

    private static OrganisationDto ToDto(Organisation o) => new(
        o.Id, o.Name, o.Kind, o.DnrPrefix, o.ForvaltningName, o.ContactEmail, o.ContactPhone, o.PostalAddress, o.VisitingAddress, o.Web,
        o.BeredningOrgan, o.Active, o.Version, o.TillatSjalvgodkannande);
}
