using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Lifecycle;

/// <summary>
/// A small municipality built through the real use cases: KS, two nämnder (SF with a
/// förvaltningsgrupp; SOF with förvaltningsgrupp and funktionshinderråd), a bolag and an outside
/// organisation, each with people in their roles and nämnd meetings.
/// </summary>
public sealed class Scenario(TestApp app)
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

    public TestApp App { get; } = app;

    public Guid Ks { get; private set; }
    public Guid Sf { get; private set; }
    public Guid Sof { get; private set; }
    public Guid Bolag { get; private set; }
    public Guid Extern { get; private set; }

    public Dictionary<string, Actor> People { get; } = [];

    public Guid SfNamnd { get; private set; }
    public Guid SofNamnd { get; private set; }

    public Actor this[string key] => People[key];

    public static async Task<Scenario> BuildAsync(TestApp app)
    {
        var s = new Scenario(app);
        s.Ks = await app.Ok(TestApp.Admin, new CreateOrganisation.Command("Kommunstyrelsen", OrganisationKind.Kommunstyrelse, "KS", "Stadsledningskontoret", "ks@example.test"));
        s.Sf = await app.Ok(TestApp.Admin, new CreateOrganisation.Command("Servicenämnden", OrganisationKind.Namnd, "SF", "Serviceförvaltningen", "sf@example.test", BeredningOrgan: [OrganKind.Forvaltningsgrupp]));
        s.Sof = await app.Ok(TestApp.Admin, new CreateOrganisation.Command("Socialnämnden", OrganisationKind.Namnd, "SOF", "Socialförvaltningen", "sof@example.test",
            BeredningOrgan: [OrganKind.Forvaltningsgrupp, OrganKind.RadForFunktionshinderfragor]));
        s.Bolag = await app.Ok(TestApp.Admin, new CreateOrganisation.Command("Stockholm Vatten och Avfall AB", OrganisationKind.Bolag, "SVOA", ContactEmail: "svoa@example.test"));
        s.Extern = await app.Ok(TestApp.Admin, new CreateOrganisation.Command("PRO Stockholms län", OrganisationKind.ExternOrganisation, "PRO", ContactEmail: "pro@example.test"));

        await s.Person("ks.reg", s.Ks, Role.Registrator);
        await s.Person("ks.sam", s.Ks, Role.KsSamordnare);
        foreach (var (prefix, org) in new[] { ("sf", s.Sf), ("sof", s.Sof), ("bolag", s.Bolag) })
        {
            await s.Person($"{prefix}.reg", org, Role.Registrator);
            await s.Person($"{prefix}.hl", org, Role.Handlaggare);
            await s.Person($"{prefix}.chef", org, Role.Forvaltningschef);
            await s.Person($"{prefix}.sek", org, Role.Namndsekreterare);
        }

        s.SfNamnd = await app.Ok(TestApp.Admin, new CreateOrgan.Command(s.Sf, OrganKind.Namnd, "Servicenämnden", 7, 5, true));
        s.SofNamnd = await app.Ok(TestApp.Admin, new CreateOrgan.Command(s.Sof, OrganKind.Namnd, "Socialnämnden", 7, 5, false));
        await app.Ok(TestApp.Admin, new CreateOrgan.Command(s.Bolag, OrganKind.Styrelse, "Styrelsen", 5, 3, true));
        return s;
    }

    private async Task Person(string key, Guid organisation, Role role)
    {
        var id = await App.Ok(TestApp.Admin, new CreateUser.Command($"{key}@example.test", $"Person {key}", organisation, [role], "Remissarbete-2026"));
        People[key] = new Actor(id, $"Person {key}", organisation, new HashSet<Role> { role });
    }

    public async Task<Guid> MeetingAsync(Guid organ, DateOnly date) => await App.Ok(TestApp.Admin, new CreateSammantrade.Command(organ, date, new TimeOnly(17, 0), "Stadshuset"));

    /// <summary>KS registers a remiss, lists the instanser, attaches the remitted document and sends it out.</summary>
    public async Task<Guid> SendRemissAsync(DateOnly svarsdatum, params Guid[] instanser)
    {
        var reg = this["ks.reg"];
        var created = await App.Ok(reg, new CreateRemiss.Command("Handlingsplan för ett jämställt Stockholm 2030", "Remiss till nämnder och organisationer.", svarsdatum));
        await App.Ok(reg, new SetRemisslista.Command(created.Id, instanser));
        await App.Ok(reg, new AddRemisshandling.Command(created.Id, "handlingsplan.pdf", Pdf));
        await App.Ok(reg, new FireRemissTrigger.Command(created.Id, "skicka_ut"));
        return created.Id;
    }

    public async Task<Domain.Remissvar> SvarAsync(Guid remissId, Guid instans) =>
        await App.Query(db => db.Remissvar.AsNoTracking().SingleAsync(r => r.RemissId == remissId && r.InstansId == instans));
}
