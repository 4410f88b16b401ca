using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

/// <summary>Gallring by a dokumenthanteringsplan (V0028).</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<GallringsplanRad> Gallringsplan => Set<GallringsplanRad>();

    public DbSet<Gallringsbeslut> Gallringsbeslut => Set<Gallringsbeslut>();

    public DbSet<GallringsPost> GallringsPoster => Set<GallringsPost>();

    public DbSet<Gallringsnotering> Gallringsnoteringar => Set<Gallringsnotering>();

    static partial void ConfigureGallringModel(ModelBuilder b)
    {
        b.Entity<GallringsplanRad>(e =>
        {
            e.ToTable("gallringsplan");
            e.Property(r => r.Handlingstyp).HasMaxLength(40);
            e.Property(r => r.Atgard).HasMaxLength(20);
            e.Property(r => r.Utgangspunkt).HasMaxLength(40);
            e.Property(r => r.Anmarkning).HasMaxLength(500);
            e.HasIndex(r => new { r.OrganisationId, r.Handlingstyp, r.PlanVersion }).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Gallringsbeslut>(e =>
        {
            e.ToTable("gallringsbeslut");
            e.Property(g => g.Beteckning).HasMaxLength(40);
            e.Property(g => g.Status).HasMaxLength(40);
            e.Property(g => g.BeslutadAvNamn).HasMaxLength(200);
            e.HasIndex(g => g.Beteckning).IsUnique();
            e.HasIndex(g => new { g.OrganisationId, g.Status });
            e.HasOne<Organisation>().WithMany().HasForeignKey(g => g.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(g => g.Poster).WithOne().HasForeignKey(p => p.BeslutId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<GallringsPost>(e =>
        {
            e.ToTable("gallringsbeslut_poster");
            e.Property(p => p.Handlingstyp).HasMaxLength(40);
            e.Property(p => p.ArendeTyp).HasMaxLength(40);
            e.Property(p => p.Dnr).HasMaxLength(50);
            e.Property(p => p.Namn).HasMaxLength(300);
            e.Property(p => p.Skal).HasMaxLength(500);
            e.HasIndex(p => p.BeslutId);
            e.HasIndex(p => p.HandlingId);
            e.HasOne<GallringsplanRad>().WithMany().HasForeignKey(p => p.PlanradId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Gallringsnotering>(e =>
        {
            e.ToTable("gallringsnoteringar");
            e.Property(n => n.ArendeTyp).HasMaxLength(40);
            e.Property(n => n.Dnr).HasMaxLength(50);
            e.Property(n => n.Handlingstyp).HasMaxLength(40);
            e.Property(n => n.Namn).HasMaxLength(300);
            e.Property(n => n.MediaType).HasMaxLength(150);
            e.Property(n => n.Sha256).HasMaxLength(64);
            e.HasIndex(n => n.ArendeId);
            e.HasIndex(n => n.HandlingId).IsUnique();
            e.HasOne<Gallringsbeslut>().WithMany().HasForeignKey(n => n.BeslutId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<GallringsplanRad>().WithMany().HasForeignKey(n => n.PlanradId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
