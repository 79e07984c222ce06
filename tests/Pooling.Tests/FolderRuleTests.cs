using System.Text;
using System.Text.RegularExpressions;

namespace BufferPool.Tests;

/// <summary>
/// The folder rule of src/Pooling (docs/architecture.md): a folder imports (uses a type declared in) only folders that
/// do not import it back, directly or through others, and the leaf, <see cref="Leaf"/>, imports nothing of ours. Read
/// from the sources: each top-level type declared in a folder is that folder's, and a file imports the folders whose
/// type names appear in its code (comments and string literals left out) where C# would let the name mean that type:
/// its namespace is the file's, a parent of it, or a <c>using</c>, or the name is qualified with it. So a member that
/// happens to share a type's name (<c>BitmapSlot.SuperBlock</c>) does not count as a use of that type.
/// </summary>
public sealed partial class FolderRuleTests
{
    /// <summary>What everything uses, and what imports nothing.</summary>
    private const string Leaf = "Primitives";

    [Fact]
    public void NoFolderImportsAFolderThatImportsItBack()
    {
        Dictionary<string, SortedDictionary<string, SortedSet<string>>> imports = FolderImports();
        List<string>? cycle = FindCycle(imports);
        Assert.True(cycle is null, $"src/Pooling's folders form a cycle: {string.Join(" -> ", cycle ?? [])}.\n{Describe(imports)}");
    }

    [Fact]
    public void TheLeafImportsNothing()
    {
        Dictionary<string, SortedDictionary<string, SortedSet<string>>> imports = FolderImports();
        Assert.True(imports.ContainsKey(Leaf), $"src/Pooling has no {Leaf}/ folder.\n{Describe(imports)}");
        Assert.True(imports[Leaf].Count == 0, $"{Leaf}/ imports other folders.\n{Describe(imports)}");
    }

    [Fact]
    public void TheScan_LeavesOutCommentsAndLiterals_AndFindsTopLevelTypesOnly()
    {
        Source file = Parse("Folder", """
            namespace BufferPool.Folder;

            /// <summary>A <see cref="Hidden"/> type.</summary>
            internal sealed class Outer : IShown // Hidden
            {
                private const string Text = "Hidden // \" Hidden";
                private const char Quote = '"';
                /* Hidden */ private sealed class Inner { }
                private readonly record struct Pair(int A);
            }

            internal readonly record struct Figures(long Count);
            """);

        Assert.DoesNotContain("Hidden", Identifier().Matches(file.Code).Select(m => m.Value));
        Assert.Contains("IShown", Identifier().Matches(file.Code).Select(m => m.Value));
        Assert.Equal(["Outer", "Figures"], DeclaredTypes(file.Code));
    }

    [Fact]
    public void TheScan_CountsANameWhereItsNamespaceIsInScope_OrQualified()
    {
        var homes = new Dictionary<string, Home>
        {
            ["Public"] = new("Top", "BufferPool"),
            ["Imported"] = new("Imported", "BufferPool.Imported"),
            ["Qualified"] = new("Qualified", "BufferPool.Qualified"),
            ["Member"] = new("Other", "BufferPool.Other"),
        };
        Source file = Parse("Folder", """
            using BufferPool.Imported;

            namespace BufferPool.Folder;

            internal sealed class User(Public a, Imported b)
            {
                public int Member => Qualified.Qualified.Value;
            }
            """);

        Assert.Equal(["Imported", "Public", "Qualified"], UsedTypes(file, homes).Order());
    }

