using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>Ersättare periods (V0024).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<Ersattarperiod> Ersattarperioder => Set<Ersattarperiod>();

    static partial void ConfigureErsattareModel(ModelBuilder b)
    {
        b.Entity<Ersattarperiod>(e =>
        {
            e.ToTable("ersattarperioder");
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => new { p.ErsattareId, p.TillOchMed });
            e.HasIndex(p => new { p.FranvarandeId, p.TillOchMed });
            e.HasIndex(p => p.OrganisationId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(p => p.FranvarandeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(p => p.ErsattareId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
