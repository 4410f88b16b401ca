using Microsoft.Extensions.DependencyInjection;

namespace RemissFlow.Core.Oversikt;

public static class OversiktServices
{
    /// <summary>The read models of the overviews (deadline board, KS matrix).</summary>
    public static IServiceCollection AddRemissFlowOversikt(this IServiceCollection services)
    {
        services.AddSingleton<PlanMemo>();
        services.AddSingleton<OversiktCache>();
        services.AddScoped<DeadlineBoardQuery>();
        services.AddScoped<KsMatrixQuery>();
        return services;
    }
}
