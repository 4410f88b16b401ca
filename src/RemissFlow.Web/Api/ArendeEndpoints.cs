using Microsoft.AspNetCore.Http.HttpResults;
using RemissFlow.Core.Access;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Workflow;
using RemissFlow.Web.Api.Idempotency;
using RemissFlow.Web.Pages.Arenden;

namespace RemissFlow.Web.Api;

/// <summary>
/// The instans's ärende over JSON: the same use cases as the pages, the same read rule
/// (<see cref="ArendeAccess"/>), ProblemDetails with Swedish detail, Idempotency-Key on every POST.
/// </summary>
public static class ArendeEndpoints
{
    public sealed record TriggerDto(string Trigger, string Label, bool Permitted, string? RefusalMessage);

    public sealed record ArendeDto(Guid Id, Guid RemissId, string Title, string? Dnr, string AvsandareDnr, string Instans, string? Handlaggare,
        DateOnly Svarsdatum, DateOnly UrsprungligtSvarsdatum, string Status, string StatusLabel, int? TuSenasteVersion, int? TuGodkandVersion,
        IReadOnlyList<TriggerDto> Triggers);

    public sealed record StatusDto(Guid Id, string Status);

    public sealed record RegistreradDto(Guid Id, string Dnr);

    public sealed record TuSavedDto(Guid Id, int Version);

    /// <summary>The multipart field of a TU import: the Word file (or PDF or text) to read as a proposal.</summary>
    public sealed record TuImportUpload(IFormFile Fil);

    public sealed record TuImportSectionDto(string Key, string Heading, string Text, double Confidence, string? SourceHeading);

    /// <summary>Nothing is stored: the client saves the sections it keeps through POST /tu with basedOnVersion.</summary>
    public sealed record TuImportDto(int? BasedOnVersion, string? Rubrik, IReadOnlyList<TuImportSectionDto> Sections, IReadOnlyList<string> Warnings, string Format);

    public sealed record TilldelaRequest(Guid? HandlaggareId) : IApiRequest;

    public sealed record HandelseRequest(string? Kommentar) : IApiRequest;

    /// <summary>Optional: a number the remiss already has in the municipality's own diarium, taken instead of the series' next.</summary>
    public sealed record RegistreraRequest(string? BefintligtDiarienummer) : IApiRequest;

    public sealed record TuRequest(int? BasedOnVersion, string? Rubrik, string? ForslagTillBeslut, string? Sammanfattning, string? Bakgrund,
        string? Arendet, string? ArendetsBeredning, string? Synpunkter, string? Kommentar) : IApiRequest;

    public sealed record BeredningRequest(OrganKind? Organ, DateOnly? Datum, bool? EndastMojlighet) : IApiRequest;

    public sealed record SammantradeRequest(Guid? SammantradeId) : IApiRequest;

    /// <param name="Form">Reservations: "skriftlig" or "muntlig".</param>
    public sealed record InlagaDto(string? Ledamot, string? Text, string? Form = null, string? TillFormanFor = null, string? Bilaga = null);

    public sealed record BeslutRequest(int? Paragraf, string? Beslutstext, Standpunkt? Standpunkt, bool? Aterremiss, bool? OmedelbarJustering,
        IReadOnlyList<InlagaDto?>? Yrkanden, IReadOnlyList<InlagaDto?>? Reservationer, IReadOnlyList<InlagaDto?>? SarskildaUttalanden,
        string? Voteringsordning, string? Beslutsunderlag, string? ExpedierasTill, string? ForslagTillFullmaktige = null) : IApiRequest;

    public sealed record JusteringRequest(DateOnly? Justeringsdatum, string? Justerare) : IApiRequest;

    public sealed record AnstandRequest(DateOnly? OnskatSvarsdatum, string? Motivering) : IApiRequest;

    public sealed record OrdforandebeslutRequest(DateOnly? Beslutsdatum, string? Ordforande, Standpunkt? Standpunkt, string? Beslutstext) : IApiRequest;

