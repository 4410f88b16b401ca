using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>E-mail read from the registry mailboxes (V0033), and what the registrator made of it (V0037).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<InkommandeEpost> Inkommande => Set<InkommandeEpost>();

    public DbSet<InkommandeBilaga> InkommandeBilagor => Set<InkommandeBilaga>();

    public DbSet<InkommandeBrevlada> InkommandeBrevlador => Set<InkommandeBrevlada>();

    static partial void ConfigureInkommandeModel(ModelBuilder b)
    {
        b.Entity<InkommandeEpost>(e =>
        {
            e.ToTable("inkommande");
            e.Property(i => i.Brevlada).HasMaxLength(100);
            e.Property(i => i.MessageId).HasMaxLength(Limits.MessageId);
            e.Property(i => i.Fran).HasMaxLength(Limits.Rubrik);
            e.Property(i => i.Till).HasMaxLength(1000);
            e.Property(i => i.Rubrik).HasMaxLength(Limits.Rubrik);
            e.Property(i => i.Text).HasMaxLength(Limits.InkommandeText);
            e.Property(i => i.Anmarkning).HasMaxLength(2000);
            e.Property(i => i.Status).HasMaxLength(40);
            e.Property(i => i.BlevTyp).HasMaxLength(20);
            e.Property(i => i.BlevDnr).HasMaxLength(40);
            e.Property(i => i.Skal).HasMaxLength(1000);
            e.Property(i => i.HanteradAvNamn).HasMaxLength(Limits.Rubrik);
            e.HasIndex(i => new { i.OrganisationId, i.MessageId }).IsUnique();
            e.HasIndex(i => new { i.OrganisationId, i.Status, i.MottagenAt });
            e.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(i => i.Bilagor).WithOne().HasForeignKey(a => a.InkommandeId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<InkommandeBilaga>(e =>
        {
            e.ToTable("inkommande_bilagor");
            e.Property(a => a.Namn).HasMaxLength(255);
            e.Property(a => a.MediaType).HasMaxLength(200);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.Avvisad).HasMaxLength(1000);
            e.HasIndex(a => a.InkommandeId);
        });

        b.Entity<InkommandeBrevlada>(e =>
        {
            e.ToTable("inkommande_brevlador");
            e.HasKey(m => m.Namn);
            e.Property(m => m.Namn).HasMaxLength(100);
            e.Property(m => m.ClaimedBy).HasMaxLength(100);
            e.Property(m => m.LastError).HasMaxLength(2000);
        });
    }
}
