using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Files;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Workflow;
using RemissFlow.Web.Api.Idempotency;
using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Api;

/// <summary>
/// The sender's work on a remiss over JSON, the same use cases as the pages: remisslista, handlingar, the workflow's
/// triggers (skicka ut, lägg till instans, sammanställ, avsluta, återkalla), anstånd, answers from outside
/// organisations, the matrix, the sammanställning in every format, key points, publishing and reminders.
/// The use cases decide who may; a remissvar id is only accepted under the remiss it belongs to.
/// </summary>
public static class RemissCommandEndpoints
{
    public sealed record TriggerDto(string Trigger, string Label, bool Permitted, string? Reason);

    public sealed record TriggerRequest(int? ExpectedVersion, string? Motivering, Guid? OrganisationId) : IApiRequest;

    public sealed record UpdateRemissRequest(int? ExpectedVersion, string? Title, string? Description, DateOnly? Svarsdatum, bool? TillaterForvaltningensSvar,
        string? KontaktpersonNamn, string? KontaktpersonEpost) : IApiRequest;

    /// <summary>Either organisation ids, or names (or diarium prefixes) one per entry; both may be given.</summary>
    public sealed record RemisslistaRequest(IReadOnlyList<Guid>? OrganisationIds, IReadOnlyList<string>? Namn) : IApiRequest;

    public sealed record AnstandRequest(bool? Bevilja, DateOnly? NyttSvarsdatum, string? Kommentar, int? ExpectedVersion) : IApiRequest;

    public sealed record NyckelpunkterRequest(string? Nyckelpunkter, int? ExpectedVersion) : IApiRequest;

    public sealed record PaminnelserRequest(IReadOnlyList<Guid>? RemissvarIds) : IApiRequest;

    /// <summary>The multipart fields of an upload of a remisshandling, as the API document describes them (the endpoint reads them with <see cref="UploadForm"/>).</summary>
    public sealed record HandlingUpload(IFormFile Fil);

    /// <summary>The multipart fields of an outside organisation's answer: the file, or avstar=true; standpunkt and nyckelpunkter with the file.</summary>
    public sealed record ExterntSvarUpload(IFormFile? Fil, bool? Avstar, Standpunkt? Standpunkt, string? Nyckelpunkter);

    public sealed record BilagaDto(Guid Id, string FileName, string MediaType, long Size, string Sha256);

