using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Documents;

/// <summary>
/// Socialförvaltningen's answer to KS 2023/1159 (the real example in shared/examples), as rows.
/// In the product these rows are written by the workflow; the document factory and the plan query only
/// read them, so their tests arrange the rows directly through the DbContext (users go through the
/// CreateUser use case because Identity owns how roles are stored).
/// </summary>
public sealed record DocumentSeed(
    Guid KsId,
    Guid SofId,
    Guid NyId,
    Guid RemissId,
    Guid RemissvarId,
    Guid RemissvarUtanTuId,
    Guid NyRemissvarId,
    Guid HandlaggareId,
    Guid ChefId)
{
    public const string SofDnr = "SOF 2024/472";
    public const string NyDnr = "UTBF 2024/15";

    /// <summary>The example's day: the TU is dated 2024-08-26.</summary>
    public static readonly DateTimeOffset Now = new(2024, 8, 26, 9, 0, 0, TimeSpan.FromHours(2));

    public static async Task<DocumentSeed> ArrangeAsync(TestApp app)
    {
        var ks = new Organisation
        {
            Name = "Kommunstyrelsen", Kind = OrganisationKind.Kommunstyrelse, DnrPrefix = "KS", ForvaltningName = "Stadsledningskontoret",
            ContactEmail = "registrator.slk@stockholm.se", PostalAddress = "Stadshuset, 105 35 Stockholm",
        };
        var sof = new Organisation
        {
            Name = "Socialnämnden", Kind = OrganisationKind.Namnd, DnrPrefix = "SOF", ForvaltningName = "Socialförvaltningen",
            BeredningOrgan = [OrganKind.Forvaltningsgrupp, OrganKind.RadForFunktionshinderfragor],
        };
        // No letterhead file exists for UTBF: documents must fall back to one built from this row.
        var ny = new Organisation
        {
            Name = "Utbildningsnämnden", Kind = OrganisationKind.Namnd, DnrPrefix = "UTBF", ForvaltningName = "Utbildningsförvaltningen",
            PostalAddress = "Box 22049, 104 22 Stockholm", VisitingAddress = "Hantverkargatan 2F", ContactPhone = "08-508 33 000",
        };
        var bolag = new Organisation { Name = "Stockholms Stadshus AB", Kind = OrganisationKind.Bolag, DnrPrefix = "SSAB" };
        var outside = new Organisation { Name = "Funktionsrätt Stockholms stad", Kind = OrganisationKind.ExternOrganisation, DnrPrefix = "FRS" };
        await app.Query(async db =>
        {
            db.Organisationer.AddRange(ks, sof, ny, bolag, outside);
            await db.SaveChangesAsync();
            return 0;
        });

        var handlaggare = await app.Ok(TestApp.Admin, new CreateUser.Command("lena.sjoberg@stockholm.se", "Lena Sjöberg", sof.Id, [Role.Handlaggare], "Dokumentprov-12345", "Utredare", "08-508 25 123"));
        var chef = await app.Ok(TestApp.Admin, new CreateUser.Command("gunilla.berg@stockholm.se", "Gunilla Berg", sof.Id, [Role.Forvaltningschef], "Dokumentprov-12345", "Socialdirektör"));
        await app.Ok(TestApp.Admin, new CreateUser.Command("omar.nasser@stockholm.se", "Omar Nasser", sof.Id, [Role.Namndsekreterare], "Dokumentprov-12345", "Nämndsekreterare"));
        var nyHandlaggare = await app.Ok(TestApp.Admin, new CreateUser.Command("kim.ek@stockholm.se", "Kim Ek", ny.Id, [Role.Handlaggare], "Dokumentprov-12345"));

        var remiss = new Remiss
        {
            AvsandareId = ks.Id, Dnr = "KS 2023/1159", Title = "Program för mänskliga rättigheter",
            Description = "Kommunstyrelsen remitterar förslaget till program för mänskliga rättigheter.",
            Svarsdatum = new DateOnly(2024, 9, 30), UtskickDatum = new DateOnly(2024, 6, 20),
            KontaktpersonNamn = "Eva Lund", KontaktpersonEpost = "eva.lund@stockholm.se", Status = "utskickad",
        };
        remiss.Remisslista.AddRange([
            new RemisslistaPost { OrganisationId = sof.Id, Ordning = 1 },
            new RemisslistaPost { OrganisationId = outside.Id, Ordning = 2 },
            new RemisslistaPost { OrganisationId = ny.Id, Ordning = 3 },
            new RemisslistaPost { OrganisationId = bolag.Id, Ordning = 4 },
        ]);

        var svar = new Remissvar
        {
            RemissId = remiss.Id, InstansId = sof.Id, AvsandareDnr = remiss.Dnr, Dnr = SofDnr, HandlaggareId = handlaggare,
            Svarsdatum = new DateOnly(2024, 9, 30), Status = "under_beredning",
        };
        var utanTu = new Remissvar { RemissId = remiss.Id, InstansId = bolag.Id, AvsandareDnr = remiss.Dnr, Dnr = "SSAB 2024/3", Svarsdatum = new DateOnly(2024, 9, 30) };
        var nySvar = new Remissvar
        {
            RemissId = remiss.Id, InstansId = ny.Id, AvsandareDnr = remiss.Dnr, Dnr = NyDnr, HandlaggareId = nyHandlaggare, Svarsdatum = new DateOnly(2024, 9, 30),
        };

        var namnd = new Organ { OrganisationId = sof.Id, Kind = OrganKind.Namnd, Name = "Socialnämnden", HandlingarArbetsdagarFore = 3, JusteringArbetsdagar = 5, OmedelbarJusteringForRemissvar = true };
        var fg = new Organ { OrganisationId = sof.Id, Kind = OrganKind.Forvaltningsgrupp, Name = "förvaltningsgruppen", HandlingarArbetsdagarFore = 5 };
        var rad = new Organ { OrganisationId = sof.Id, Kind = OrganKind.RadForFunktionshinderfragor, Name = "rådet för funktionshinderfrågor", HandlingarArbetsdagarFore = 5 };
        var meeting = new Sammantrade { OrganId = namnd.Id, Datum = new DateOnly(2024, 9, 24) };
        meeting.Foredragningslista.Add(new Foredragningspunkt { RemissvarId = svar.Id, Ordning = 12, Rubrik = "Remiss av program för mänskliga rättigheter" });

        // Version 2 is approved; version 3, a later draft, has its beredning text written by hand.
        var tu = new Tjansteutlatande
        {
            RemissvarId = svar.Id, Rubrik = "Remiss av program för mänskliga rättigheter",
            GodkandVersion = 2, GodkandAv = chef, GodkandAt = new DateTimeOffset(2024, 8, 26, 14, 0, 0, TimeSpan.FromHours(2)).ToUniversalTime(),
        };
        tu.Versioner.Add(Version(tu, 1, handlaggare, "Utkast utan beredning.", null));
        tu.Versioner.Add(Version(tu, 2, handlaggare, "Förvaltningen välkomnar programmet.", null));
        tu.Versioner.Add(Version(tu, 3, handlaggare, "Förvaltningen välkomnar programmet varmt.", "Ärendet har stämts av med stadsledningskontoret."));

        var nyTu = new Tjansteutlatande { RemissvarId = nySvar.Id, Rubrik = "Remiss av program för mänskliga rättigheter" };
        nyTu.Versioner.Add(Version(nyTu, 1, nyHandlaggare, "Utbildningsförvaltningen tillstyrker.", null));

        await app.Query(async db =>
        {
            db.Remisser.Add(remiss);
            db.Remissvar.AddRange(svar, utanTu, nySvar);
            db.Organ.AddRange(namnd, fg, rad);
            db.Sammantraden.AddRange(
                meeting,
                new Sammantrade { OrganId = namnd.Id, Datum = new DateOnly(2024, 10, 22) },
                new Sammantrade { OrganId = fg.Id, Datum = new DateOnly(2024, 9, 18) },
                new Sammantrade { OrganId = rad.Id, Datum = new DateOnly(2024, 9, 19) });
            db.Tjansteutlatanden.AddRange(tu, nyTu);
            db.BeredningHandelser.AddRange(
                new BeredningHandelse { RemissvarId = svar.Id, OrganKind = OrganKind.RadForFunktionshinderfragor, OrganNamn = "rådet för funktionshinderfrågor", Datum = new DateOnly(2024, 9, 19), EndastMojlighet = true },
                new BeredningHandelse { RemissvarId = svar.Id, OrganKind = OrganKind.Forvaltningsgrupp, OrganNamn = "förvaltningsgruppen", Datum = new DateOnly(2024, 9, 18) });
            db.Bilagor.AddRange(
                Bilaga(BilagaKind.Remisshandling, remiss.Id, null, "Program för mänskliga rättigheter.pdf", 1),
                Bilaga(BilagaKind.TjansteutlatandeBilaga, null, svar.Id, "Yttrande från rådet för funktionshinderfrågor.pdf", 2),
                Bilaga(BilagaKind.Svar, null, svar.Id, "inkommet-svar.pdf", 3));
            db.Beslut.Add(new Beslut
            {
                RemissvarId = svar.Id, SammantradeId = meeting.Id, Paragraf = 12, Datum = meeting.Datum,
                Beslutstext = "1. Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.\n2. Paragrafen förklaras omedelbart justerad.",
                Beslutsunderlag = "Socialförvaltningens tjänsteutlåtande daterat den 26 augusti 2024",
                Yrkanden = [new Inlaga { Ledamot = "Ordföranden Anna Ek (S)", Text = "Ordföranden yrkar bifall till förvaltningens förslag." }],
                Reservationer = [new Inlaga { Ledamot = "Bo Ström (M), Cecilia Holm (KD)", Text = "Vi reserverar oss mot beslutet till förmån för eget förslag." }],
                SarskildaUttalanden = [new Inlaga { Ledamot = "David Kahn (V)", Text = "Programmet borde ha kommit tidigare." }],
                OmedelbarJustering = true, Justerare = "Anna Ek, Bo Ström", JusteradDatum = meeting.Datum,
                ExpedierasTill = "Kommunstyrelsen\nSocialförvaltningen",
            });
            db.Anstand.Add(new Anstand
            {
                RemissvarId = nySvar.Id, TidigareSvarsdatum = new DateOnly(2024, 9, 30), BegartDatum = new DateOnly(2024, 10, 31),
                Motivering = "Nämnden sammanträder först i oktober.", Beslut = AnstandBeslut.Beviljat, BeviljatDatum = new DateOnly(2024, 10, 25),
            });
            await db.SaveChangesAsync();
            return 0;
        });

        return new DocumentSeed(ks.Id, sof.Id, ny.Id, remiss.Id, svar.Id, utanTu.Id, nySvar.Id, handlaggare, chef);
    }

    private static TjansteutlatandeVersion Version(Tjansteutlatande tu, int nummer, Guid author, string synpunkter, string? beredning) => new()
    {
        TjansteutlatandeId = tu.Id,
        Nummer = nummer,
        // As the editor's defaults write them for a nämnd with omedelbar justering: the document adds nothing of its own.
        ForslagTillBeslut = "1. Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.\n2. Paragrafen förklaras omedelbart justerad.",
        Sammanfattning = "Kommunstyrelsen har remitterat förslaget till program för mänskliga rättigheter till socialnämnden.\n\nFörvaltningen ställer sig positiv.",
        Bakgrund = "Programmet ersätter tidigare styrdokument om mänskliga rättigheter. Nämndens yttrande ska ha inkommit till kommunstyrelsen senast den 30 september 2024.",
        Arendet = "Programmet har tre fokusområden:\n- Kunskap och information.\n- Välfärd och service.\n- Delaktighet och inflytande.",
        ArendetsBeredning = beredning,
        Synpunkter = "## Övergripande\n\n" + synpunkter + "\nFörvaltningen ser fram emot\nuppföljningen.",
        SkapadAv = author,
        SkapadAt = new DateTimeOffset(2024, 8, 20 + nummer, 10, 0, 0, TimeSpan.FromHours(2)).ToUniversalTime(),
    };

    private static Bilaga Bilaga(BilagaKind kind, Guid? remissId, Guid? remissvarId, string fileName, int order) => new()
    {
        Kind = kind, RemissId = remissId, RemissvarId = remissvarId, FileName = fileName, MediaType = "application/pdf", Size = 1000,
        Sha256 = new string((char)('a' + order), 64), UploadedAt = new DateTimeOffset(2024, 6, order, 8, 0, 0, TimeSpan.Zero), UploadedBy = Guid.Empty,
    };
}
