using System.Globalization;
using System.Xml.Linq;

namespace RemissFlow.Core.Features.Arkiv;

/// <summary>
/// metadata/preservation/premis.xml (PREMIS 3): one object per file with its SHA-256 fixity and format; the ärendets
/// registration, decisions, justering, expediering and closing from the audit log (each with the log's own hash); a
/// message digest calculation per file (on receipt for originals, on rendering for RemissFlow's documents); the agents.
/// </summary>
public static class ArkivPremis
{
    public static readonly XNamespace Premis = "http://www.loc.gov/premis/v3";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static XDocument Build(ArkivpaketInnehall paket, IReadOnlyList<PaketFil> files)
    {
        var people = new SortedSet<string>(StringComparer.Ordinal);
        var events = new List<XElement>();
        var fileIndex = 0;

        foreach (var a in paket.Arenden)
        {
            foreach (var h in a.Handelser)
            {
                people.Add(h.Aktor);
                events.Add(Event($"handelse-{h.Sekvens.ToString(CultureInfo.InvariantCulture)}", ArkivErms.TypeName(h.Typ), h.Tid,
                    $"{a.Dnr}: {h.Beskrivning}", $"Händelseloggens post {h.Sekvens.ToString(CultureInfo.InvariantCulture)} ({h.Action}), kedjans hash {h.Hash}",
                    h.Aktor, null));
            }

            foreach (var h in a.Handlingar)
            {
                var file = files[fileIndex++];
                events.Add(Event($"checksumma-{file.Id}", "message digest calculation", h.Skapad,
                    h.Upprattad ? $"SHA-256 beräknad när RemissFlow framställde {h.Titel} som PDF/A för leveransen." : $"SHA-256 beräknad när filen {h.OriginaltNamn} togs emot.",
                    $"SHA-256 {file.Sha256}", "RemissFlow", file.Path));
            }
        }

        var root = new XElement(Premis + "premis",
            new XAttribute(XNamespace.Xmlns + "premis", Premis),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XAttribute("version", "3.0"),
            files.Select(ObjectOf),
            events,
            AgentElement("RemissFlow", "software", "RemissFlow " + ArkivMets.SoftwareVersion),
            paket.Arkivbildare.Select(a => AgentElement(a.Namn, "organization", null)),
            people.Where(p => p != "RemissFlow" && paket.Arkivbildare.All(a => a.Namn != p)).Select(p => AgentElement(p, "person", null)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    private static XElement ObjectOf(PaketFil f) =>
        new(Premis + "object",
            new XAttribute(Xsi + "type", "premis:file"),
            new XElement(Premis + "objectIdentifier",
                new XElement(Premis + "objectIdentifierType", "local"),
                new XElement(Premis + "objectIdentifierValue", f.Path)),
            new XElement(Premis + "objectCharacteristics",
                new XElement(Premis + "fixity",
                    new XElement(Premis + "messageDigestAlgorithm", "SHA-256"),
                    new XElement(Premis + "messageDigest", f.Sha256),
                    new XElement(Premis + "messageDigestOriginator", "RemissFlow")),
                new XElement(Premis + "size", f.Size.ToString(CultureInfo.InvariantCulture)),
                new XElement(Premis + "format",
                    new XElement(Premis + "formatDesignation",
                        new XElement(Premis + "formatName", f.FormatNamn ?? f.MediaType),
                        f.FormatVersion is null ? null : new XElement(Premis + "formatVersion", f.FormatVersion)))),
            f.OriginaltNamn is null ? null : new XElement(Premis + "originalName", f.OriginaltNamn));

    private static XElement Event(string id, string type, DateTimeOffset at, string detail, string outcomeNote, string agent, string? objectPath) =>
        new(Premis + "event",
            new XElement(Premis + "eventIdentifier",
                new XElement(Premis + "eventIdentifierType", "local"),
                new XElement(Premis + "eventIdentifierValue", id)),
            new XElement(Premis + "eventType", type),
            new XElement(Premis + "eventDateTime", ArkivMets.Time(at)),
            new XElement(Premis + "eventDetailInformation", new XElement(Premis + "eventDetail", detail)),
            new XElement(Premis + "eventOutcomeInformation",
                new XElement(Premis + "eventOutcome", "success"),
                new XElement(Premis + "eventOutcomeDetail", new XElement(Premis + "eventOutcomeDetailNote", outcomeNote))),
            new XElement(Premis + "linkingAgentIdentifier",
                new XElement(Premis + "linkingAgentIdentifierType", "local"),
                new XElement(Premis + "linkingAgentIdentifierValue", AgentId(agent))),
            objectPath is null
                ? null
                : new XElement(Premis + "linkingObjectIdentifier",
                    new XElement(Premis + "linkingObjectIdentifierType", "local"),
                    new XElement(Premis + "linkingObjectIdentifierValue", objectPath)));

    private static XElement AgentElement(string name, string type, string? version) =>
        new(Premis + "agent",
            new XElement(Premis + "agentIdentifier",
                new XElement(Premis + "agentIdentifierType", "local"),
                new XElement(Premis + "agentIdentifierValue", AgentId(name))),
            new XElement(Premis + "agentName", name),
            new XElement(Premis + "agentType", type),
            version is null ? null : new XElement(Premis + "agentVersion", version));

    private static string AgentId(string name) => "agent-" + ArkivpaketWriter.SafeName(name).ToLowerInvariant();
}
