using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>Template overrides per organisation and document kind, versioned (V0035); the resolved templates approved TU versions were rendered with (V0039).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<Dokumentmall> Dokumentmallar => Set<Dokumentmall>();

    public DbSet<Mallversion> Mallversioner => Set<Mallversion>();

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

        b.Entity<Mallversion>(e =>
        {
            e.ToTable("mallversioner");
            e.HasKey(m => m.Sha256);
            e.Property(m => m.Sha256).HasMaxLength(64);
            e.Property(m => m.Dokumenttyp).HasMaxLength(40);
        });

        b.Entity<TjansteutlatandeVersion>(e =>
        {
            e.Property(v => v.MallVersion).HasMaxLength(64);
            e.HasOne<Mallversion>().WithMany().HasForeignKey(v => v.MallVersion).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
