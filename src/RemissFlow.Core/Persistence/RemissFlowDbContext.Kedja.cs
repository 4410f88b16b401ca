using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Notifications;

namespace RemissFlow.Core.Persistence;

/// <summary>Expediering to an outside sender and the outbox's extra attachments (V0021).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<Expediering> Expedieringar => Set<Expediering>();

    public DbSet<UtgaendeEpostBilaga> UtgaendeEpostBilagor => Set<UtgaendeEpostBilaga>();

    static partial void ConfigureKedjaModel(ModelBuilder b)
    {
        b.Entity<Expediering>(e =>
        {
            e.ToTable("expedieringar");
            e.Property(x => x.Till).HasMaxLength(200);
            e.Property(x => x.Amne).HasMaxLength(300);
            e.Property(x => x.Filer).HasMaxLength(2000);
            e.Ignore(x => x.FilLista);
            e.HasIndex(x => x.RemissvarId).IsUnique();
            e.HasIndex(x => x.RemissId);
        });

        b.Entity<UtgaendeEpostBilaga>(e =>
        {
            e.ToTable("utgaende_epost_bilagor");
            e.Property(x => x.Namn).HasMaxLength(200);
            e.Property(x => x.Typ).HasMaxLength(200);
            e.HasIndex(x => x.EpostId);
        });
    }
}
