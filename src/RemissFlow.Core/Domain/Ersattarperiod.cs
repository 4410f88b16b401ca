namespace RemissFlow.Core.Domain;

/// <summary>
/// A period (Stockholm dates, both inclusive) during which <see cref="ErsattareId"/> holds the work and rights of
/// <see cref="FranvarandeId"/>, who is away. Both are of <see cref="OrganisationId"/>. No flag is switched on or off:
/// whether it holds is read from the date at each request, so the period starts and ends by itself.
/// </summary>
public sealed class Ersattarperiod : Entity
{
    public Guid OrganisationId { get; set; }

    public Guid FranvarandeId { get; set; }

    public Guid ErsattareId { get; set; }

    public DateOnly FranOchMed { get; set; }

    public DateOnly TillOchMed { get; set; }

    public Guid? SkapadAv { get; set; }

    public DateTimeOffset SkapadAt { get; set; }

    /// <summary>Set when the period is ended before its last day (the absent person is back); the row stays as history.</summary>
    public DateTimeOffset? AvslutadAt { get; set; }

    public bool GallerPa(DateOnly dag) => AvslutadAt is null && FranOchMed <= dag && dag <= TillOchMed;
}
