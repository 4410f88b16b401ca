using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>Sekretess per handling (V0026) and masked copies (V0027).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<OslBestammelse> OslBestammelser => Set<OslBestammelse>();

    public DbSet<Sekretessmarkering> Sekretessmarkeringar => Set<Sekretessmarkering>();

    public DbSet<MaskeradKopia> MaskeradeKopior => Set<MaskeradKopia>();

    static partial void ConfigureSekretessModel(ModelBuilder b)
    {
        b.Entity<OslBestammelse>(e =>
        {
            e.ToTable("osl_bestammelser");
            e.Property(o => o.Beskrivning).HasMaxLength(200);
            e.Ignore(o => o.Hanvisning);
            e.HasIndex(o => new { o.Kapitel, o.Paragraf }).IsUnique();
        });
        b.Entity<Sekretessmarkering>(e =>
        {
            e.ToTable("sekretessmarkeringar");
            e.Property(m => m.HandlingTyp).HasMaxLength(20);
            e.Property(m => m.Skal).HasMaxLength(1000);
            e.HasIndex(m => new { m.HandlingTyp, m.HandlingId }).IsUnique();
            e.HasIndex(m => m.OrganisationId);
            e.HasOne<OslBestammelse>().WithMany().HasForeignKey(m => m.OslBestammelseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<MaskeradKopia>(e =>
        {
            e.ToTable("maskerade_kopior");
            e.Property(m => m.HandlingTyp).HasMaxLength(20);
            e.Property(m => m.FileName).HasMaxLength(255);
            e.Property(m => m.MediaType).HasMaxLength(100);
            e.Property(m => m.Sha256).HasMaxLength(64);
            e.HasIndex(m => new { m.HandlingTyp, m.HandlingId }).IsUnique();
        });
    }
}
