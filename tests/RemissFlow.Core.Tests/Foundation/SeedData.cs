using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

/// <summary>The smallest set of organisations most tests need, created through the real use case.</summary>
public static class SeedData
{
    public static async Task<(Guid Ks, Guid Sf)> KsAndSf(TestApp app)
    {
        var ks = await app.Ok(TestApp.Admin, new CreateOrganisation.Command("Kommunstyrelsen", OrganisationKind.Kommunstyrelse, "KS", "Stadsledningskontoret"));
        var sf = await app.Ok(TestApp.Admin, new CreateOrganisation.Command("Servicenämnden", OrganisationKind.Namnd, "SF", "Serviceförvaltningen"));
        return (ks, sf);
    }
}
