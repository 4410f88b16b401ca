using Microsoft.AspNetCore.Http.HttpResults;

namespace RemissFlow.Web.Api;

public static class MeEndpoints
{
    public sealed record MeDto(Guid Id, string Name, string? Email, Guid? OrganisationId, string? OrganisationName, IReadOnlyList<string> Roles);

    public static void MapMeEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/me", Me).WithTags("Inloggning").WithSummary("Den inloggade användaren, dess organisation och roller.");

    private static Ok<MeDto> Me(SignedInUser user) => TypedResults.Ok(new MeDto(
        user.UserId,
        user.Actor.Name,
        user.Email,
        user.Actor.OrganisationId,
        user.OrganisationName,
        user.Actor.Roles.OrderBy(r => r).Select(r => r.ToString()).ToList()));
}