    public sealed record AnmalOrdforandebeslutRequest(Guid? SammantradeId, int? Paragraf) : IApiRequest;

    public static void MapArendeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/arenden").WithTags("Ärenden");
        group.MapGet("/{id:guid}", Get).WithSummary("Ett ärende (remissvar) med de händelser du får utföra nu. Avsändaren ser svaret först när det är inlämnat.");
        group.MapGet("/{id:guid}/plan", GetPlan).WithSummary("Planen bakåt från svarsdatum: milstolpar, status och alternativ.");

        var commands = group.MapGroup("/{id:guid}").AddEndpointFilter<IdempotencyFilter>();
        commands.MapPost("/registrera", Registrera).WithSummary("Registrerar ärendet i det egna diariet och returnerar diarienumret.");
        commands.MapPost("/tilldela", Tilldela).WithSummary("Tilldelar (eller byter) handläggare.");
        commands.MapPost("/handelser/{trigger}", Handelse).WithSummary("En enkel händelse: paborja_beredning, skicka_till_forvaltningschef, godkann, returnera (kommentar), bordlagg, lamna_in, avsta, forvaltningens_svar, preliminart_svar.");
        commands.MapPost("/tu/import", ImporteraTu).Accepts<TuImportUpload>("multipart/form-data").WithMetadata(new RequestSizeLimitAttribute(Hosting.WebHosting.UploadLimitBytes))
            .WithSummary("Läser en Word-fil (eller PDF eller text) som förslag till nästa version av tjänsteutlåtandet; sparar inget.");
        commands.MapPost("/tu", SparaTu).WithSummary("Sparar tjänsteutlåtandet som ny version; 409 om någon annan har sparat sedan basedOnVersion.");
        commands.MapPost("/beredning", Beredning).WithSummary("Registrerar en behandling i ett beredningsorgan (organ, datum).");
        commands.MapPost("/sammantrade", Placera).WithSummary("Sätter ärendet på ett kommande sammanträdes föredragningslista.");
        commands.MapPost("/beslut", Beslut).WithSummary("Registrerar nämndens beslut eller återremiss.");
        commands.MapPost("/justering", Justering).WithSummary("Registrerar justeringen.");
        commands.MapPost("/anstand", Anstand).WithSummary("Begär anstånd hos avsändaren.");
        commands.MapPost("/ordforandebeslut", Ordforandebeslut).WithSummary("Registrerar ett ordförandebeslut (bara när inget sammanträde hinns).");
        commands.MapPost("/ordforandebeslut/anmalan", AnmalOrdforandebeslut).WithSummary("Anmäler ordförandebeslutet vid nämndens sammanträde.");
    }

    private static async Task<Results<Ok<ArendeDto>, ProblemHttpResult>> Get(Guid id, RemissFlowDbContext db, WorkflowRunner workflow, StateLabels labels,
        PlanQuery plans, SignedInUser user, CancellationToken ct)
    {
        var (svar, reader, refusal) = await ArendeAccess.ReadAsync(db, user.Actor, id, ct);
        if (refusal is not null)
        {
            return ApiProblems.From(refusal);
        }

        var v = await ArendeView.LoadAsync(db, workflow, labels, plans, user, svar!, reader, ct);
        var latest = v.IsInstans && v.Tu is { Versioner.Count: > 0 } tu ? tu.Versioner.Max(x => x.Nummer) : (int?)null;
        return TypedResults.Ok(new ArendeDto(svar!.Id, svar.RemissId, v.Remiss.Title, svar.Dnr, svar.AvsandareDnr, v.Instans, v.Handlaggare,
            svar.Svarsdatum, v.Remiss.Svarsdatum, svar.Status, v.StatusLabel, latest, v.Tu?.GodkandVersion,
            v.Triggers.Where(t => t.Permitted || t.Reason == Workflows.Runtime.RefusalReason.Guard)
                .Select(t => new TriggerDto(t.Trigger, t.Label, t.Permitted, t.RefusalMessage)).ToList()));
    }

    private static async Task<Results<Ok<Plan>, ProblemHttpResult>> GetPlan(Guid id, RemissFlowDbContext db, PlanQuery plans, SignedInUser user, CancellationToken ct)
    {
        var (_, reader, refusal) = await ArendeAccess.ReadAsync(db, user.Actor, id, ct);
        if (refusal is not null || reader != ArendeReader.Instans)
        {
            return ApiProblems.From(refusal ?? Refusal.NotFound("Planen"));
        }

        try
        {
            return await plans.PlanForAsync(id, ct) is { } plan ? TypedResults.Ok(plan) : ApiProblems.From(Refusal.NotFound("Ärendet"));
        }
        catch (PlanUnavailableException e)
        {
            return ApiProblems.From(Refusal.InvalidState(e.Message));
        }
    }

    private static async Task<Results<Ok<RegistreradDto>, ProblemHttpResult>> Registrera(Guid id, RegistreraRequest? r, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new RegisterRemissvar.Command(id, BefintligtDiarienummer: r?.BefintligtDiarienummer), ct);
        return result.Succeeded ? TypedResults.Ok(new RegistreradDto(id, result.Value)) : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> Tilldela(Guid id, TilldelaRequest r, IMediator mediator, CancellationToken ct) =>
        r.HandlaggareId is null
            ? ApiProblems.Field("HandlaggareId", "Handläggare (handlaggareId) måste anges.")
            : Status(id, await mediator.Send(new AssignHandlaggare.Command(id, r.HandlaggareId.Value), ct));

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> Handelse(Guid id, string trigger, HandelseRequest? r, IMediator mediator, CancellationToken ct) =>
        Status(id, await mediator.Send(new FireRemissvarTrigger.Command(id, trigger, Kommentar: r?.Kommentar), ct));

    private static async Task<Results<Created<TuSavedDto>, ProblemHttpResult>> SparaTu(Guid id, TuRequest r, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new SaveTjansteutlatande.Command(id, r.BasedOnVersion, r.Rubrik ?? "", r.ForslagTillBeslut ?? "", r.Sammanfattning ?? "",
            r.Bakgrund ?? "", r.Arendet ?? "", r.ArendetsBeredning, r.Synpunkter ?? "", r.Kommentar), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/arenden/{id}", new TuSavedDto(result.Value.TjansteutlatandeId, result.Value.Nummer))
            : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<Ok<TuImportDto>, ProblemHttpResult>> ImporteraTu(Guid id, UploadForm form, IMediator mediator, CancellationToken ct)
    {
        if (form.Content is null)
        {
            return ApiProblems.Field("Fil", "Fil: fältet fil saknas; skicka Word-filen som multipart/form-data.");
        }

        var result = await mediator.Send(new ImporteraTuText.Query(id, form.Content, form.FileName ?? ""), ct);
        if (!result.Succeeded)
        {
            return ApiProblems.From(result.Refusal!);
        }

        var p = result.Value;
        var sections = p.Sections.Select(x => new TuImportSectionDto(x.Key, TuSections.All.First(s => s.Key == x.Key).Heading, x.Text, x.Confidence, x.SourceHeading)).ToList();
        return TypedResults.Ok(new TuImportDto(p.BasedOnVersion, p.Rubrik, sections, p.Warnings, p.Format));
    }

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> Beredning(Guid id, BeredningRequest r, IMediator mediator, CancellationToken ct)
    {
        if (r.Organ is null)
        {
            return ApiProblems.Field("Organ", "Beredningsorgan (organ) måste anges: Forvaltningsgrupp, Samverkansgrupp, RadForFunktionshinderfragor eller Pensionarsrad.");
        }

        if (r.Datum is null)
        {
            return ApiProblems.Field("Datum", "Datum måste anges (ÅÅÅÅ-MM-DD).");
        }

        return Status(id, await mediator.Send(new RecordBeredning.Command(id, r.Organ.Value, r.Datum.Value, r.EndastMojlighet ?? false), ct));
    }

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> Placera(Guid id, SammantradeRequest r, IMediator mediator, CancellationToken ct) =>
        r.SammantradeId is null
            ? ApiProblems.Field("SammantradeId", "Sammanträde (sammantradeId) måste anges.")
            : Status(id, await mediator.Send(new PlaceOnAgenda.Command(id, r.SammantradeId.Value), ct));

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> Beslut(Guid id, BeslutRequest r, IMediator mediator, CancellationToken ct)
    {
        if (r.Paragraf is null)
        {
            return ApiProblems.Field("Paragraf", "Paragraf måste anges (ett nummer, t.ex. 12).");
        }

        // A null entry ([null] in the JSON) is an empty inlaga: the validator names it (yrkanden[0].ledamot) instead of a NullReferenceException.
        static List<RecordBeslut.InlagaInput>? Items(IReadOnlyList<InlagaDto?>? list) => list?.Select(i => new RecordBeslut.InlagaInput(i?.Ledamot ?? "", i?.Text ?? "", i?.Form, i?.TillFormanFor, i?.Bilaga)).ToList();
        return Status(id, await mediator.Send(new RecordBeslut.Command(id, r.Paragraf.Value, r.Beslutstext ?? "", r.Standpunkt, r.Aterremiss ?? false,
            r.OmedelbarJustering ?? false, Items(r.Yrkanden), Items(r.Reservationer), Items(r.SarskildaUttalanden), r.Voteringsordning, r.Beslutsunderlag, r.ExpedierasTill,
            ForslagTillFullmaktige: r.ForslagTillFullmaktige), ct));
    }

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> Justering(Guid id, JusteringRequest r, IMediator mediator, CancellationToken ct) =>
        r.Justeringsdatum is null
            ? ApiProblems.Field("Justeringsdatum", "Justeringsdatum måste anges (ÅÅÅÅ-MM-DD).")
            : Status(id, await mediator.Send(new Justera.Command(id, r.Justeringsdatum.Value, r.Justerare ?? ""), ct));

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> Anstand(Guid id, AnstandRequest r, IMediator mediator, CancellationToken ct) =>
        r.OnskatSvarsdatum is null
            ? ApiProblems.Field("OnskatSvarsdatum", "Önskat svarsdatum (onskatSvarsdatum) måste anges (ÅÅÅÅ-MM-DD).")
            : Status(id, await mediator.Send(new RequestAnstand.Command(id, r.OnskatSvarsdatum.Value, r.Motivering ?? ""), ct));

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> Ordforandebeslut(Guid id, OrdforandebeslutRequest r, IMediator mediator, CancellationToken ct)
    {
        if (r.Beslutsdatum is null)
        {
            return ApiProblems.Field("Beslutsdatum", "Beslutsdatum måste anges (ÅÅÅÅ-MM-DD).");
        }

        if (r.Standpunkt is null)
        {
            return ApiProblems.Field("Standpunkt", "Ställningstagande (standpunkt) måste anges.");
        }

        return Status(id, await mediator.Send(new Core.Features.Remissvar.Ordforandebeslut.Command(id, r.Beslutsdatum.Value, r.Ordforande ?? "", r.Standpunkt.Value, r.Beslutstext), ct));
    }

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> AnmalOrdforandebeslut(Guid id, AnmalOrdforandebeslutRequest r, IMediator mediator, CancellationToken ct)
    {
        if (r.SammantradeId is null)
        {
            return ApiProblems.Field("SammantradeId", "Sammanträde (sammantradeId) måste anges.");
        }

        if (r.Paragraf is null)
        {
            return ApiProblems.Field("Paragraf", "Paragraf måste anges.");
        }

        return Status(id, await mediator.Send(new Core.Features.Remissvar.AnmalOrdforandebeslut.Command(id, r.SammantradeId.Value, r.Paragraf.Value), ct));
    }

    private static Results<Ok<StatusDto>, ProblemHttpResult> Status(Guid id, Result<string> result) =>
        result.Succeeded ? TypedResults.Ok(new StatusDto(id, result.Value)) : ApiProblems.From(result.Refusal!);
}
