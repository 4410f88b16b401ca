using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Persistence;

public sealed partial class RemissFlowDbContext(DbContextOptions<RemissFlowDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Organisation> Organisationer => Set<Organisation>();

    public DbSet<DiarieSerie> DiarieSerier => Set<DiarieSerie>();

    public DbSet<Remiss> Remisser => Set<Remiss>();

    public DbSet<Remissvar> Remissvar => Set<Remissvar>();

    public DbSet<Anstand> Anstand => Set<Anstand>();

    public DbSet<Tjansteutlatande> Tjansteutlatanden => Set<Tjansteutlatande>();

    public DbSet<TjansteutlatandeVersion> TjansteutlatandeVersioner => Set<TjansteutlatandeVersion>();

    public DbSet<Organ> Organ => Set<Organ>();

    public DbSet<Sammantrade> Sammantraden => Set<Sammantrade>();

    public DbSet<Narvaro> Narvaro => Set<Narvaro>();

    public DbSet<Jav> Jav => Set<Jav>();

    public DbSet<Votering> Voteringar => Set<Votering>();

    public DbSet<Foredragningspunkt> Foredragningspunkter => Set<Foredragningspunkt>();

    public DbSet<Ledamot> Ledamoter => Set<Ledamot>();

    public DbSet<OvrigPunkt> OvrigaPunkter => Set<OvrigPunkt>();

    public DbSet<BeredningHandelse> BeredningHandelser => Set<BeredningHandelse>();

    public DbSet<Beslut> Beslut => Set<Beslut>();

    public DbSet<Bilaga> Bilagor => Set<Bilaga>();

    public DbSet<Handelse> Handelser => Set<Handelse>();

    private bool? _isPostgres;

    /// <summary>Asked several times per command (write gate, audit chain); resolving the provider each time showed up in the workflow bench's profile.</summary>
    public bool IsPostgres => _isPostgres ??= Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        if (!IsPostgres)
        {
            // SQLite cannot order or compare DateTimeOffset stored as text; UTC ticks sort correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(Limits.Namn);
            e.Property(u => u.Title).HasMaxLength(Limits.Namn);
            e.Property(u => u.CalendarToken).HasMaxLength(64);
            e.HasIndex(u => u.CalendarToken).IsUnique();
            e.HasIndex(u => u.OrganisationId);
            e.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Organisation>(e =>
        {
            e.ToTable("organisationer");
            e.Property(o => o.Name).HasMaxLength(Limits.Namn);
            e.Property(o => o.ForvaltningName).HasMaxLength(Limits.Namn);
            e.Property(o => o.DnrPrefix).HasMaxLength(10);
            e.HasIndex(o => o.DnrPrefix).IsUnique();
            e.HasIndex(o => o.Name).IsUnique();
            e.Property(o => o.ContactEmail).HasMaxLength(Limits.Namn);
            e.Property(o => o.ContactPhone).HasMaxLength(Limits.Telefon);
            e.Property(o => o.LogoSha256).HasMaxLength(64);
            e.Property(o => o.LogoMediaType).HasMaxLength(40);
            e.Property(o => o.PostalAddress).HasMaxLength(Limits.Adress);
            e.Property(o => o.VisitingAddress).HasMaxLength(Limits.Adress);
            e.Property(o => o.Web).HasMaxLength(Limits.Namn);
            e.PrimitiveCollection(o => o.BeredningOrgan);
            e.Property(o => o.DnrFormat).HasMaxLength(60);
            e.Property(o => o.SvarsEpost).HasMaxLength(Limits.Namn);
            e.Property(o => o.SvarsAdress).HasMaxLength(Limits.Adress);
            e.Property(o => o.LeveransFilnamn).HasMaxLength(200);
        });

        b.Entity<DiarieSerie>(e =>
        {
            e.ToTable("diarieserier");
            e.HasKey(s => new { s.OrganisationId, s.Year });
        });

        b.Entity<Remiss>(e =>
        {
            e.ToTable("remisser");
            e.Property(r => r.Dnr).HasMaxLength(30);
            e.HasIndex(r => r.Dnr).IsUnique();
            e.Property(r => r.Title).HasMaxLength(Limits.Rubrik);
            e.Property(r => r.Description).HasMaxLength(10_000);
            e.Property(r => r.Status).HasMaxLength(60);
            e.Property(r => r.KontaktpersonNamn).HasMaxLength(200);
            e.Property(r => r.KontaktpersonEpost).HasMaxLength(200);
            e.HasIndex(r => new { r.Status, r.Svarsdatum });
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.AvsandareId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Remisslista).WithOne().HasForeignKey(p => p.RemissId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => r.ExterntArendeId);
            e.HasOne<Remissvar>().WithMany().HasForeignKey(r => r.ExterntArendeId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<RemisslistaPost>(e =>
        {
            e.ToTable("remisslista");
            e.HasKey(p => new { p.RemissId, p.OrganisationId });
            e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Remissvar>(e =>
        {
            e.ToTable("remissvar");
            e.Property(r => r.AvsandareDnr).HasMaxLength(30);
            e.Property(r => r.Dnr).HasMaxLength(30);
            e.HasIndex(r => r.Dnr).IsUnique();
            e.Property(r => r.Status).HasMaxLength(60);
            e.Property(r => r.Nyckelpunkter).HasMaxLength(10_000);
            e.Property(r => r.AvstarMotivering).HasMaxLength(Limits.Motivering);
            e.HasIndex(r => new { r.RemissId, r.InstansId }).IsUnique();
            e.HasIndex(r => new { r.InstansId, r.Status, r.Svarsdatum });
            e.HasOne<Remiss>().WithMany().HasForeignKey(r => r.RemissId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.InstansId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.HandlaggareId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Anstand>(e =>
        {
            e.ToTable("anstand");
            e.Property(a => a.Motivering).HasMaxLength(Limits.AnstandText);
            e.Property(a => a.BeslutKommentar).HasMaxLength(Limits.AnstandText);
            e.HasIndex(a => a.RemissvarId);
            e.HasOne<Remissvar>().WithMany().HasForeignKey(a => a.RemissvarId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Tjansteutlatande>(e =>
        {
            e.ToTable("tjansteutlatanden");
            e.Property(t => t.Rubrik).HasMaxLength(Limits.Rubrik);
            e.HasIndex(t => t.RemissvarId).IsUnique();
            e.HasOne<Remissvar>().WithMany().HasForeignKey(t => t.RemissvarId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(t => t.Versioner).WithOne().HasForeignKey(v => v.TjansteutlatandeId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<TjansteutlatandeVersion>(e =>
        {
            e.ToTable("tjansteutlatande_versioner");
            e.HasIndex(v => new { v.TjansteutlatandeId, v.Nummer }).IsUnique();
            e.Property(v => v.Rubrik).HasMaxLength(Features.Remissvar.SaveTjansteutlatande.Max.Rubrik);
            e.Property(v => v.ForslagTillBeslut).HasMaxLength(Features.Remissvar.SaveTjansteutlatande.Max.ForslagTillBeslut);
            e.Property(v => v.Sammanfattning).HasMaxLength(Features.Remissvar.SaveTjansteutlatande.Max.Sammanfattning);
            e.Property(v => v.Bakgrund).HasMaxLength(Features.Remissvar.SaveTjansteutlatande.Max.Bakgrund);
            e.Property(v => v.Arendet).HasMaxLength(Features.Remissvar.SaveTjansteutlatande.Max.Arendet);
            e.Property(v => v.ArendetsBeredning).HasMaxLength(Features.Remissvar.SaveTjansteutlatande.Max.ArendetsBeredning);
            e.Property(v => v.Synpunkter).HasMaxLength(Features.Remissvar.SaveTjansteutlatande.Max.Synpunkter);
            e.Property(v => v.Kommentar).HasMaxLength(Features.Remissvar.SaveTjansteutlatande.Max.Kommentar);
        });

        b.Entity<Organ>(e =>
        {
            e.ToTable("organ");
            e.Property(o => o.Name).HasMaxLength(200);
            e.HasIndex(o => new { o.OrganisationId, o.Kind });
            e.HasOne<Organisation>().WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Sammantrade>(e =>
        {
            e.ToTable("sammantraden");
            e.Property(s => s.Lokal).HasMaxLength(200);
            e.Property(s => s.Status).HasMaxLength(60);
            e.HasIndex(s => new { s.OrganId, s.Datum }).IsUnique();
            e.HasOne<Organ>().WithMany().HasForeignKey(s => s.OrganId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Foredragningslista).WithOne().HasForeignKey(p => p.SammantradeId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Foredragningspunkt>(e =>
        {
            e.ToTable("foredragningspunkter");
            e.Property(p => p.Rubrik).HasMaxLength(300);
            e.HasIndex(p => new { p.SammantradeId, p.RemissvarId }).IsUnique();
            e.HasIndex(p => p.RemissvarId);
            e.HasOne<Remissvar>().WithMany().HasForeignKey(p => p.RemissvarId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Ledamot>(e =>
        {
            e.ToTable("ledamoter");
            e.Property(l => l.Namn).HasMaxLength(Limits.Namn);
            e.Property(l => l.Parti).HasMaxLength(Features.Sammantraden.LedamotRules.PartiMax);
            e.HasIndex(l => new { l.OrganId, l.Till });
            e.HasIndex(l => l.UserId);
            e.HasOne<Organ>().WithMany().HasForeignKey(l => l.OrganId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<OvrigPunkt>(e =>
        {
            e.ToTable("ovriga_punkter");
            e.Property(p => p.Rubrik).HasMaxLength(Limits.Rubrik);
            e.Property(p => p.Dnr).HasMaxLength(30);
            e.Property(p => p.Foredragande).HasMaxLength(Limits.Namn);
            e.Property(p => p.Beslutsforslag).HasMaxLength(Features.Sammantraden.AddOvrigPunkt.BeslutsforslagMax);
            e.HasIndex(p => p.SammantradeId);
            e.HasOne<Sammantrade>().WithMany().HasForeignKey(p => p.SammantradeId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Narvaro>(e =>
        {
            e.ToTable("narvaro");
            e.HasIndex(n => new { n.SammantradeId, n.LedamotId }).IsUnique();
            e.HasOne<Sammantrade>().WithMany().HasForeignKey(n => n.SammantradeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Ledamot>().WithMany().HasForeignKey(n => n.LedamotId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Jav>(e =>
        {
            e.ToTable("jav");
            e.HasIndex(j => new { j.SammantradeId, j.PunktId, j.LedamotId }).IsUnique();
            e.HasOne<Sammantrade>().WithMany().HasForeignKey(j => j.SammantradeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Ledamot>().WithMany().HasForeignKey(j => j.LedamotId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Votering>(e =>
        {
            e.ToTable("voteringar");
            e.Property(v => v.JaForslag).HasMaxLength(Features.Sammantraden.RegistreraVotering.ForslagMax);
            e.Property(v => v.NejForslag).HasMaxLength(Features.Sammantraden.RegistreraVotering.ForslagMax);
            e.Property(v => v.Utfall).HasMaxLength(Features.Sammantraden.RegistreraVotering.ForslagMax);
            e.HasIndex(v => new { v.SammantradeId, v.PunktId });
            e.HasOne<Sammantrade>().WithMany().HasForeignKey(v => v.SammantradeId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(v => v.Roster, o => o.ToJson("roster"));
        });

        b.Entity<BeredningHandelse>(e =>
        {
            e.ToTable("beredning_handelser");
            e.Property(h => h.OrganNamn).HasMaxLength(200);
            e.HasIndex(h => h.RemissvarId);
            e.HasOne<Remissvar>().WithMany().HasForeignKey(h => h.RemissvarId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Beslut>(e =>
        {
            e.ToTable("beslut");
            e.Property(x => x.Beslutstext).HasMaxLength(10_000);
            e.Property(x => x.Beslutsunderlag).HasMaxLength(4000);
            e.Property(x => x.Voteringsordning).HasMaxLength(10_000);
            e.Property(x => x.Justerare).HasMaxLength(400);
            e.Property(x => x.ExpedierasTill).HasMaxLength(1000);
            e.Property(x => x.ForslagTillFullmaktige).HasMaxLength(10_000);
            e.HasIndex(x => x.RemissvarId);
            e.HasOne<Remissvar>().WithMany().HasForeignKey(x => x.RemissvarId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Sammantrade>().WithMany().HasForeignKey(x => x.SammantradeId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(x => x.Yrkanden, o => o.ToJson("yrkanden"));
            e.OwnsMany(x => x.Reservationer, o => o.ToJson("reservationer"));
            e.OwnsMany(x => x.SarskildaUttalanden, o => o.ToJson("sarskilda_uttalanden"));
        });

        b.Entity<Bilaga>(e =>
        {
            e.ToTable("bilagor");
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.Rubrik).HasMaxLength(Limits.Rubrik);
            e.Property(x => x.MediaType).HasMaxLength(150);
            e.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
            e.HasIndex(x => x.RemissId);
            e.HasIndex(x => x.RemissvarId);
            e.HasOne<Remiss>().WithMany().HasForeignKey(x => x.RemissId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Remissvar>().WithMany().HasForeignKey(x => x.RemissvarId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Handelse>(e =>
        {
            e.ToTable("handelser");
            e.HasKey(h => h.Sequence);
            e.Property(h => h.Sequence).ValueGeneratedNever();
            e.Property(h => h.ActorName).HasMaxLength(200);
            e.Property(h => h.PaUppdragAvNamn).HasMaxLength(200);
            e.Property(h => h.ArendeTyp).HasMaxLength(60);
            e.Property(h => h.Dnr).HasMaxLength(30);
            e.Property(h => h.Action).HasMaxLength(100);
            e.Property(h => h.Beskrivning).HasMaxLength(1000);
            e.Property(h => h.PreviousHash).HasMaxLength(64);
            e.Property(h => h.Hash).HasMaxLength(64);
            e.HasIndex(h => new { h.ArendeId, h.Sequence });
        });

        foreach (var entity in b.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
        {
            b.Entity(entity.ClrType).Property(nameof(Domain.Entity.Version)).IsConcurrencyToken();
        }

        ConfigureWorkflowModel(b);
        ConfigureNotificationModel(b);
        ConfigureProtokollModel(b);
        ConfigureErsattareModel(b);
        ConfigureKedjaModel(b);
        ConfigureSekretessModel(b);
        ConfigureMallarModel(b);
        ConfigureOidcModel(b);
        ConfigureGallringModel(b);
        ConfigureKoModel(b);
        ConfigureInkommandeModel(b);
        ConfigureSvarslankModel(b);
    }

    static partial void ConfigureProtokollModel(ModelBuilder b);

    static partial void ConfigureErsattareModel(ModelBuilder b);

    static partial void ConfigureKedjaModel(ModelBuilder b);
    static partial void ConfigureSekretessModel(ModelBuilder b);
    static partial void ConfigureMallarModel(ModelBuilder b);
    static partial void ConfigureOidcModel(ModelBuilder b);

    static partial void ConfigureGallringModel(ModelBuilder b);

    static partial void ConfigureKoModel(ModelBuilder b);
    static partial void ConfigureInkommandeModel(ModelBuilder b);
    static partial void ConfigureSvarslankModel(ModelBuilder b);

    static partial void ConfigureWorkflowModel(ModelBuilder b);

    static partial void ConfigureNotificationModel(ModelBuilder b);

    /// <summary>
    /// Set by a command's transaction step on SQLite while the command is still only reading: the
    /// first write must take the process's write turn and open the transaction (see
    /// <see cref="BeginWritingAsync"/>). Null outside commands and on PostgreSQL.
    /// </summary>
    internal Func<CancellationToken, Task>? TakeWriteTurn { get; set; }

    /// <summary>True while a command reads without a transaction; a write now would escape it.</summary>
    internal bool IsReadingOutsideTransaction => TakeWriteTurn is not null && Database.CurrentTransaction is null;

    /// <summary>
    /// Code that writes with raw SQL inside a command calls this first, so the write lands in the
    /// command's transaction. SaveChanges does it by itself.
    /// </summary>
    public async Task BeginWritingAsync(CancellationToken ct)
    {
        if (IsReadingOutsideTransaction)
        {
            await TakeWriteTurn!(ct);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (IsReadingOutsideTransaction)
        {
            throw new InvalidOperationException("A command saves synchronously before taking its write turn; use SaveChangesAsync.");
        }

        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await BeginWritingAsync(cancellationToken);
        BumpVersions();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Modified)
            {
                // Through the entry, so the new value counts even when the caller has already run change detection and turned it off.
                var version = entry.Property(e => e.Version);
                version.CurrentValue++;
            }
        }
    }

    public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
