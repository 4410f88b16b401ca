using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>The meeting's protokoll and its digital approvals (V0018).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<Protokoll> Protokoll => Set<Protokoll>();

    public DbSet<ProtokollGodkannande> ProtokollGodkannanden => Set<ProtokollGodkannande>();

    static partial void ConfigureProtokollModel(ModelBuilder b)
    {
        b.Entity<Protokoll>(e =>
        {
            e.ToTable("protokoll");
            e.Property(p => p.Status).HasMaxLength(40);
            e.Property(p => p.JusteringPlats).HasMaxLength(200);
            e.Property(p => p.Forvaringsplats).HasMaxLength(300);
            e.HasIndex(p => p.SammantradeId).IsUnique();
            e.HasIndex(p => p.Status);
            e.HasOne<Sammantrade>().WithMany().HasForeignKey(p => p.SammantradeId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Godkannanden).WithOne().HasForeignKey(g => g.ProtokollId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(p => p.Last);
            e.Ignore(p => p.OverklagandeTill);
            e.Ignore(p => p.AnslagTasNed);
        });

        b.Entity<ProtokollGodkannande>(e =>
        {
            e.ToTable("protokoll_godkannanden");
            e.Property(g => g.Namn).HasMaxLength(Limits.Namn);
            e.HasIndex(g => g.ProtokollId);
            e.HasIndex(g => g.LedamotId);
            e.HasOne<Ledamot>().WithMany().HasForeignKey(g => g.LedamotId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