    /// <summary>
    /// For each folder of src/Pooling, the folders it imports and, for each, the types it uses from there. Also checks
    /// that the scan found something and that no type name is declared in two folders, either of which would make the
    /// rule pass for the wrong reason.
    /// </summary>
    private static Dictionary<string, SortedDictionary<string, SortedSet<string>>> FolderImports()
    {
        string root = Path.Combine(RepositoryRoot(), "src", "Pooling");
        List<Source> files = [.. Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar))
            .Where(parts => parts[0] is not ("bin" or "obj"))
            .Select(parts => Parse(parts.Length > 1 ? parts[0] : "(root)", File.ReadAllText(Path.Combine([root, .. parts]))))];

        var homes = new Dictionary<string, Home>();
        foreach (Source file in files)
        {
            foreach (string type in DeclaredTypes(file.Code))
            {
                if (homes.TryGetValue(type, out Home? other) && other.Folder != file.Folder)
                {
                    Assert.Fail($"{type} is declared in both {other.Folder}/ and {file.Folder}/, so the scan cannot tell which one a use means.");
                }

                homes[type] = new Home(file.Folder, file.Namespace);
            }
        }

        Assert.True(homes.Count > 50, $"The scan found only {homes.Count} types under {root}.");
        var imports = files.Select(f => f.Folder).Distinct().ToDictionary(f => f, _ => new SortedDictionary<string, SortedSet<string>>());
        foreach (Source file in files)
        {
            foreach (string type in UsedTypes(file, homes))
            {
                string folder = homes[type].Folder;
                if (folder != file.Folder)
                {
                    if (!imports[file.Folder].TryGetValue(folder, out SortedSet<string>? types))
                    {
                        imports[file.Folder][folder] = types = [];
                    }

                    types.Add(type);
                }
            }
        }

        return imports;
    }

    /// <summary>A path of folders that leads back to its start, or null when there is none.</summary>
    private static List<string>? FindCycle(Dictionary<string, SortedDictionary<string, SortedSet<string>>> imports)
    {
        var done = new HashSet<string>();
        var path = new List<string>();

        List<string>? Visit(string folder)
        {
            int at = path.IndexOf(folder);
            if (at >= 0)
            {
                return [.. path[at..], folder];
            }

            if (!done.Add(folder))
            {
                return null;
            }

            path.Add(folder);
            foreach (string imported in imports[folder].Keys)
            {
                if (Visit(imported) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return imports.Keys.Order().Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    private static string Describe(Dictionary<string, SortedDictionary<string, SortedSet<string>>> imports)
    {
        var text = new StringBuilder("What each folder imports:");
        foreach ((string folder, SortedDictionary<string, SortedSet<string>> used) in imports.OrderBy(i => i.Key))
        {
            text.Append($"\n  {folder}/: ").AppendJoin("; ", used.Select(u => $"{u.Key} ({string.Join(", ", u.Value)})"));
        }

        return text.ToString();
    }

    /// <summary>A file's code (comments and string and character literals blanked out), its namespace and the namespaces in scope.</summary>
    private static Source Parse(string folder, string text)
    {
        string code = CommentsAndLiterals().Replace(text, " ");
        string name = NamespaceDeclaration().Match(code).Groups["name"].Value;
        HashSet<string> inScope = [.. UsingDirective().Matches(code).Select(m => m.Groups["name"].Value)];
        for (string ns = name; ns.Length > 0; ns = ns.Contains('.') ? ns[..ns.LastIndexOf('.')] : "")
        {
            inScope.Add(ns);
        }

        return new Source(folder, name, inScope, code);
    }

    /// <summary>The types of <paramref name="homes"/> that <paramref name="file"/> names where its namespace is in scope, or qualified with it.</summary>
    private static IEnumerable<string> UsedTypes(Source file, Dictionary<string, Home> homes) =>
        Identifier().Matches(file.Code).Select(m => m.Value).Distinct().Where(name => homes.TryGetValue(name, out Home? home)
            && (file.InScope.Contains(home.Namespace) || file.Code.Contains($"{home.Namespace[(home.Namespace.LastIndexOf('.') + 1)..]}.{name}", StringComparison.Ordinal)));

    /// <summary>The types declared at the top level of a file (file-scoped namespace, so outside every brace).</summary>
    private static List<string> DeclaredTypes(string code) =>
        [.. Declaration().Matches(code).Where(m => Depth(code, m.Index) == 0).Select(m => m.Groups["name"].Value)];

    private static int Depth(string code, int index) => code.AsSpan(0, index).Count('{') - code.AsSpan(0, index).Count('}');

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BufferPool.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No BufferPool.sln above {AppContext.BaseDirectory}.");
    }

    // One pass, leftmost first, so that a "//" inside a string is not taken for a comment, nor a quote inside a comment for
    // a string. Interpolated strings go whole, holes included: the holes in src/Pooling name no type.
    [GeneratedRegex("""//[^\n]*|/\*[\s\S]*?\*/|@"(?:[^"]|"")*"|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])+'""")]
    private static partial Regex CommentsAndLiterals();

    [GeneratedRegex(@"\b[A-Za-z_]\w*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record)\s+(?:(?:class|struct)\s+)?(?<name>[A-Za-z_]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*using\s+(?<name>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    /// <summary>A source file of src/Pooling as the scan sees it.</summary>
    private sealed record Source(string Folder, string Namespace, HashSet<string> InScope, string Code);

    /// <summary>Where a type is declared: its folder and its namespace.</summary>
    private sealed record Home(string Folder, string Namespace);
}
