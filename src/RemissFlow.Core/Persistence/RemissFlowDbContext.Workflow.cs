using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Notifications;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Persistence;

/// <summary>The engine's and the notifier's rows. The engine's classes are plain; they are mapped here so the engine knows nothing of EF Core.</summary>
public sealed partial class RemissFlowDbContext
{
    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();

    public DbSet<WorkflowBookmark> WorkflowBookmarks => Set<WorkflowBookmark>();

    public DbSet<WorkflowExecutionLogEntry> WorkflowLog => Set<WorkflowExecutionLogEntry>();

    public DbSet<PublishedWorkflowVersion> PublishedWorkflowVersions => Set<PublishedWorkflowVersion>();

    public DbSet<Notis> Notiser => Set<Notis>();

    public DbSet<UtgaendeEpost> UtgaendeEpost => Set<UtgaendeEpost>();

    static partial void ConfigureWorkflowModel(ModelBuilder b)
    {
        b.Entity<WorkflowInstance>(e =>
        {
            e.ToTable("workflow_instances");
            e.Property(i => i.DefinitionId).HasMaxLength(100);
            e.Property(i => i.State).HasMaxLength(60);
            e.Property(i => i.SubjectType).HasMaxLength(60);
            e.Property(i => i.Sequence).IsConcurrencyToken();
            e.HasIndex(i => new { i.SubjectType, i.SubjectId }).IsUnique();
            e.HasIndex(i => new { i.DefinitionId, i.Version, i.State });
        });

        b.Entity<WorkflowBookmark>(e =>
        {
            e.ToTable("workflow_bookmarks");
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Trigger).HasMaxLength(100);
            e.Property(x => x.ClaimedBy).HasMaxLength(100);
            e.Ignore(x => x.IsTimer);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.Kind, x.ResumeAt });
            e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<WorkflowExecutionLogEntry>(e =>
        {
            e.ToTable("workflow_log");
            e.Property(x => x.Trigger).HasMaxLength(100);
            e.Property(x => x.FromState).HasMaxLength(60);
            e.Property(x => x.ToState).HasMaxLength(60);
            e.Property(x => x.ActorName).HasMaxLength(200);
            e.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
            e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<PublishedWorkflowVersion>(e =>
        {
            e.ToTable("workflow_versions");
            e.HasKey(x => new { x.DefinitionId, x.Version });
            e.Property(x => x.DefinitionId).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });
    }

    static partial void ConfigureNotificationModel(ModelBuilder b)
    {
        b.Entity<Notis>(e =>
        {
            e.ToTable("notiser");
            e.Property(n => n.Rubrik).HasMaxLength(300);
            e.Property(n => n.Text).HasMaxLength(4000);
            e.Property(n => n.Lank).HasMaxLength(500);
            e.Property(n => n.DedupKey).HasMaxLength(200);
            e.HasIndex(n => n.DedupKey).IsUnique();
            e.HasIndex(n => new { n.UserId, n.ReadAt });
        });

        b.Entity<UtgaendeEpost>(e =>
        {
            e.ToTable("utgaende_epost");
            e.Property(n => n.Till).HasMaxLength(200);
            e.Property(n => n.Rubrik).HasMaxLength(300);
            e.Property(n => n.Text).HasMaxLength(10_000);
            e.Property(n => n.DedupKey).HasMaxLength(200);
            e.Property(n => n.LastError).HasMaxLength(2000);
            e.Property(n => n.ClaimedBy).HasMaxLength(100);
            e.Property(n => n.BilagaNamn).HasMaxLength(200);
            e.Property(n => n.BilagaTyp).HasMaxLength(200);
            e.HasIndex(n => n.DedupKey).IsUnique();
            e.HasIndex(n => new { n.SentAt, n.NextAttemptAt });
        });
    }
}
