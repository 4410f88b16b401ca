using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Workflows.Definitions;

/// <summary>
/// Every definition version the host runs, checked as a whole at start-up, with the guards that back
/// them and the names of the actions the host's typed transitions declare they carry out (the engine
/// runs no action; it only refuses a definition naming one that no code carries out). Immutable once
/// built; share one instance.
/// </summary>
public sealed class WorkflowRegistry
{
    /// <summary>File in the definitions directory that is the schema, not a definition.</summary>
    public const string SchemaFileName = "schema.json";

    private readonly Dictionary<(string, int), WorkflowDefinition> _definitions;
    private readonly Dictionary<string, IWorkflowGuard> _guards;

    private WorkflowRegistry(IEnumerable<WorkflowDefinition> definitions, Dictionary<string, IWorkflowGuard> guards)
    {
        _definitions = definitions.ToDictionary(d => (d.DefinitionId, d.Version));
        _guards = guards;
    }

    public IReadOnlyCollection<WorkflowDefinition> Definitions => _definitions.Values;

    /// <summary>
    /// Loads every <c>*.json</c> in <paramref name="directory"/> (except schema.json), checks each,
    /// and refuses a published version whose content changed. Throws one
    /// <see cref="WorkflowDefinitionException"/> naming every fault; records new versions in the
    /// ledger only when all files are sound.
    /// </summary>
    public static Task<WorkflowRegistry> LoadDirectoryAsync(
        string directory,
        IEnumerable<IWorkflowGuard> guards,
        IEnumerable<string> actionNames,
        IPublishedVersionLedger ledger,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        var files = Directory.GetFiles(directory, "*.json")
            .Where(f => !string.Equals(Path.GetFileName(f), SchemaFileName, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(f)));
        return LoadAsync(files, guards, actionNames, ledger, timeProvider, cancellationToken);
    }

    /// <summary>As <see cref="LoadDirectoryAsync"/>, from (source name, JSON text) pairs.</summary>
    public static async Task<WorkflowRegistry> LoadAsync(
        IEnumerable<(string Source, string Json)> files,
        IEnumerable<IWorkflowGuard> guards,
        IEnumerable<string> actionNames,
        IPublishedVersionLedger ledger,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        var guardMap = ByName(guards, g => g.Name, "guard");
        var definitions = Check(files, guardMap.Keys.ToHashSet(), actionNames.ToHashSet(StringComparer.Ordinal), out var errors);

        foreach (var d in definitions)
        {
            var published = await ledger.GetHashAsync(d.DefinitionId, d.Version, cancellationToken).ConfigureAwait(false);
            if (published is not null && published != d.Sha256)
            {
                errors.Add(new DefinitionError(d.Source, "$.version",
                    $"{d.DefinitionId} version {d.Version} was published with SHA-256 {published}, but this file's content has SHA-256 {d.Sha256}. " +
                    "A published version is immutable: give the changed definition a new version number."));
            }
        }
        if (errors.Count > 0)
        {
            throw new WorkflowDefinitionException(errors);
        }

        var now = timeProvider.GetUtcNow();
        foreach (var d in definitions)
        {
            if (await ledger.GetHashAsync(d.DefinitionId, d.Version, cancellationToken).ConfigureAwait(false) is null)
            {
                await ledger.RecordAsync(d.DefinitionId, d.Version, d.Sha256, now, cancellationToken).ConfigureAwait(false);
            }
        }
        return new WorkflowRegistry(definitions, guardMap);
    }

    /// <summary>
    /// Checks files without a ledger (for <c>workflow validate</c>): every fault of every file,
    /// including two files claiming the same definition version.
    /// </summary>
    public static IReadOnlyList<DefinitionError> Validate(
        IEnumerable<(string Source, string Json)> files,
        IReadOnlySet<string> guardNames,
        IReadOnlySet<string> actionNames)
    {
        Check(files, guardNames, actionNames, out var errors);
        return errors;
    }

    private static List<WorkflowDefinition> Check(
        IEnumerable<(string Source, string Json)> files,
        IReadOnlySet<string> guardNames,
        IReadOnlySet<string> actionNames,
        out List<DefinitionError> errors)
    {
        errors = [];
        var definitions = new List<WorkflowDefinition>();
        var seen = new Dictionary<(string, int), string>();
        foreach (var (source, json) in files)
        {
            var definition = WorkflowDefinitionLoader.Load(source, json, guardNames, actionNames, out var fileErrors);
            errors.AddRange(fileErrors);
            if (definition is null)
            {
                continue;
            }
            if (!seen.TryAdd((definition.DefinitionId, definition.Version), source))
            {
                errors.Add(new DefinitionError(source, "$.version",
                    $"{definition.DefinitionId} version {definition.Version} is also defined in {seen[(definition.DefinitionId, definition.Version)]}"));
                continue;
            }
            definitions.Add(definition);
        }
        return definitions;
    }

    private static Dictionary<string, T> ByName<T>(IEnumerable<T> items, Func<T, string> name, string kind)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!map.TryAdd(name(item), item))
            {
                throw new InvalidOperationException($"Two {kind}s are registered under the name '{name(item)}'.");
            }
        }
        return map;
    }

    public WorkflowDefinition Get(string definitionId, int version) =>
        _definitions.TryGetValue((definitionId, version), out var d)
            ? d
            : throw new KeyNotFoundException($"No workflow definition {definitionId} v{version} is loaded.");

    public WorkflowDefinition? Find(string definitionId, int version) => _definitions.GetValueOrDefault((definitionId, version));

    /// <summary>The highest version; new instances start on it, running ones stay on theirs.</summary>
    public WorkflowDefinition Latest(string definitionId) =>
        _definitions.Values.Where(d => d.DefinitionId == definitionId).MaxBy(d => d.Version)
            ?? throw new KeyNotFoundException($"No workflow definition {definitionId} is loaded.");

    internal IWorkflowGuard Guard(string name) => _guards[name];
}
