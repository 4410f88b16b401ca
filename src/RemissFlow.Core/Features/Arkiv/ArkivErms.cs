using System.Globalization;
using System.Xml.Linq;

namespace RemissFlow.Core.Features.Arkiv;

/// <summary>
/// metadata/descriptive/ERMS.xml: each ärende as an E-ARK CITS ERMS 3 aggregation (FGS Ärendehantering 2.0), each
/// handling a record pointing at its file, the decisions and the dispatches as actions, the svarsdatum as action due.
/// </summary>
public static class ArkivErms
{
    public static readonly XNamespace Erms = "https://DILCIS.eu/XML/ERMS";

    public static XDocument Build(ArkivpaketInnehall paket, IReadOnlyDictionary<ArkivHandling, string> paths)
    {
        var root = new XElement(Erms + "erms",
            new XElement(Erms + "control",
                new XElement(Erms + "identification", new XAttribute("identificationType", "system"), "RemissFlow"),
                new XElement(Erms + "maintenanceInformation",
                    new XElement(Erms + "maintenanceStatus", new XAttribute("value", "new")),
                    new XElement(Erms + "maintenanceAgency", new XElement(Erms + "agencyName", paket.Inlamnare.Namn)),
                    new XElement(Erms + "maintenanceHistory",
                        new XElement(Erms + "maintenanceEvent",
                            new XElement(Erms + "eventType", new XAttribute("value", "created")),
                            new XElement(Erms + "eventDateTime", ArkivMets.Time(paket.Skapad)),
                            new XElement(Erms + "agent", new XAttribute("agentType", "creator"), new XElement(Erms + "name", "RemissFlow " + ArkivMets.SoftwareVersion)))))),
            new XElement(Erms + "aggregations", paket.Arenden.Select(a => Aggregation(a, paths))));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    private static XElement Aggregation(ArkivArende a, IReadOnlyDictionary<ArkivHandling, string> paths)
    {
        var decisions = a.Handelser.Where(h => h.Typ is ArkivHandelseTyp.Beslut or ArkivHandelseTyp.Justering or ArkivHandelseTyp.Expediering).ToList();
        return new XElement(Erms + "aggregation",
            new XAttribute("aggregationType", "caseFile"),
            new XAttribute("systemIdentifier", a.Id.ToString("D")),
            new XElement(Erms + "objectId", a.Dnr),
            a.AvsandareDnr is { } avsandare ? new XElement(Erms + "extraId", new XAttribute("extraIdType", "avsandarens_dnr"), avsandare) : null,
            new XElement(Erms + "title", a.Titel),
            new XElement(Erms + "status", new XAttribute("value", "closed")),
            new XElement(Erms + "agents",
                new XElement(Erms + "agent", new XAttribute("agentType", "creator"), new XElement(Erms + "name", a.Organisation)),
                a.Handlaggare is { } h ? new XElement(Erms + "agent", new XAttribute("agentType", "responsible_person"), new XElement(Erms + "name", h)) : null),
            new XElement(Erms + "dates",
                new XElement(Erms + "date", new XAttribute("dateType", "opened"), ArkivMets.Time(a.Oppnad)),
                a.Avslutad is { } closed ? new XElement(Erms + "date", new XAttribute("dateType", "closed"), ArkivMets.Time(closed)) : null),
            a.Svarsdatum is { } due
                ? new XElement(Erms + "action", new XElement(Erms + "actionText", "Svar till avsändaren senast svarsdatum"), new XElement(Erms + "actionDue", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new XElement(Erms + "actionType", "svarsdatum"))
                : null,
            decisions.Select(d => new XElement(Erms + "action",
                new XElement(Erms + "actionText", d.Beskrivning),
                new XElement(Erms + "actionType", TypeName(d.Typ)))),
            a.Handlingar.Select((h, i) => Record(a, h, i + 1, paths[h])));
    }

    private static XElement Record(ArkivArende a, ArkivHandling h, int n, string path) =>
        new(Erms + "record",
            new XAttribute("systemIdentifier", $"{a.Id:D}-{n}"),
            new XAttribute("recordType", h.Upprattad ? "upprattad" : "inkommen"),
            new XElement(Erms + "objectId", $"{a.Dnr}:{n}"),
            new XElement(Erms + "title", h.Titel),
            h.Sekretess is null ? null : new XElement(Erms + "restriction", new XAttribute("restrictionType", "confidential"),
                new XElement(Erms + "explanatoryText", "Handlingen är sekretessmarkerad och lämnas inte ut utan sekretessprövning."),
                new XElement(Erms + "regulation", h.Sekretess)),
            new XElement(Erms + "direction", new XAttribute("directionDefinition", h.Riktning switch
            {
                Riktning.Inkommande => "incoming",
                Riktning.Utgaende => "outgoing",
                _ => "internal_memo_without_follow-up",
            })),
            new XElement(Erms + "dates", new XElement(Erms + "date", new XAttribute("dateType", h.Upprattad ? "created" : "received"), ArkivMets.Time(h.Skapad))),
            new XElement(Erms + "additionalInformation",
                new XElement(Erms + "appendix", new XAttribute("name", h.OriginaltNamn), new XAttribute("path", path), new XAttribute("fileFormat", h.MediaType))));

    public static string TypeName(ArkivHandelseTyp typ) => typ switch
    {
        ArkivHandelseTyp.Registrering => "registrering",
        ArkivHandelseTyp.Beslut => "beslut",
        ArkivHandelseTyp.Justering => "justering",
        ArkivHandelseTyp.Expediering => "expediering",
        ArkivHandelseTyp.Avslut => "avslut",
        _ => "ovrigt",
    };
}
