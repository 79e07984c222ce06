using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace BufferPool.Hosting;

/// <summary>
/// An options type with no settings, validated on start, whose validation rejects keys under the <c>BufferPool</c>
/// section that no BufferPool setting reads: a misspelled key (<c>BufferPool:BlokSize</c>) would otherwise be ignored
/// without a word. Every unknown key is named at once.
/// </summary>
internal sealed class ConfigurationKeysCheck
{
    /// <summary>Subsections that other parts of BufferPool own and check themselves.</summary>
    private static readonly string[] OtherSections = ["Sockets"];

    /// <summary>The unknown keys of <paramref name="section"/>, as full configuration paths.</summary>
    public static List<string> UnknownKeys(IConfiguration section, Type poolOptions, Type arrayOptions)
    {
        var unknown = new List<string>();
        var known = new HashSet<string>(SettingsOf(poolOptions), StringComparer.OrdinalIgnoreCase) { "Kind" };
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (child.Key.Equals("Trimming", StringComparison.OrdinalIgnoreCase))
            {
                Check(child, SettingsOf(typeof(BufferPoolTrimmingOptions)), unknown);
            }
            else if (child.Key.Equals(Microsoft.Extensions.DependencyInjection.BufferPoolServiceCollectionExtensions.ArraysSection, StringComparison.OrdinalIgnoreCase))
            {
                Check(child, SettingsOf(arrayOptions), unknown);
            }
            else if (!known.Contains(child.Key) && !OtherSections.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                unknown.Add(child.Path);
            }
        }

        return unknown;
    }

    private static void Check(IConfigurationSection section, IEnumerable<string> settings, List<string> unknown)
    {
        var known = new HashSet<string>(settings, StringComparer.OrdinalIgnoreCase);
        unknown.AddRange(section.GetChildren().Where(c => !known.Contains(c.Key)).Select(c => c.Path));
    }

    private static IEnumerable<string> SettingsOf(Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);
}
