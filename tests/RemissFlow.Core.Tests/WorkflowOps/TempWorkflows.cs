using System.Text.Json.Nodes;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.WorkflowOps;

/// <summary>A copy of workflows/ in a temp directory, for tests that break or add a definition.</summary>
public sealed class TempWorkflows : IDisposable
{
    public TempWorkflows()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("remissflow-workflows-").FullName;
        foreach (var file in System.IO.Directory.GetFiles(RepoPaths.Workflows, "*.json"))
        {
            File.Copy(file, System.IO.Path.Combine(Directory, System.IO.Path.GetFileName(file)));
        }
    }

    public string Directory { get; }

    public string Path(string fileName) => System.IO.Path.Combine(Directory, fileName);

    public JsonNode Read(string fileName) => JsonNode.Parse(File.ReadAllText(Path(fileName)))!;

    public void Write(string fileName, JsonNode json) =>
        File.WriteAllText(Path(fileName), json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

    /// <summary>
    /// remissvar-namnd v3: the latest shipped version (v2) with the state <c>under_beredning</c> renamed
    /// <c>beredning_pagar</c> (every reference to it too), so a migration needs a real mapping.
    /// </summary>
    public void AddNamndV3()
    {
        var text = File.ReadAllText(Path("remissvar-namnd.v2.json")).Replace("\"under_beredning\"", "\"beredning_pagar\"", StringComparison.Ordinal);
        var json = JsonNode.Parse(text)!;
        json["version"] = 3;
        json["title"] = $"{json["title"]} (version 3)";
        Write("remissvar-namnd.v3.json", json);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
