using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RemissFlow.Web.Presentation;

/// <summary>
/// A select the accessible way, like <see cref="FieldTagHelper"/>: label, hint, the error beside it
/// (aria-describedby, aria-invalid) and the posted or current value selected.
/// <c>&lt;rf-select for="Input.OrganId" label="Organ" options="Model.Organs" placeholder="Välj …" /&gt;</c>
/// </summary>
[HtmlTargetElement("rf-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class SelectFieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public required ModelExpression For { get; set; }

    public required string Label { get; set; }

    public string? Hint { get; set; }

    public IEnumerable<(string Value, string Text)> Options { get; set; } = [];

    /// <summary>The first, empty choice; null for none.</summary>
    public string? Placeholder { get; set; }

    public bool Required { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        var current = entry?.AttemptedValue ?? For.Model?.ToString();

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field-has-error" : "field");
        var describedBy = FieldParts.Start(output, id, Label, Hint, Required, errors);

        var select = new TagBuilder("select");
        select.Attributes["id"] = id;
        select.Attributes["name"] = name;
        if (Placeholder is not null)
        {
            var empty = new TagBuilder("option");
            empty.Attributes["value"] = "";
            empty.InnerHtml.Append(Placeholder);
            select.InnerHtml.AppendHtml(empty);
        }

        foreach (var (value, text) in Options)
        {
            var option = new TagBuilder("option");
            option.Attributes["value"] = value;
            if (string.Equals(value, current, StringComparison.OrdinalIgnoreCase))
            {
                option.Attributes["selected"] = "selected";
            }

            option.InnerHtml.Append(text);
            select.InnerHtml.AppendHtml(option);
        }

        FieldParts.Finish(select, errors, describedBy, Required);
        output.Content.AppendHtml(select);
    }
}

/// <summary>A single checkbox with its label after it; posts "true" when ticked (and nothing otherwise, which binds as false).</summary>
[HtmlTargetElement("rf-check", TagStructure = TagStructure.WithoutEndTag)]
public sealed class CheckFieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public required ModelExpression For { get; set; }

    public required string Label { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var attempted = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.AttemptedValue : null;
        var on = attempted is not null ? attempted.Split(',').Contains("true") : For.Model is true;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field field-check");
        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["type"] = "checkbox";
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        input.Attributes["value"] = "true";
        if (on)
        {
            input.Attributes["checked"] = "checked";
        }

        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(Label);
        output.Content.AppendHtml(input);
        output.Content.AppendHtml(label);
    }
}

internal static class FieldParts
{
    public static List<string> Start(TagHelperOutput output, string id, string labelText, string? hintText, bool required, List<string> errors)
    {
        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(labelText);
        if (!required)
        {
            label.InnerHtml.AppendHtml(" <span class=\"optional\">(frivilligt)</span>");
        }

        output.Content.AppendHtml(label);
        var describedBy = new List<string>();
        if (hintText is not null)
        {
            var hint = new TagBuilder("p");
            hint.AddCssClass("hint");
            hint.Attributes["id"] = id + "-hint";
            hint.InnerHtml.Append(hintText);
            output.Content.AppendHtml(hint);
            describedBy.Add(id + "-hint");
        }

        if (errors.Count > 0)
        {
            var error = new TagBuilder("p");
            error.AddCssClass("field-error");
            error.Attributes["id"] = id + "-fel";
            error.InnerHtml.AppendHtml("<span class=\"visually-hidden\">Fel: </span>");
            error.InnerHtml.Append(string.Join(" ", errors));
            output.Content.AppendHtml(error);
            describedBy.Add(id + "-fel");
        }

        return describedBy;
    }

    public static void Finish(TagBuilder input, List<string> errors, List<string> describedBy, bool required)
    {
        if (required)
        {
            input.Attributes["aria-required"] = "true";
        }

        if (errors.Count > 0)
        {
            input.Attributes["aria-invalid"] = "true";
        }

        if (describedBy.Count > 0)
        {
            input.Attributes["aria-describedby"] = string.Join(" ", describedBy);
        }
    }
}
