using System.Text;
using RemissFlow.Documents.Composition;

namespace RemissFlow.Documents.Rendering;

/// <summary>A self-contained HTML page for browser preview: semantic elements, escaped text, no script.</summary>
internal static class HtmlDocumentWriter
{
    private const string Css = """
        body{font-family:"Liberation Sans",Arial,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}
        header.brev{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.6em 2em;border-bottom:1px solid #444;padding-bottom:.6em;margin-bottom:1.2em;font-size:.9em}
        header.brev p{margin:0}.etikett{font-size:.75em;color:#444}.falt{display:flex;flex-wrap:wrap;gap:.6em 3em;margin-top:.6em}
        h1{font-size:1.5em;margin:.2em 0}.underrubrik{margin-top:0}h2{font-size:1.15em;margin:1.4em 0 .3em}h3{font-size:1em;margin:1em 0 .2em}
        .underskrifter{display:flex;flex-wrap:wrap;gap:1em 3em;margin-top:2em}.underskrifter p{margin:0}
        table{border-collapse:collapse}th,td{text-align:left;padding:.2em .8em .2em 0;border-bottom:1px solid #999}
        footer{border-top:1px solid #444;margin-top:2em;padding-top:.4em;font-size:.8em}
        """;

    public static string Write(ComposedDocument doc)
    {
        var sb = new StringBuilder(16 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(doc.Metadata.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<title>").Append(E(doc.Metadata.Title)).Append("</title>\n");
        sb.Append("<meta name=\"author\" content=\"").Append(E(doc.Metadata.Author)).Append("\">\n");
        sb.Append("<meta name=\"description\" content=\"").Append(E(doc.Metadata.Subject)).Append("\">\n");
        sb.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");

        var h = doc.Header;
        sb.Append("<header class=\"brev\">\n<div>");
        sb.Append("<p><strong>").Append(E(h.Left[0])).Append("</strong></p>");
        foreach (var l in h.Left.Skip(1))
        {
            sb.Append("<p>").Append(E(l)).Append("</p>");
        }

        if (h.Blocks.Count > 0)
        {
            sb.Append("<div class=\"falt\">");
            foreach (var b in h.Blocks)
            {
                sb.Append("<div><p class=\"etikett\">").Append(E(b.Label)).Append("</p>");
                foreach (var l in b.Lines)
                {
                    sb.Append("<p>").Append(E(l)).Append("</p>");
                }

                sb.Append("</div>");
            }

            sb.Append("</div>");
        }

        sb.Append("</div>\n<div><p><strong>").Append(E(h.DocumentType)).Append("</strong></p>");
        foreach (var l in h.RightAbovePageLabel.Concat(h.RightBelowPageLabel))
        {
            sb.Append("<p>").Append(E(l)).Append("</p>");
        }

        sb.Append("</div>\n</header>\n<main>\n");

        foreach (var node in doc.Body)
        {
            switch (node)
            {
                case TitleNode t:
                    sb.Append("<h1>").Append(E(t.Text)).Append("</h1>\n");
                    break;
                case SubtitleNode s:
                    sb.Append("<p class=\"underrubrik\">").Append(E(s.Text)).Append("</p>\n");
                    break;
                case HeadingNode hd:
                    var tag = hd.Level == 1 ? "h2" : "h3";
                    sb.Append('<').Append(tag).Append('>').Append(E(hd.Text)).Append("</").Append(tag).Append(">\n");
                    break;
                case ParagraphNode p:
                    sb.Append("<p>");
                    foreach (var r in p.Runs)
                    {
                        var text = E(r.Text).Replace("\n", "<br>", StringComparison.Ordinal);
                        sb.Append(r.Emphasis switch
                        {
                            Emphasis.Bold => $"<strong>{text}</strong>",
                            Emphasis.Italic => $"<em>{text}</em>",
                            _ => text,
                        });
                    }

                    sb.Append("</p>\n");
                    break;
                case ListNode l:
                    var lt = l.Numbered ? "ol" : "ul";
                    sb.Append('<').Append(lt).Append(">\n");
                    foreach (var i in l.Items)
                    {
                        sb.Append("<li>").Append(E(i)).Append("</li>\n");
                    }

                    sb.Append("</").Append(lt).Append(">\n");
                    break;
                case SignatureNode sig:
                    sb.Append("<div class=\"underskrifter\">");
                    foreach (var person in sig.Signatories)
                    {
                        sb.Append("<div>");
                        foreach (var line in person)
                        {
                            sb.Append("<p>").Append(E(line)).Append("</p>");
                        }

                        sb.Append("</div>");
                    }

                    sb.Append("</div>\n");
                    break;
                case TableNode table:
                    sb.Append("<table>\n<thead><tr>");
                    foreach (var c in table.Header)
                    {
                        sb.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
                    }

                    sb.Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in table.Rows)
                    {
                        sb.Append("<tr>");
                        foreach (var c in row)
                        {
                            sb.Append("<td>").Append(E(c)).Append("</td>");
                        }

                        sb.Append("</tr>\n");
                    }

                    sb.Append("</tbody>\n</table>\n");
                    break;
            }
        }

        sb.Append("</main>\n<footer>");
        foreach (var l in doc.Footer)
        {
            sb.Append("<p>").Append(E(l)).Append("</p>");
        }

        sb.Append("</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Escapes only what HTML needs; WebUtility.HtmlEncode would turn å ä ö into numeric entities.</summary>
    private static string E(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
