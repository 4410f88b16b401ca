using System.Text;
using RemissFlow.Core.Domain;
using RemissFlow.Documents;
using RemissFlow.Documents.Templates;

namespace RemissFlow.Core.Documents;

/// <summary>
/// Chooses an organisation's letterhead by its diarium prefix: templates/letterheads/stockholm-{prefix}.json,
/// else {prefix}.json (prefix in lower case, å ä ö folded, e.g. "SF" → stockholm-sf.json). An organisation
/// without a file gets a letterhead built from its database row, registered with the renderer as
/// "generated-{prefix}": an organisation added yesterday must still be able to print its TU.
/// </summary>
public static class Letterheads
{
    public const string Kommun = "Stockholms stad";

    public static string IdFor(Organisation organisation, DocumentRenderer renderer)
    {
        var prefix = Fold(organisation.DnrPrefix);
        foreach (var candidate in new[] { "stockholm-" + prefix, prefix })
        {
            if (renderer.HasLetterheadFile(candidate))
            {
                return candidate;
            }
        }

        var id = "generated-" + prefix;
        // Re-registered on every use so an edited address shows up in the next document.
        renderer.UseLetterhead(id, Generated(organisation));
        return id;
    }

    public static Letterhead Generated(Organisation organisation)
    {
        var isExtern = organisation.Kind == OrganisationKind.ExternOrganisation;
        return new Letterhead
        {
            Kommun = isExtern ? organisation.Name : Kommun,
            Forvaltning = string.IsNullOrWhiteSpace(organisation.ForvaltningName) ? organisation.Name : organisation.ForvaltningName,
            Postadress = organisation.PostalAddress ?? organisation.VisitingAddress ?? (isExtern ? organisation.Name : Kommun),
            Besoksadress = organisation.PostalAddress is null ? null : organisation.VisitingAddress,
            Telefon = organisation.ContactPhone,
            Webb = organisation.Web,
        };
    }

    /// <summary>Lower-case ASCII letters, digits, '-' and '_' only: what a letterhead file name may contain.</summary>
    public static string Fold(string prefix)
    {
        var sb = new StringBuilder(prefix.Length);
        foreach (var c in prefix.ToLowerInvariant())
        {
            switch (c)
            {
                case 'å' or 'ä': sb.Append('a'); break;
                case 'ö': sb.Append('o'); break;
                case 'é': sb.Append('e'); break;
                case var x when char.IsAsciiLetterOrDigit(x) || x is '-' or '_': sb.Append(x); break;
                default: break;
            }
        }

        return sb.Length == 0 ? "okand" : sb.ToString();
    }
}
