using System.Diagnostics;

namespace RemissFlow.Core.Tests.Arkiv;

/// <summary>
/// Validates with xmllint (libxml2-utils) against the official schemas as the package carries them, offline: an XML
/// catalog maps the web address mets.xsd imports xlink.xsd from to the local copy, and a driver schema of our own brings
/// the CSIP and SIP extension namespaces in beside METS so their attributes are checked too.
/// </summary>
internal static class Xmllint
{
    public static (int Exit, string Output) Validate(string xmlFile, string schemasDir, string schema)
    {
        var work = Directory.CreateTempSubdirectory("remissflow-xmllint-").FullName;
        try
        {
            var catalog = Path.Combine(work, "catalog.xml");
            var xlink = new Uri(Path.Combine(schemasDir, "xlink.xsd")).AbsoluteUri;
            File.WriteAllText(catalog, $"""
                <?xml version="1.0"?>
                <catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
                  <system systemId="http://www.loc.gov/standards/xlink/xlink.xsd" uri="{xlink}"/>
                  <uri name="http://www.loc.gov/standards/xlink/xlink.xsd" uri="{xlink}"/>
                </catalog>
                """);
            var schemaFile = Path.Combine(schemasDir, schema);
            if (schema == "mets.xsd")
            {
                schemaFile = Path.Combine(work, "mets-csip-sip.xsd");
                string Loc(string f) => new Uri(Path.Combine(schemasDir, f)).AbsoluteUri;
                File.WriteAllText(schemaFile, $"""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:remissflow:test:driver" elementFormDefault="qualified">
                      <xs:import namespace="http://www.loc.gov/METS/" schemaLocation="{Loc("mets.xsd")}"/>
                      <xs:import namespace="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" schemaLocation="{Loc("DILCISExtensionMETS.xsd")}"/>
                      <xs:import namespace="https://DILCIS.eu/XML/METS/SIPExtensionMETS" schemaLocation="{Loc("DILCISExtensionSIPMETS.xsd")}"/>
                    </xs:schema>
                    """);
            }

            var psi = new ProcessStartInfo("xmllint") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--nonet", "--noout", "--schema", schemaFile, xmlFile })
            {
                psi.ArgumentList.Add(a);
            }

            psi.Environment["XML_CATALOG_FILES"] = catalog;
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("xmllint did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