    public static void MapRemissCommandEndpoints(this RouteGroupBuilder remisser)
    {
        remisser.MapPut("/{id:guid}", Update).WithSummary("Ändrar en remiss som är utkast.");
        remisser.MapGet("/{id:guid}/triggers", Triggers).WithSummary("Händelserna arbetsflödet tillåter dig nu, och skälet för dem det inte tillåter.");
        remisser.MapPost("/{id:guid}/skicka-ut", (Guid id, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] TriggerRequest? r, IMediator m, CancellationToken ct) =>
                Fire(id, "skicka_ut", r, m, ct))
            .AddEndpointFilter<IdempotencyFilter>().WithSummary("Skickar ut remissen till remisslistan; svarstiden börjar.");
        remisser.MapPost("/{id:guid}/triggers/{trigger}", (Guid id, string trigger, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] TriggerRequest? r, IMediator m, CancellationToken ct) =>
                Fire(id, trigger, r, m, ct))
            .AddEndpointFilter<IdempotencyFilter>().WithSummary("lagg_till_instans (organisationId), paminn_sena, sammanstall, oppna_sammanstallning (motivering), avsluta, aterkalla (motivering).");
        remisser.MapPut("/{id:guid}/remisslista", SetLista).WithSummary("Sätter remisslistan (utkast): organisationernas id eller namn.");
        remisser.MapPost("/{id:guid}/handlingar", Upload).AddEndpointFilter<IdempotencyFilter>()
            .Accepts<HandlingUpload>("multipart/form-data").WithMetadata(new RequestSizeLimitAttribute(WebHosting.UploadLimitBytes)).WithSummary("Laddar upp en remisshandling (multipart, fältet fil; PDF eller Office).");
        remisser.MapGet("/{id:guid}/handlingar/{bilagaId:guid}", Download).WithSummary("En remisshandling som bilaga (Content-Disposition: attachment).");
        remisser.MapGet("/{id:guid}/matris", Matris).WithSummary("KS matris: instanser × status, summering.");
        remisser.MapGet("/{id:guid}/sammanstallning", Export).WithSummary("Sammanställningen: format=pdf|docx|xlsx|csv|zip.");
        remisser.MapPost("/{id:guid}/sammanstallning/publicera", Publish).AddEndpointFilter<IdempotencyFilter>();
        remisser.MapPut("/{id:guid}/svar/{svarId:guid}/nyckelpunkter", Nyckelpunkter);
        remisser.MapPost("/{id:guid}/paminnelser", Paminn).AddEndpointFilter<IdempotencyFilter>().WithSummary("Påminnelser till valda instanser som inte har svarat (allt eller inget).");
        remisser.MapPost("/{id:guid}/svar/{svarId:guid}/anstand", Anstand).AddEndpointFilter<IdempotencyFilter>().WithSummary("Beviljar (nyttSvarsdatum) eller avslår (kommentar) ett anstånd.");
        remisser.MapPost("/{id:guid}/svar/{svarId:guid}/externt-svar", Externt).AddEndpointFilter<IdempotencyFilter>()
            .Accepts<ExterntSvarUpload>("multipart/form-data", "application/x-www-form-urlencoded").WithMetadata(new RequestSizeLimitAttribute(WebHosting.UploadLimitBytes))
            .WithSummary("Registrerar en extern organisations svar (multipart: fil, standpunkt, nyckelpunkter) eller att den avstår (avstar=true).");
    }

    private static async Task<Results<Ok<int>, ProblemHttpResult>> Update(Guid id, UpdateRemissRequest r, IMediator mediator, CancellationToken ct)
    {
        if (r.ExpectedVersion is null)
        {
            return ApiProblems.Field("ExpectedVersion", "ExpectedVersion måste anges (remissens version när du läste den).");
        }

        if (r.Svarsdatum is null)
        {
            return ApiProblems.Field("Svarsdatum", "Svarsdatum måste fyllas i (ÅÅÅÅ-MM-DD).");
        }

        var result = await mediator.Send(new UpdateRemiss.Command(id, r.ExpectedVersion.Value, r.Title ?? "", r.Description, r.Svarsdatum.Value,
            r.TillaterForvaltningensSvar ?? false, r.KontaktpersonNamn, r.KontaktpersonEpost), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<Ok<List<TriggerDto>>, ProblemHttpResult>> Triggers(Guid id, RemissFlowDbContext db, SignedInUser user, WorkflowRunner workflow, CancellationToken ct)
    {
        var remiss = await db.Remisser.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (remiss is null)
        {
            return ApiProblems.From(Refusal.NotFound("Remissen"));
        }

        if (!Pages.Remisser.SenderRemiss.MayManage(user, remiss))
        {
            return ApiProblems.From(Refusal.Forbidden("Bara avsändarens registratorer och samordnare arbetar med remissen."));
        }

        var options = await workflow.TriggersAsync(remiss, user.Actor, ct);
        return TypedResults.Ok(options.DistinctBy(o => (o.Trigger, o.Permitted)).Select(o => new TriggerDto(o.Trigger, o.Label, o.Permitted, o.RefusalMessage)).ToList());
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Fire(Guid id, string trigger, TriggerRequest? r, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new FireRemissTrigger.Command(id, trigger, r?.ExpectedVersion, r?.Motivering, r?.OrganisationId), ct);
        return result.Succeeded ? TypedResults.Ok<object>(new { status = result.Value }) : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> SetLista(Guid id, RemisslistaRequest r, IMediator mediator, RemissFlowDbContext db, CancellationToken ct)
    {
        var ids = (r.OrganisationIds ?? []).ToList();
        if (r.Namn is { Count: > 0 })
        {
            var register = await db.Organisationer.AsNoTracking().ToListAsync(ct);
            var resolved = RemisslistaResolver.Resolve(r.Namn, register);
            if (resolved.Errors.Count > 0)
            {
                return ApiProblems.From(Refusal.Validation(resolved.Errors.Select(e => new FieldError("Namn", e)).ToList()));
            }

            ids.AddRange(resolved.Ids.Where(i => !ids.Contains(i)));
        }

        var result = await mediator.Send(new SetRemisslista.Command(id, ids), ct);
        return result.Succeeded ? TypedResults.Ok<object>(new { antal = result.Value }) : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<Created<BilagaDto>, ProblemHttpResult>> Upload(Guid id, UploadForm form, IMediator mediator, RemissFlowDbContext db, CancellationToken ct)
    {
        if (form.Content is null)
        {
            return ApiProblems.Field("Fil", "Fältet fil saknas: skicka filen som multipart/form-data.");
        }

        var result = await mediator.Send(new AddRemisshandling.Command(id, form.FileName ?? "", form.Content), ct);
        if (!result.Succeeded)
        {
            return ApiProblems.From(Rename(result.Refusal!));
        }

        var b = await db.Bilagor.AsNoTracking().FirstAsync(x => x.Id == result.Value, ct);
        return TypedResults.Created($"/api/remisser/{id}/handlingar/{b.Id}", new BilagaDto(b.Id, b.FileName, b.MediaType, b.Size, b.Sha256));
    }

    private static async Task<IResult> Download(Guid id, Guid bilagaId, RemissFlowDbContext db, SignedInUser user, FileStore files, CancellationToken ct)
    {
        if (!await RemissEndpoints.Visible(db, user).AnyAsync(r => r.Id == id, ct))
        {
            return ApiProblems.From(Refusal.NotFound("Remissen"));
        }

        var b = await db.Bilagor.AsNoTracking().FirstOrDefaultAsync(x => x.Id == bilagaId && x.RemissId == id && x.Kind == BilagaKind.Remisshandling, ct);
        if (b is not null && await Core.Features.Sekretess.SekretessRegister.IsMarkedAsync(db, SekretessTyp.Fil, b.Id, ct)
            && !Core.Features.Sekretess.SekretessRegister.MayRead(user.Actor.OrganisationId, await db.Remisser.Where(r => r.Id == id).Select(r => r.AvsandareId).SingleAsync(ct)))
        {
            // An instans on the remisslista does not read the sender's secret handling; to it, there is none.
            b = null;
        }

        var content = b is null ? null : files.Read(b.Sha256);
        return content is null ? ApiProblems.From(Refusal.NotFound("Remisshandlingen")) : TypedResults.File(content, b!.MediaType, UploadPolicy.StoredName(b.FileName, b.MediaType));
    }

    private static async Task<Results<Ok<RemissMatrix>, ProblemHttpResult>> Matris(Guid id, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new VisaRemissMatrix.Query(id), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.From(result.Refusal!);
    }

    private static async Task<IResult> Export(Guid id, string? format, IMediator mediator, CancellationToken ct)
    {
        if (!SammanstallningFormats.TryFromExtension(format, out var f))
        {
            return ApiProblems.Field("format", "format måste vara pdf, docx, xlsx, csv eller zip.");
        }

        var result = await mediator.Send(new ExportSammanstallning.Query(id, f), ct);
        return result.Succeeded ? TypedResults.File(result.Value.Content, result.Value.MediaType, result.Value.FileName) : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Publish(Guid id, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new PublishSammanstallning.Command(id), ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Nyckelpunkter(Guid id, Guid svarId, NyckelpunkterRequest r, IMediator mediator, RemissFlowDbContext db, CancellationToken ct)
    {
        if (await SvarOutside(db, id, svarId, ct) is { } notFound)
        {
            return notFound;
        }

        var result = await mediator.Send(new EditNyckelpunkter.Command(svarId, r.Nyckelpunkter, r.ExpectedVersion), ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<Ok<IReadOnlyList<SendPaminnelser.SkickadPaminnelse>>, ProblemHttpResult>> Paminn(Guid id, PaminnelserRequest r, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new SendPaminnelser.Command(id, r.RemissvarIds ?? []), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Anstand(Guid id, Guid svarId, AnstandRequest r, IMediator mediator, RemissFlowDbContext db, SignedInUser user, CancellationToken ct)
    {
        if (await SvarOutside(db, id, svarId, ct, user) is { } notFound)
        {
            return notFound;
        }

        if (r.Bevilja is null)
        {
            return ApiProblems.Field("Bevilja", "Bevilja måste anges: true för att bevilja, false för att avslå.");
        }

        var result = await mediator.Send(new DecideAnstand.Command(svarId, r.Bevilja.Value, r.NyttSvarsdatum, r.Kommentar, r.ExpectedVersion), ct);
        return result.Succeeded ? TypedResults.Ok<object>(new { svarsdatum = result.Value }) : ApiProblems.From(result.Refusal!);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Externt(Guid id, Guid svarId, UploadForm form, IMediator mediator, RemissFlowDbContext db, SignedInUser user, CancellationToken ct)
    {
        if (await SvarOutside(db, id, svarId, ct, user) is { } notFound)
        {
            return notFound;
        }

        var avstar = string.Equals(form.Field("avstar"), "true", StringComparison.OrdinalIgnoreCase);
        Standpunkt? standpunkt = null;
        if (form.Field("standpunkt") is { Length: > 0 } s)
        {
            if (!Enum.TryParse<Standpunkt>(s, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return ApiProblems.Field("Standpunkt", "Ställningstagande måste vara Tillstyrker, TillstyrkerMedSynpunkter eller Avstyrker.");
            }

            standpunkt = parsed;
        }

        var result = await mediator.Send(new RegisterExternalAnswer.Command(svarId, avstar, form.FileName, form.Content, standpunkt, form.Field("nyckelpunkter")), ct);
        return result.Succeeded ? TypedResults.Ok<object>(new { status = result.Value }) : ApiProblems.From(Rename(result.Refusal!));
    }

    /// <summary>
    /// A remissvar id under another remiss is as unknown as a made-up one. These endpoints are the sender's side
    /// (anstånd decisions, answers recorded for outside organisations, key points): the instans itself is refused
    /// here, before its own workflow could be asked, since deciding on one's own anstånd is never its call.
    /// </summary>
    private static async Task<ProblemHttpResult?> SvarOutside(RemissFlowDbContext db, Guid remissId, Guid svarId, CancellationToken ct, SignedInUser? user = null)
    {
        var remiss = await db.Remissvar.Where(s => s.Id == svarId && s.RemissId == remissId).Join(db.Remisser, s => s.RemissId, r => r.Id, (s, r) => r).FirstOrDefaultAsync(ct);
        if (remiss is null)
        {
            return ApiProblems.From(Refusal.NotFound("Remissvaret"));
        }

        return user is not null && !Pages.Remisser.SenderRemiss.MayManage(user, remiss)
            ? ApiProblems.From(Refusal.Forbidden("Bara avsändarens registratorer och samordnare beslutar om anstånd och registrerar externa svar."))
            : null;
    }

    /// <summary>The upload validator speaks of FileName/Content; in the API both are the multipart field "fil".</summary>
    private static Refusal Rename(Refusal refusal) => refusal with
    {
        Errors = refusal.Errors.Select(e => e.Field is "FileName" or "Content" ? e with { Field = "Fil" } : e).ToList(),
    };
}

/// <summary>
/// A multipart upload read once: the file (field "fil") and the other fields. Bound by <see cref="BindAsync"/> so the
/// idempotency filter can fingerprint it — by the file's SHA-256 and the fields, not the bytes.
/// </summary>
public sealed class UploadForm : IApiRequest
{
    public string? FileName { get; init; }

    [JsonIgnore]
    public byte[]? Content { get; init; }

    public string? Sha256 => Content is null ? null : Convert.ToHexString(SHA256.HashData(Content)).ToLowerInvariant();

    public SortedDictionary<string, string> Fields { get; init; } = new(StringComparer.Ordinal);

    public string? Field(string name) => Fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public const string UnreadableForm = "Formuläret kunde inte läsas. Skicka multipart/form-data med en gräns (boundary) i Content-Type, hela delar och filen i fältet fil.";

    public static async ValueTask<UploadForm?> BindAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            throw new ClientBadRequestException("Innehållet måste vara multipart/form-data med fältet fil.", StatusCodes.Status415UnsupportedMediaType);
        }

        IFormCollection form;
        IFormFile? file;
        byte[]? content = null;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
            file = form.Files.GetFile("fil");
            if (file is not null)
            {
                using var ms = new MemoryStream();
                await file.CopyToAsync(ms, context.RequestAborted);
                content = ms.ToArray();
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // The multipart reader throws for a missing or too long boundary, a truncated body or oversized part headers:
            // the client sent something that is not a readable form, which is a 400, not a server error.
            throw new ClientBadRequestException(UnreadableForm, StatusCodes.Status400BadRequest, e);
        }

        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (key != "__RequestVerificationToken")
            {
                fields[key] = value.ToString();
            }
        }

        return new UploadForm { FileName = file is null ? null : Path.GetFileName(file.FileName), Content = content, Fields = fields };
    }
}
