using RemissFlow.Core.Access;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Features.Remisser;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>The KS matrix of one remiss, for the sender's KS-samordnare and registratorer (the web's matrix page).</summary>
public static class VisaRemissMatrix
{
    [RequiresRole(Role.KsSamordnare, Role.Registrator)]
    public sealed record Query(Guid RemissId) : IQuery<RemissMatrix>;

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, RemissMatrixQuery matrices) : IRequestHandler<Query, RemissMatrix>
    {
        public async Task<Result<RemissMatrix>> Handle(Query q, CancellationToken ct)
        {
            var (_, refusal) = await RemissAccess.ForSenderAsync(db, q.RemissId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var matrix = await matrices.ForRemissAsync(q.RemissId, ct);
            return matrix is null ? Refusal.NotFound("Remissen") : matrix;
        }
    }
}

/// <summary>The sammanställning as a file in one format, for the sender's KS-samordnare and registratorer.</summary>
public static class ExportSammanstallning
{
    [RequiresRole(Role.KsSamordnare, Role.Registrator)]
    public sealed record Query(Guid RemissId, SammanstallningFormat Format) : IQuery<RenderedDocument>;

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, SammanstallningExporter exporter) : IRequestHandler<Query, RenderedDocument>
    {
        public async Task<Result<RenderedDocument>> Handle(Query q, CancellationToken ct)
        {
            var (_, refusal) = await RemissAccess.ForSenderAsync(db, q.RemissId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            try
            {
                return await exporter.ExportAsync(q.RemissId, q.Format, null, ct);
            }
            catch (DocumentDataException e)
            {
                return Refusal.InvalidState(e.Message);
            }
        }
    }
}
