using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>Outside organisations' answer links and what came in through them (V0038).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<Svarslank> Svarslankar => Set<Svarslank>();

    public DbSet<SvarslankSvar> SvarslankSvar => Set<SvarslankSvar>();

    static partial void ConfigureSvarslankModel(ModelBuilder b)
    {
        b.Entity<Svarslank>(e =>
        {
            e.ToTable("svarslankar");
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasIndex(l => l.RemissvarId);
            e.HasOne<Remissvar>().WithMany().HasForeignKey(l => l.RemissvarId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<SvarslankSvar>(e =>
        {
            e.ToTable("svarslank_svar");
            e.Property(s => s.Text).HasMaxLength(Limits.SvarslankText);
            e.Property(s => s.KontaktNamn).HasMaxLength(Limits.Namn);
            e.Property(s => s.KontaktEpost).HasMaxLength(Limits.Namn);
            e.HasIndex(s => new { s.RemissvarId, s.Nummer }).IsUnique();
            e.HasOne<Remissvar>().WithMany().HasForeignKey(s => s.RemissvarId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Svarslank>().WithMany().HasForeignKey(s => s.SvarslankId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
