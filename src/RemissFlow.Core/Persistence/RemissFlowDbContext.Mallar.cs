using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>Template overrides per organisation and document kind, versioned (V0035).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<Dokumentmall> Dokumentmallar => Set<Dokumentmall>();

    static partial void ConfigureMallarModel(ModelBuilder b)
    {
        b.Entity<Dokumentmall>(e =>
        {
            e.ToTable("dokumentmallar");
            e.Property(m => m.Dokumenttyp).HasMaxLength(40);
            e.Property(m => m.Sha256).HasMaxLength(64);
            e.HasIndex(m => new { m.OrganisationId, m.Dokumenttyp, m.Version }).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
