using System.Text.RegularExpressions;
using System.Xml.Linq;
using BufferPool.Tests.Shared;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// Every C# snippet of the README and the package readmes is the whole Program.cs of an app under tests/Snippets that
/// the build compiles, so a snippet compiles as shown, with its <c>using</c> lines: each <c>```csharp</c> block follows
/// a <c>&lt;!-- snippet: path --&gt;</c> line naming its file, and must equal it. And what the app references is what the
/// readme tells a user to add: a <c>dotnet add package</c> line for each BufferPool package and each other package.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    // What `dotnet new web` or `dotnet new worker` already brings: no readme needs to tell a user to add it.
    private static readonly HashSet<string> FromTheTemplates = ["Microsoft.Extensions.Hosting"];

    public static TheoryData<string> Readmes => ["README.md", "src/Pooling/README.md", "src/Hosting/README.md", "src/AspNetCore/README.md", "src/Sockets/README.md"];

    [Theory]
    [MemberData(nameof(Readmes))]
    public void EveryCSharpSnippet_IsTheFileItNames_AndItsPackagesAreAdded(string readme)
    {
        string root = SampleProcess.Repository;
        string[] lines = File.ReadAllLines(Path.Combine(root, readme));
        string[] added = [.. lines.Select(l => AddPackage().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];
        int snippets = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            Match marker = i > 0 ? SnippetMarker().Match(lines[i - 1]) : Match.Empty;
            Assert.True(marker.Success, $"{readme}:{i + 1}: a C# snippet without a <!-- snippet: path --> line before it");
            int end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            string snippet = string.Join("\n", lines[(i + 1)..end]).TrimEnd();
            string path = Path.Combine(root, marker.Groups[1].Value);
            Assert.True(File.Exists(path), $"{readme}:{i + 1}: {marker.Groups[1].Value} does not exist");
            Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n").TrimEnd(), snippet);

            foreach (string package in PackagesOf(Path.GetDirectoryName(path)!))
            {
                Assert.True(added.Contains(package), $"{readme}: the snippet in {marker.Groups[1].Value} needs {package}, and no `dotnet add package {package}` line says so");
            }

            snippets++;
        }

        Assert.True(snippets > 0, $"{readme} has no C# snippet");
    }

    /// <summary>The packages a snippet's app uses: BufferPool's (its project references) and every other one.</summary>
    private static IEnumerable<string> PackagesOf(string directory)
    {
        XDocument project = XDocument.Load(Directory.GetFiles(directory, "*.csproj").Single());
        foreach (XElement reference in project.Descendants("ProjectReference"))
        {
            yield return Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value);
        }

        foreach (XElement reference in project.Descendants("PackageReference"))
        {
            string id = reference.Attribute("Include")!.Value;
            if (!FromTheTemplates.Contains(id))
            {
                yield return id;
            }
        }
    }

    [GeneratedRegex(@"^\s*<!-- snippet: (\S+) -->\s*$")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"dotnet add package ([\w.]+)")]
    private static partial Regex AddPackage();
}
