using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>Claims on the shared queues per organisation and role (V0029).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<KoTagning> KoTagningar => Set<KoTagning>();

    static partial void ConfigureKoModel(ModelBuilder b)
    {
        b.Entity<KoTagning>(e =>
        {
            e.ToTable("ko_tagningar");
            e.HasKey(k => k.RemissvarId);
            e.Property(k => k.Roll).HasMaxLength(40);
            e.HasIndex(k => new { k.OrganisationId, k.TagenAv });
            e.HasOne<Remissvar>().WithMany().HasForeignKey(k => k.RemissvarId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(k => k.TagenAv).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
