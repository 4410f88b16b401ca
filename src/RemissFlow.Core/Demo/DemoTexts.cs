using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace RemissFlow.Core.Demo;

/// <summary>The demo's prose. Facts (names, dnr, dates) follow the real cases; the wording is ours.</summary>
internal static class DemoTexts
{
    public sealed record Tu(string Rubrik, string Forslag, string Sammanfattning, string Bakgrund, string Arendet, string Synpunkter);

    public const string FinishedDescription =
        "Kommunstyrelsen remitterar förslaget till handlingsplan för ett jämställt Stockholm 2030. Planen samlar stadens mål för jämställdhet " +
        "i fyra områden: makt och inflytande, ekonomisk jämställdhet, jämställd hälsa och omsorg samt mäns våld mot kvinnor.";

    public const string OpenDescription =
        "Kommunstyrelsen remitterar förslaget till program för en tillgänglig stad 2027–2030. Programmet ersätter det tidigare " +
        "programmet för delaktighet för personer med funktionsnedsättning och anger stadens mål för fysisk, digital och kommunikativ tillgänglighet.";

    public const string UrgentDescription =
        "Kommunstyrelsen remitterar förslaget till nya riktlinjer för stadens lokalförsörjning med kort svarstid, eftersom riktlinjerna ska " +
        "gälla från årsskiftet.";

    public static readonly Tu ServiceTu = new(
        "Remiss av Handlingsplan för ett jämställt Stockholm 2030",
        "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.\nParagrafen förklaras omedelbart justerad.",
        "Serviceförvaltningen ser positivt på att staden samlar arbetet för jämställdhet i en gemensam handlingsplan. Förvaltningen bidrar " +
        "främst genom stadens gemensamma service: kontaktcenter, upphandling och lönehantering. Förvaltningen föreslår att uppföljningen " +
        "görs med könsuppdelad statistik som redan finns i stadens system, så att arbetet inte kräver nya rapporteringsvägar.",
        "Kommunstyrelsen har remitterat förslaget till handlingsplan för ett jämställt Stockholm 2030 till bland andra servicenämnden. " +
        "Nämndens yttrande ska ha inkommit till kommunstyrelsen senast den 24 april 2026.",
        "Handlingsplanen anger fyra målområden för stadens jämställdhetsarbete och beskriver hur nämnder och bolag ska integrera " +
        "jämställdhet i styrning, budget och uppföljning.\n\nPlanen föreslår att varje nämnd tar fram aktiviteter i sin verksamhetsplan " +
        "och att resultaten följs upp i stadens ordinarie uppföljningssystem.",
        "Förvaltningen ställer sig bakom handlingsplanens inriktning.\n\nFörvaltningen vill särskilt lyfta följande:\n" +
        "- Kontaktcenter kan redan i dag ta fram könsuppdelad statistik över ärenden och väntetider.\n" +
        "- Stadens upphandlingar bör ställa krav på jämställdhet där det är relevant för avtalet.\n" +
        "- Lönekartläggningen bör samordnas med handlingsplanens mål om ekonomisk jämställdhet.\n\n" +
        "Förvaltningen föreslår att handlingsplanen kompletteras med en tidplan för när nämnderna ska redovisa sina aktiviteter.");

    public static readonly Tu SocialTu = ServiceTu with
    {
        Forslag = "Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
        Sammanfattning = "Socialförvaltningen välkomnar handlingsplanen. Förvaltningen ser att arbetet mot mäns våld mot kvinnor och " +
            "hedersrelaterat våld och förtryck behöver ha en tydlig plats i planen och samordnas med stadens program mot våld i nära relationer.",
        Bakgrund = "Kommunstyrelsen har remitterat förslaget till handlingsplan för ett jämställt Stockholm 2030 till socialnämnden. " +
            "Nämnden har beviljats anstånd och yttrandet ska ha inkommit till kommunstyrelsen senast den 22 maj 2026.",
        Synpunkter = "Förvaltningen tillstyrker planen med följande synpunkter.\n\n" +
            "- Målområdet om mäns våld mot kvinnor bör hänvisa till stadens program mot våld i nära relationer.\n" +
            "- Personer med funktionsnedsättning är särskilt utsatta och bör nämnas i planens analys.\n" +
            "- Uppföljningen bör ske med könsuppdelad statistik från socialtjänstens verksamhetssystem.",
    };

    public static readonly Tu StadsdelTu = ServiceTu with
    {
        Forslag = "Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
        Sammanfattning = "Stadsdelsförvaltningen tillstyrker handlingsplanen och lyfter betydelsen av jämställda fritidsaktiviteter " +
            "och trygga offentliga miljöer i stadsdelen.",
        Bakgrund = "Kommunstyrelsen har remitterat förslaget till handlingsplan för ett jämställt Stockholm 2030 till stadsdelsnämnden. " +
            "Nämndens yttrande ska ha inkommit till kommunstyrelsen senast den 24 april 2026.",
        Synpunkter = "Förvaltningen tillstyrker handlingsplanen.\n\nFörvaltningen ser att stadsdelsnämnderna har en viktig roll i planens " +
            "genomförande, särskilt när det gäller fritid, trygghet och äldreomsorg.",
    };

    public static readonly Tu OpenTu = ServiceTu with
    {
        Rubrik = "Remiss av Program för en tillgänglig stad 2027–2030",
        Sammanfattning = "Serviceförvaltningen ser positivt på programmet och bidrar genom stadens gemensamma e-tjänster och kontaktcenter.",
        Bakgrund = "Kommunstyrelsen har remitterat förslaget till program för en tillgänglig stad 2027–2030 till servicenämnden.",
        Arendet = "Programmet anger mål för fysisk, digital och kommunikativ tillgänglighet.",
        Synpunkter = "Förvaltningen tillstyrker programmet.\n\n- Stadens e-tjänster bör granskas mot WCAG 2.1 nivå AA varje år.\n- Kontaktcenter bör erbjuda teckenspråkstolkning via video.",
    };

