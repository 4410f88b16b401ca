using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>The OpenID Connect role mapping (V0025).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<OidcRollmappning> OidcRollmappningar => Set<OidcRollmappning>();

    static partial void ConfigureOidcModel(ModelBuilder b)
    {
        b.Entity<OidcRollmappning>(e =>
        {
            e.ToTable("oidc_rollmappningar");
            e.Property(m => m.Grupp).HasMaxLength(200);
            e.HasIndex(m => new { m.Grupp, m.OrganisationId, m.Roll }).IsUnique();
            e.HasIndex(m => m.OrganisationId);
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
