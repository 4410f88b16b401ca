using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Presentation;

/// <summary>
/// One form field the accessible way: label, hint, the error next to the field (announced through
/// aria-describedby and aria-invalid), and the input with the posted or current value.
/// <c>&lt;rf-field for="Input.Title" label="Titel" hint="…" type="text|email|date|password|textarea" required /&gt;</c>
/// </summary>
[HtmlTargetElement("rf-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public required ModelExpression For { get; set; }

    public required string Label { get; set; }

    public string? Hint { get; set; }

    public string Type { get; set; } = "text";

    public bool Required { get; set; }

    public string? Autocomplete { get; set; }

    public int? Maxlength { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // Inside a partial rendered with for="Input" the field is Input.Title; on a page the prefix is empty.
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        var attempted = entry?.AttemptedValue;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field-has-error" : "field");

        var describedBy = FieldParts.Start(output, id, Label, Hint, Required, errors);

        var value = attempted ?? Format(For.Model);
        TagBuilder input;
        if (Type == "textarea")
        {
            input = new TagBuilder("textarea");
            input.Attributes["rows"] = "6";
            input.InnerHtml.Append(value ?? string.Empty);
        }
        else
        {
            input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
            input.Attributes["type"] = Type;
            if (Type != "password" && value is not null)
            {
                input.Attributes["value"] = value;
            }
        }

        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        if (Required)
        {
            // Not the HTML "required" attribute: the server's Swedish message, next to the field, is the one people should see.
            input.Attributes["aria-required"] = "true";
        }

        if (Autocomplete is not null)
        {
            input.Attributes["autocomplete"] = Autocomplete;
        }

        if (Maxlength is not null)
        {
            input.Attributes["maxlength"] = Maxlength.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (errors.Count > 0)
        {
            input.Attributes["aria-invalid"] = "true";
        }

        if (describedBy.Count > 0)
        {
            input.Attributes["aria-describedby"] = string.Join(" ", describedBy);
        }

        output.Content.AppendHtml(input);
    }

    private static string? Format(object? model) => model switch
    {
        null => null,
        DateOnly d => SwedishText.IsoDate(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}
