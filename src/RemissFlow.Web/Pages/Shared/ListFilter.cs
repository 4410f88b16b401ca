using System.Globalization;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Shared;

/// <summary>One choice of a list filter: the stored value and the word people read.</summary>
public sealed record FilterOption(string Value, string Label);

/// <summary>
/// The status and year filter above a list, read from the GET query (?status=…&amp;ar=…) so a filtered
/// list can be bookmarked and works without JS. The options are only what the unfiltered list holds;
/// a value outside them is reported with the field named and the list is shown unfiltered.
/// </summary>
public sealed class ListFilter
{
    private ListFilter(string path, IReadOnlyList<FilterOption> statuses, IReadOnlyList<int> years, string? status, int? year, IReadOnlyList<string> errors,
        IReadOnlyDictionary<string, string> keep)
    {
        (Path, Statuses, Years, Status, Year, Errors, Keep) = (path, statuses, years, status, year, errors, keep);
    }

    public string Path { get; }

    public IReadOnlyList<FilterOption> Statuses { get; }

    public IReadOnlyList<int> Years { get; }

    /// <summary>The status to filter on, or null when none (or a bad one) was asked for.</summary>
    public string? Status { get; }

    /// <summary>The svarsdatum year to filter on, or null.</summary>
    public int? Year { get; }

    public IReadOnlyList<string> Errors { get; }

    /// <summary>Other query parameters the list needs kept across filtering (the sort order).</summary>
    public IReadOnlyDictionary<string, string> Keep { get; }

    public bool Active => Status is not null || Year is not null;

    public static ListFilter Read(string path, string? status, string? ar, IEnumerable<FilterOption> statuses, IEnumerable<int> years,
        IReadOnlyDictionary<string, string>? keep = null)
    {
        var options = statuses.DistinctBy(o => o.Value).OrderBy(o => o.Label, SwedishText.Comparer).ToList();
        var yearList = years.Distinct().OrderByDescending(y => y).ToList();
        var errors = new List<string>();
        string? chosenStatus = null;
        int? chosenYear = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (options.Any(o => o.Value == status))
            {
                chosenStatus = status;
            }
            else
            {
                errors.Add("Status: det finns ingen status med det värdet i listan. Listan visas ofiltrerad.");
            }
        }

        if (!string.IsNullOrWhiteSpace(ar))
        {
            if (int.TryParse(ar, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1 and <= 9999)
            {
                chosenYear = y;
            }
            else
            {
                errors.Add("År: ange ett årtal med fyra siffror, till exempel 2026. Listan visas ofiltrerad.");
            }
        }

        // Either value bad: the whole list, so nobody reads a half-filtered list as the filter they asked for.
        if (errors.Count > 0)
        {
            (chosenStatus, chosenYear) = (null, null);
        }

        return new ListFilter(path, options, yearList, chosenStatus, chosenYear, errors, keep ?? new Dictionary<string, string>());
    }

    /// <summary>For lists already in memory (the cached bevakning board).</summary>
    public bool Matches(string rowStatus, DateOnly svarsdatum) =>
        (Status is null || rowStatus == Status) && (Year is null || svarsdatum.Year == Year);
}