    /// <summary>The remisser of the "work waiting" story: title, what KS writes about it, and what the förvaltning thinks of it.</summary>
    public sealed record Waiting(string Title, string Description, string Sammanfattning, string Synpunkter);

    public static readonly Waiting DigitalService = new("Strategi för stadens digitala service 2027–2030",
        "Kommunstyrelsen remitterar förslaget till strategi för stadens digitala service. Strategin anger hur staden ska utveckla e-tjänster, " +
        "kontaktvägar och gemensamma plattformar så att invånare kan sköta sina ärenden digitalt.",
        "Förvaltningen ser positivt på en gemensam strategi och vill att stadens kontaktcenter får en tydlig roll i genomförandet.",
        "Förvaltningen tillstyrker strategin med följande synpunkter.\n\n- Gemensamma plattformar bör finansieras centralt.\n- Invånare som inte kan använda e-tjänster ska alltid kunna få hjälp per telefon eller på plats.");

    public static readonly Waiting Klimatanpassning = new("Plan för klimatanpassning av stadens fastigheter",
        "Kommunstyrelsen remitterar förslaget till plan för klimatanpassning av stadens fastigheter: skydd mot skyfall, värmeböljor och höga vattennivåer.",
        "Förvaltningen välkomnar planen och ser behov av en tydlig fördelning av kostnaderna mellan nämnder och bolag.",
        "Förvaltningen tillstyrker planen.\n\n- Åtgärderna bör prioriteras efter risk.\n- Underhållsplanerna för stadens lokaler bör samordnas med planen.");

    public static readonly Waiting Idrott = new("Program för stadens idrottsanläggningar 2027–2035",
        "Kommunstyrelsen remitterar förslaget till program för stadens idrottsanläggningar, med mål för nya och renoverade anläggningar fram till 2035.",
        "Förvaltningen tillstyrker programmet och lyfter behovet av anläggningar som kan användas av många grupper under hela dagen.",
        "Förvaltningen tillstyrker programmet.\n\n- Skolornas idrottshallar bör kunna bokas av föreningar på kvällar och helger.\n- Tillgängligheten bör prövas redan i planeringen.");

    public static readonly Waiting Kulturmiljo = new("Strategi för stadens kulturmiljöer",
        "Kommunstyrelsen remitterar förslaget till strategi för hur staden tar tillvara sina kulturmiljöer i planering och förvaltning.",
        "Förvaltningen ser positivt på strategin men anser att kostnaderna för förvaltningen av kulturhistoriska byggnader behöver belysas.",
        "Förvaltningen tillstyrker strategin.");

    public static readonly Waiting Buller = new("Handlingsplan mot buller i stadsmiljön",
        "Kommunstyrelsen remitterar förslaget till handlingsplan mot buller från trafik, byggarbetsplatser och verksamheter i stadsmiljön.",
        "Förvaltningen tillstyrker handlingsplanen och vill att stadens egna fordon och maskiner omfattas.",
        "Förvaltningen tillstyrker handlingsplanen.\n\n- Stadens upphandlingar av fordon bör ställa krav på låga bullernivåer.\n- Mätningar bör redovisas öppet.");

    public static readonly Waiting Livsmedel = new("Policy för stadens inköp av livsmedel",
        "Kommunstyrelsen remitterar förslaget till policy för stadens inköp av livsmedel till förskolor, skolor och äldreomsorg.",
        "Förvaltningen tillstyrker policyn.",
        "Förvaltningen tillstyrker policyn.");

    /// <summary>A draft TU for one of the "work waiting" remisser, in the organisation's own words.</summary>
    public static Tu WaitingTu(Waiting remiss, string namnd, string mottagare) => new(
        $"Remiss av {char.ToLower(remiss.Title[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))}{remiss.Title[1..]}",
        $"{namnd} godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
        remiss.Sammanfattning,
        $"Kommunstyrelsen har remitterat förslaget till {char.ToLower(remiss.Title[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))}{remiss.Title[1..]} till {mottagare}.",
        remiss.Description.Replace("Kommunstyrelsen remitterar förslaget till ", "Förslaget gäller ", StringComparison.Ordinal),
        remiss.Synpunkter);

    /// <summary>A one-page letter standing in for an answer that arrived by post or e-mail.</summary>
    public static byte[] PdfLetter(string from, string about)
    {
        RemissFlow.Documents.Pdf.PdfSharpSetup.Ensure();
        using var document = new PdfDocument();
        document.Info.Title = $"Yttrande från {from}";
        var page = document.AddPage();
        using (var g = XGraphics.FromPdfPage(page))
        {
            var heading = new XFont("Liberation Sans", 16, XFontStyleEx.Bold);
            var body = new XFont("Liberation Sans", 11, XFontStyleEx.Regular);
            g.DrawString($"Yttrande från {from}", heading, XBrushes.Black, new XPoint(60, 90));
            var lines = new[]
            {
                $"Angående remissen {about}.",
                "Vi har tagit del av förslaget och lämnar följande synpunkter.",
                "Vi stöder planens inriktning och vill att äldre kvinnors ekonomiska situation",
                "lyfts fram särskilt, eftersom skillnaderna i pension mellan kvinnor och män är stora.",
                "Med vänlig hälsning",
                from,
            };
            var y = 130.0;
            foreach (var line in lines)
            {
                g.DrawString(line, body, XBrushes.Black, new XPoint(60, y));
                y += 20;
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
