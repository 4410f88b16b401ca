using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>
/// The nämndsekreterare at the meeting: the närvaro (who is present, which ersättare serves for whom), and per item
/// a jäv and a votering by name. Each form goes through its Core command; a refusal is shown beside the form's fields
/// with what was entered kept.
/// </summary>
[Authorize(Policy = AccessPolicies.Sammantraden)]
public sealed class MotetModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator) : PageModel
{
    public sealed class NarvaroInput
    {
        public List<Guid> Narvarande { get; set; } = [];

        public List<ErsattareInput> Ersattare { get; set; } = [];
    }

    public sealed class ErsattareInput
    {
        public Guid ErsattareId { get; set; }

        public Guid? ForLedamotId { get; set; }
    }

    public sealed class JavInput
    {
        public Guid PunktId { get; set; }

        public Guid? LedamotId { get; set; }

        public Guid? ErsattareId { get; set; }
    }

    public sealed class VoteringInput
    {
        public Guid PunktId { get; set; }

        public string? JaForslag { get; set; }

        public string? NejForslag { get; set; }

        public List<RostInput> Roster { get; set; } = [];

        public int? Ja { get; set; }

        public int? Nej { get; set; }

        public int? Avstar { get; set; }
    }

    public sealed class RostInput
    {
        public Guid LedamotId { get; set; }

        public Rost? Rost { get; set; }
    }

    [BindProperty]
    public NarvaroInput Narvaro { get; set; } = new();

    [BindProperty]
    public JavInput Jav { get; set; } = new();

    [BindProperty]
    public VoteringInput Votering { get; set; } = new();

    public SammantradeProtokollData Data { get; private set; } = null!;

    public bool Oppnat { get; private set; }

    /// <summary>The form posted and refused ("narvaro", or "jav"/"votering" with <see cref="JavInput.PunktId"/>), whose input is shown again.</summary>
    public string? Refuserat { get; private set; }

    /// <summary>The model-state key of a field of one item's form: each item's forms have their own keys, so an error shows on the form it belongs to.</summary>
    public static string Key(string form, Guid punktId, string field) => $"{form}{punktId:N}.{field}";

    public static string IdOf(string key) => key.Replace('.', '_');

    public IReadOnlyList<string> Errors(string key) =>
        ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Narvaro = StoredNarvaro();
        return Page();
    }

    public async Task<IActionResult> OnPostNarvaroAsync(Guid id, CancellationToken ct)
    {
        var command = new RegistreraNarvaro.Command(id, Narvaro.Narvarande.Distinct().ToList(),
            Narvaro.Ersattare.Where(e => e.ForLedamotId is not null).Select(e => new RegistreraNarvaro.Tjanstgoring(e.ErsattareId, e.ForLedamotId!.Value)).ToList());
        var result = ModelState.IsValid ? (await mediator.Send(command, ct)).Refusal : null;
        return await DoneAsync(id, "narvaro", result, nameof(Narvaro), $"Närvaron är registrerad: {Narvaro.Narvarande.Distinct().Count()} närvarande.", ct);
    }

    public async Task<IActionResult> OnPostJavAsync(Guid id, CancellationToken ct)
    {
        Rekey(nameof(Jav), "jav", Jav.PunktId);
        Refusal? refusal = null;
        if (ModelState.IsValid)
        {
            refusal = (await mediator.Send(new RegistreraJav.Command(id, Jav.PunktId, Jav.LedamotId ?? Guid.Empty, Jav.ErsattareId), ct)).Refusal;
        }

        return await DoneAsync(id, "jav", refusal, Key("jav", Jav.PunktId, "").TrimEnd('.'), "Jävet är registrerat.", ct);
    }

    public async Task<IActionResult> OnPostVoteringAsync(Guid id, CancellationToken ct)
    {
        Rekey(nameof(Votering), "votering", Votering.PunktId);
        Refusal? refusal = null;
        string? message = null;
        if (ModelState.IsValid)
        {
            var roster = Votering.Roster.Where(r => r.Rost is not null).Select(r => new RegistreraVotering.RostInput(r.LedamotId, r.Rost!.Value)).ToList();
            var result = await mediator.Send(new RegistreraVotering.Command(id, Votering.PunktId, Votering.JaForslag ?? "", Votering.NejForslag ?? "", roster,
                Votering.Ja, Votering.Nej, Votering.Avstar), ct);
            refusal = result.Refusal;
            if (result.Succeeded)
            {
                int ja = roster.Count(r => r.Rost == Rost.Ja), nej = roster.Count(r => r.Rost == Rost.Nej), avstar = roster.Count(r => r.Rost == Rost.Avstar);
                message = $"Voteringen är registrerad: {ja} ja, {nej} nej, {avstar} avstår.";
            }
        }

        return await DoneAsync(id, "votering", refusal, Key("votering", Votering.PunktId, "").TrimEnd('.'), message ?? "", ct);
    }

    /// <summary>Binding errors of one item's form (a count that is not a number) go under that item's keys, beside its fields.</summary>
    private void Rekey(string prefix, string form, Guid punktId)
    {
        foreach (var (key, entry) in ModelState.Where(kv => kv.Key.StartsWith(prefix + ".", StringComparison.Ordinal) && kv.Value is { Errors.Count: > 0 }).ToList())
        {
            var field = key[(prefix.Length + 1)..];
            var bracket = field.IndexOf('[', StringComparison.Ordinal);
            foreach (var error in entry!.Errors)
            {
                ModelState.AddModelError(Key(form, punktId, bracket > 0 ? field[..bracket] : field), error.ErrorMessage);
            }

            ModelState.Remove(key);
        }
    }

    private async Task<IActionResult> DoneAsync(Guid id, string form, Refusal? refusal, string prefix, string message, CancellationToken ct)
    {
        if (refusal is null && ModelState.IsValid)
        {
            TempData["Meddelande"] = message;
            return Redirect($"/sammantraden/{id}/motet");
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Refuserat = form;
        if (form != "narvaro")
        {
            Narvaro = StoredNarvaro();
        }

        if (refusal is not null)
        {
            ModelState.AddRefusal(refusal, prefix);
        }

        Response.StatusCode = refusal is null ? StatusCodes.Status422UnprocessableEntity
            : ModelStateExtensions.StatusFor(refusal, refusal.Kind == RefusalKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity);
        return Page();
    }

    // Before the närvaro is first recorded the form starts from every ledamot holding a seat, as the protokoll assumes until then.
    private NarvaroInput StoredNarvaro() => new()
    {
        Narvarande = Data.Narvaro.Where(n => Data.NarvaroRegistrerad ? n.Narvarande : !n.ArErsattare).Select(n => n.LedamotId).ToList(),
        Ersattare = Data.Narvaro.Where(n => n.ArErsattare).Select(n => new ErsattareInput { ErsattareId = n.LedamotId, ForLedamotId = n.ErsatterId }).ToList(),
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await MeetingAccess.OfOrganisationAsync(db, user.Actor.OrganisationId, id, ct) is null || await SammantradeProtokollData.LoadAsync(db, id, ct) is not { } data)
        {
            return false;
        }

        Data = data;
        Oppnat = SammantradeState.HasBegun(data.Sammantrade);
        return true;
    }
}
