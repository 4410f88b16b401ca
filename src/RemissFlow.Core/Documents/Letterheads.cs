using System.Text;
using RemissFlow.Core.Files;
using RemissFlow.Documents;
using RemissFlow.Documents.Templates;

namespace RemissFlow.Core.Documents;

/// <summary>
/// An organisation's letterhead. The organisation register is the one source of its facts — förvaltning, addresses,
/// telefon, e-post, webb and the logo an administratör uploaded — so a new phone number reaches the next document.
/// A file templates/letterheads/stockholm-{prefix}.json, else {prefix}.json (prefix in lower case, å ä ö folded,
/// e.g. "SF" → stockholm-sf.json), only adds layout: the kommun line above the förvaltning, an avdelning line and
/// the logo's alt text. The merged letterhead is registered with the renderer under the file's name, or as
/// "generated-{prefix}" for an organisation without a file.
/// </summary>
public static class Letterheads
{
    public const string Kommun = "Stockholms stad";

    public static string IdFor(Organisation organisation, DocumentRenderer renderer, FileStore files)
    {
        var prefix = Fold(organisation.DnrPrefix);
        var file = new[] { "stockholm-" + prefix, prefix }.FirstOrDefault(renderer.HasLetterheadFile);
        var layout = file is null ? null : renderer.LetterheadFile(file).Letterhead;
        var id = file ?? "generated-" + prefix;
        var logo = organisation.LogoSha256 is { } sha ? files.Read(sha) : null;
        // Re-registered on every use, so an edit in the register shows up in the next document.
        renderer.UseLetterhead(id, FromRegister(organisation, layout), logo);
        return id;
    }

    /// <summary>The register's facts, with the layout lines of <paramref name="layout"/> (a letterhead file) where there is one.</summary>
    public static Letterhead FromRegister(Organisation organisation, Letterhead? layout = null)
    {
        var isExtern = organisation.Kind == OrganisationKind.ExternOrganisation;
        var kommun = layout?.Kommun ?? (isExtern ? organisation.Name : Kommun);
        return new Letterhead
        {
            Kommun = kommun,
            Forvaltning = string.IsNullOrWhiteSpace(organisation.ForvaltningName) ? organisation.Name : organisation.ForvaltningName,
            Avdelning = layout?.Avdelning,
            Postadress = organisation.PostalAddress ?? organisation.VisitingAddress ?? kommun,
            Besoksadress = organisation.PostalAddress is null ? null : organisation.VisitingAddress,
            Telefon = organisation.ContactPhone,
            Epost = organisation.ContactEmail,
            Webb = organisation.Web,
            LogoAltText = organisation.LogoSha256 is null ? null : layout?.LogoAltText ?? $"{organisation.Name} logotyp",
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
