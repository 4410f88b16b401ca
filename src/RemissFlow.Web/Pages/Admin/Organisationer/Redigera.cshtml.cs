using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Presentation;

namespace RemissFlow.Web.Pages.Admin.Organisationer;

/// <summary>
/// Edits with optimistic concurrency: the form carries the version it was read at. When someone
/// else saved in between, the user's input stays in the form beside what is saved now, and the
/// form's version moves on so a deliberate second save goes through.
/// </summary>
public sealed class RedigeraModel(IMediator mediator, RemissFlowDbContext db) : PageModel
{
    public sealed class InputModel
    {
        public int Version { get; set; }

        public string? Name { get; set; }

        public string? ForvaltningName { get; set; }

        public string? ContactEmail { get; set; }

        public string? ContactPhone { get; set; }

        public string? PostalAddress { get; set; }

        public string? VisitingAddress { get; set; }

        public string? Web { get; set; }

        public List<OrganKind> BeredningOrgan { get; set; } = [];

        public bool Active { get; set; }

        public bool TillatSjalvgodkannande { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Organisation Saved { get; private set; } = null!;

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Load(id, ct) is null)
        {
            return NotFound();
        }

        Input = new InputModel
        {
            Version = Saved.Version,
            Name = Saved.Name,
            ForvaltningName = Saved.ForvaltningName,
            ContactEmail = Saved.ContactEmail,
            ContactPhone = Saved.ContactPhone,
            PostalAddress = Saved.PostalAddress,
            VisitingAddress = Saved.VisitingAddress,
            Web = Saved.Web,
            BeredningOrgan = [.. Saved.BeredningOrgan],
            Active = Saved.Active,
            TillatSjalvgodkannande = Saved.TillatSjalvgodkannande,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await Load(id, ct) is null ? NotFound() : Page();
        }

        var i = Input;
        var result = await mediator.Send(new UpdateOrganisation.Command(
            id, i.Version, i.Name ?? "", NyModel.Blank(i.ForvaltningName), NyModel.Blank(i.ContactEmail), NyModel.Blank(i.ContactPhone),
            NyModel.Blank(i.PostalAddress), NyModel.Blank(i.VisitingAddress), NyModel.Blank(i.Web), i.BeredningOrgan, i.Active, i.TillatSjalvgodkannande), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = "Ändringarna sparades.";
            return Redirect($"/admin/organisationer/{id}");
        }

        if (await Load(id, ct) is null)
        {
            return NotFound();
        }

        if (result.Refusal!.Kind == RefusalKind.Conflict)
        {
            Conflict = true;
            ModelState.Remove("Input.Version");
            Input.Version = Saved.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            ModelState.AddRefusal(result.Refusal);
        }

        return Page();
    }

    private async Task<Organisation?> Load(Guid id, CancellationToken ct)
    {
        var organisation = await db.Organisationer.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is not null)
        {
            Saved = organisation;
        }

        return organisation;
    }
}
