using System.Globalization;
using System.Reflection;
using System.Xml.Linq;

namespace RemissFlow.Core.Features.Arkiv;

/// <summary>
/// The package's METS.xml as E-ARK CSIP 2.1 (CSIP1–CSIP119) and SIP 2.1 (SIP1–SIP35) describe it. One representation
/// without its own METS: its files are listed in the root fileSec and the structMap's Representations division points
/// at that file group (CSIP101–CSIP104, CSIP119).
/// </summary>
public static class ArkivMets
{
    public static readonly XNamespace Mets = "http://www.loc.gov/METS/";
    public static readonly XNamespace Csip = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    public static readonly XNamespace Sip = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";
    public static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public const string CsipProfile = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
    public const string SubmissionAgreement = "FGS Paketstruktur 2.0 – leveransöverenskommelse för RemissFlow";

    public static string SoftwareVersion { get; } =
        typeof(ArkivMets).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    public static XDocument Build(ArkivpaketInnehall paket, string rootName, PaketFil erms, PaketFil premis, IReadOnlyList<PaketFil> documentation,
        IReadOnlyList<PaketFil> schemas, IReadOnlyList<PaketFil> content)
    {
        var created = Time(paket.Skapad);
        var root = new XElement(Mets + "mets",
            new XAttribute(XNamespace.Xmlns + "mets", Mets),
            new XAttribute(XNamespace.Xmlns + "csip", Csip),
            new XAttribute(XNamespace.Xmlns + "sip", Sip),
            new XAttribute(XNamespace.Xmlns + "xlink", XLink),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XAttribute("OBJID", rootName),
            new XAttribute("LABEL", paket.Beskrivning),
            new XAttribute("TYPE", "Textual works – Digital"),
            new XAttribute(Csip + "CONTENTINFORMATIONTYPE", "citserms_v3_0"),
            new XAttribute("PROFILE", CsipProfile),
            new XAttribute(Xsi + "schemaLocation",
                "http://www.loc.gov/METS/ schemas/mets.xsd http://www.w3.org/1999/xlink schemas/xlink.xsd " +
                "https://DILCIS.eu/XML/METS/CSIPExtensionMETS schemas/DILCISExtensionMETS.xsd https://DILCIS.eu/XML/METS/SIPExtensionMETS schemas/DILCISExtensionSIPMETS.xsd"),
            Header(paket, created),
            new XElement(Mets + "dmdSec", new XAttribute("ID", "dmd-erms"), new XAttribute("CREATED", created), new XAttribute("STATUS", "CURRENT"),
                MdRef(erms, "OTHER", "ERMS")),
            new XElement(Mets + "amdSec", new XAttribute("ID", "amd-1"),
                new XElement(Mets + "digiprovMD", new XAttribute("ID", "digiprov-premis"), new XAttribute("CREATED", created), new XAttribute("STATUS", "CURRENT"),
                    MdRef(premis, "PREMIS", null))),
            new XElement(Mets + "fileSec", new XAttribute("ID", "filesec-1"),
                Group("grp-documentation", "Documentation", null, documentation),
                Group("grp-schemas", "Schemas", null, schemas),
                Group("grp-rep1", ArkivpaketWriter.ContentGroupUse, "citserms_v3_0", content)),
            new XElement(Mets + "structMap", new XAttribute("ID", "structmap-csip"), new XAttribute("TYPE", "PHYSICAL"), new XAttribute("LABEL", "CSIP"),
                new XElement(Mets + "div", new XAttribute("ID", "div-package"), new XAttribute("LABEL", rootName),
                    new XElement(Mets + "div", new XAttribute("ID", "div-metadata"), new XAttribute("LABEL", "Metadata"),
                        new XAttribute("ADMID", "digiprov-premis"), new XAttribute("DMDID", "dmd-erms")),
                    new XElement(Mets + "div", new XAttribute("ID", "div-documentation"), new XAttribute("LABEL", "Documentation"),
                        new XElement(Mets + "fptr", new XAttribute("FILEID", "grp-documentation"))),
                    new XElement(Mets + "div", new XAttribute("ID", "div-schemas"), new XAttribute("LABEL", "Schemas"),
                        new XElement(Mets + "fptr", new XAttribute("FILEID", "grp-schemas"))),
                    new XElement(Mets + "div", new XAttribute("ID", "div-representations"), new XAttribute("LABEL", "Representations"),
                        new XElement(Mets + "fptr", new XAttribute("FILEID", "grp-rep1"))))));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    private static XElement Header(ArkivpaketInnehall paket, string created) =>
        new(Mets + "metsHdr",
            new XAttribute("CREATEDATE", created),
            new XAttribute("RECORDSTATUS", "NEW"),
            new XAttribute(Csip + "OAISPACKAGETYPE", "SIP"),
            // The archival creator (SIP9–SIP14), the submitting agent (SIP15–SIP20) and the software (CSIP10–CSIP16).
            paket.Arkivbildare.Select(a => Agent("ARCHIVIST", "ORGANIZATION", null, a.Namn, a.Kod, "IDENTIFICATIONCODE")),
            Agent("CREATOR", "ORGANIZATION", null, paket.Inlamnare.Namn, paket.Inlamnare.Kod, "IDENTIFICATIONCODE"),
            Agent("CREATOR", "OTHER", "SOFTWARE", "RemissFlow", SoftwareVersion, "SOFTWARE VERSION"),
            new XElement(Mets + "altRecordID", new XAttribute("TYPE", "SUBMISSIONAGREEMENT"), SubmissionAgreement));

    private static XElement Agent(string role, string type, string? otherType, string name, string note, string noteType) =>
        new(Mets + "agent",
            new XAttribute("ROLE", role),
            new XAttribute("TYPE", type),
            otherType is null ? null : new XAttribute("OTHERTYPE", otherType),
            new XElement(Mets + "name", name),
            new XElement(Mets + "note", new XAttribute(Csip + "NOTETYPE", noteType), note));

    private static XElement MdRef(PaketFil file, string mdType, string? otherMdType) =>
        new(Mets + "mdRef",
            new XAttribute("LOCTYPE", "URL"),
            new XAttribute(XLink + "type", "simple"),
            new XAttribute(XLink + "href", file.Path),
            new XAttribute("MDTYPE", mdType),
            otherMdType is null ? null : new XAttribute("OTHERMDTYPE", otherMdType),
            new XAttribute("MIMETYPE", file.MediaType),
            new XAttribute("SIZE", file.Size.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("CREATED", Time(file.Skapad)),
            new XAttribute("CHECKSUM", file.Sha256),
            new XAttribute("CHECKSUMTYPE", "SHA-256"));

    private static XElement Group(string id, string use, string? contentInformationType, IReadOnlyList<PaketFil> files) =>
        new(Mets + "fileGrp",
            new XAttribute("ID", id),
            new XAttribute("USE", use),
            contentInformationType is null ? null : new XAttribute(Csip + "CONTENTINFORMATIONTYPE", contentInformationType),
            files.Select(f => new XElement(Mets + "file",
                new XAttribute("ID", f.Id),
                new XAttribute("MIMETYPE", f.MediaType),
                new XAttribute("SIZE", f.Size.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("CREATED", Time(f.Skapad)),
                new XAttribute("CHECKSUM", f.Sha256),
                new XAttribute("CHECKSUMTYPE", "SHA-256"),
                f.OriginaltNamn is null ? null : new XAttribute("OWNERID", f.OriginaltNamn),
                f.FormatNamn is null ? null : new XAttribute(Sip + "FILEFORMATNAME", f.FormatNamn),
                f.FormatVersion is null ? null : new XAttribute(Sip + "FILEFORMATVERSION", f.FormatVersion),
                new XElement(Mets + "FLocat", new XAttribute("LOCTYPE", "URL"), new XAttribute(XLink + "type", "simple"), new XAttribute(XLink + "href", f.Path)))));

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
