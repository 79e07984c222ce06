namespace BufferPool;

/// <summary>The known name a misspelled one most likely meant, for "did you mean" in startup's messages.</summary>
internal static class NearestName
{
    /// <summary>
    /// The name in <paramref name="names"/> nearest to <paramref name="name"/>, if it is near enough to be a slip of the
    /// keyboard or a half-remembered name (an edit distance of at most half the longer name's letters, and 2 always);
    /// else null.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> names) =>
        names
            .Select(n => (Name: n, Distance: EditDistance(n, name)))
            .Where(c => c.Distance <= Math.Max(2, Math.Max(c.Name.Length, name.Length) / 2))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();

    // Levenshtein distance, case-insensitive.
    private static int EditDistance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        int[] previous = new int[b.Length + 1], current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
