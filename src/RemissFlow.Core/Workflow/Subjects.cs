using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>
/// The ärende as the engine sees it. It also carries the request's scope, so the host's
/// guards and actions (shared singletons) reach the same DbContext and transaction.
/// </summary>
public abstract class CoreSubject(IServiceProvider services, RemissFlowDbContext db) : IWorkflowSubject
{
    public IServiceProvider Services { get; } = services;

    public RemissFlowDbContext Db { get; } = db;

    public abstract string SubjectType { get; }

    public abstract Guid Id { get; }

    public abstract Guid OwnerOrganisationId { get; }

    public abstract Guid? SenderOrganisationId { get; }

    public abstract DateOnly? GetDate(string field);

    public abstract string? Dnr { get; }
}

public sealed class RemissSubject(IServiceProvider services, RemissFlowDbContext db, Remiss remiss) : CoreSubject(services, db)
{
    public const string Type = nameof(Domain.Remiss);

    public Remiss Remiss { get; } = remiss;

    public override string SubjectType => Type;

    public override Guid Id => Remiss.Id;

    public override Guid OwnerOrganisationId => Remiss.AvsandareId;

    public override Guid? SenderOrganisationId => Remiss.AvsandareId;

    public override string? Dnr => Remiss.Dnr;

    public override DateOnly? GetDate(string field) => field switch
    {
        "svarsdatum" => Remiss.Svarsdatum,
        "utskicksdatum" => Remiss.UtskickDatum,
        _ => null,
    };
}

public sealed class RemissvarSubject(IServiceProvider services, RemissFlowDbContext db, Remissvar svar, Remiss remiss) : CoreSubject(services, db)
{
    public const string Type = nameof(Domain.Remissvar);

    public Remissvar Svar { get; } = svar;

    public Remiss Remiss { get; } = remiss;

    public override string SubjectType => Type;

    public override Guid Id => Svar.Id;

    public override Guid OwnerOrganisationId => Svar.InstansId;

    public override Guid? SenderOrganisationId => Remiss.AvsandareId;

    public override string? Dnr => Svar.Dnr ?? Svar.AvsandareDnr;

    public override DateOnly? GetDate(string field) => field switch
    {
        "svarsdatum" => Svar.Svarsdatum,
        "registreringsdatum" => Svar.RegistreradDatum,
        _ => null,
    };
}

/// <summary>A meeting of an organ (workflows/sammantrade): owned by the organ's organisation, whose nämndsekreterare runs it.</summary>
public sealed class SammantradeSubject(IServiceProvider services, RemissFlowDbContext db, Sammantrade meeting, Organ organ) : CoreSubject(services, db)
{
    public const string Type = nameof(Domain.Sammantrade);

    public Sammantrade Meeting { get; } = meeting;

    public Organ Organ { get; } = organ;

    public override string SubjectType => Type;

    public override Guid Id => Meeting.Id;

    public override Guid OwnerOrganisationId => Organ.OrganisationId;

    public override Guid? SenderOrganisationId => null;

    public override string? Dnr => null;

    public override DateOnly? GetDate(string field) => field == "datum" ? Meeting.Datum : null;
}

/// <summary>A meeting's protokoll; owned by the organisation whose organ met.</summary>
public sealed class ProtokollSubject(IServiceProvider services, RemissFlowDbContext db, Protokoll protokoll, Sammantrade meeting, Organ organ) : CoreSubject(services, db)
{
    public const string Type = nameof(Domain.Protokoll);

    public Protokoll Protokoll { get; } = protokoll;

    public Sammantrade Meeting { get; } = meeting;

    public Organ Organ { get; } = organ;

    public override string SubjectType => Type;

    public override Guid Id => Protokoll.Id;

    public override Guid OwnerOrganisationId => Organ.OrganisationId;

    public override Guid? SenderOrganisationId => null;

    public override string? Dnr => null;

    public override DateOnly? GetDate(string field) => field switch
    {
        "sammantradesdatum" => Meeting.Datum,
        "anslagsdatum" => Protokoll.AnslagUppsatt,
        _ => null,
    };
}

/// <summary>An arkivarie's gallringsbeslut (workflows/gallring); owned by the organisation whose handlingar it covers.</summary>
public sealed class GallringSubject(IServiceProvider services, RemissFlowDbContext db, Gallringsbeslut beslut) : CoreSubject(services, db)
{
    public const string Type = nameof(Domain.Gallringsbeslut);

    public Gallringsbeslut Beslut { get; } = beslut;

    public override string SubjectType => Type;

    public override Guid Id => Beslut.Id;

    public override Guid OwnerOrganisationId => Beslut.OrganisationId;

    public override Guid? SenderOrganisationId => null;

    public override string? Dnr => Beslut.Beteckning;

    public override DateOnly? GetDate(string field) => null;
}

/// <summary>One e-mail in the registry's queue (workflows/inkommande); owned by the organisation whose mailbox it came to.</summary>
public sealed class InkommandeSubject(IServiceProvider services, RemissFlowDbContext db, InkommandeEpost item) : CoreSubject(services, db)
{
    public const string Type = nameof(Domain.InkommandeEpost);

    public InkommandeEpost Item { get; } = item;

    public override string SubjectType => Type;

    public override Guid Id => Item.Id;

    public override Guid OwnerOrganisationId => Item.OrganisationId;

    public override Guid? SenderOrganisationId => null;

    public override string? Dnr => Item.BlevDnr;

    public override DateOnly? GetDate(string field) => null;
}
