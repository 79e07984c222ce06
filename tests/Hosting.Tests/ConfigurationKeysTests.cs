using System.Reflection;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// Hosting lists the configuration keys it knows instead of reading them by reflection (trim- and AOT-safe); these tests
/// keep each list equal to its options class's public settable properties, read here by reflection.
/// </summary>
public sealed class ConfigurationKeysTests
{
    public static TheoryData<string, Type> Lists => new()
    {
        { nameof(ConfigurationKeysCheck.SmallBlockPool), typeof(SmallBlockPoolOptions) },
        { nameof(ConfigurationKeysCheck.BitmapPool), typeof(BitmapPoolOptions) },
        { nameof(ConfigurationKeysCheck.SmallBlockArrays), typeof(SmallBlockArrayPoolOptions) },
        { nameof(ConfigurationKeysCheck.FreeListArrays), typeof(FreeListArrayPoolOptions) },
        { nameof(ConfigurationKeysCheck.Trimming), typeof(BufferPoolTrimmingOptions) },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void EachKnownKeyList_IsExactlyItsOptionsClassSettableProperties(string list, Type options)
    {
        var listed = (string[])typeof(ConfigurationKeysCheck).GetField(list, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        string[] settable = [.. options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic).Select(p => p.Name).Order()];

        Assert.NotEmpty(settable);
        Assert.Equal(settable, listed.Order());
    }
}
