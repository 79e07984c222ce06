using System.Diagnostics;
using BufferPool.Pools;

namespace BufferPool.Metrics;

/// <summary>
/// One set of measurements for the Meter: a pool, or the rents that one owner made through a pool, with its
/// statistics now. Each reading has a tag set of its own, so an exporter keeps every one.
/// </summary>
/// <param name="Pool">The pool measured.</param>
/// <param name="Owner">The <c>bufferpool.owner</c> tag: <c>app</c>, or the owner Kestrel named (<c>kestrel</c>).</param>
/// <param name="Statistics">The figures now.</param>
/// <param name="RentsOnly">True for an owner's view over a shared pool: only its rents are its own.</param>
internal readonly record struct PoolReading(IBufferPool Pool, string Owner, BufferPoolStatistics Statistics, bool RentsOnly = false)
{
    public const string KindTag = "bufferpool.kind";
    public const string OwnerTag = "bufferpool.owner";
    public const string ElementTypeTag = "bufferpool.element_type";

    /// <summary>The app's own pools, as a pool with no hosting reports them.</summary>
    public const string AppOwner = OwnerTable.AppOwner;

    public bool IsArrayPool => Pool is not BufferMemoryPool;

    public TagList Tags
    {
        get
        {
            var tags = new TagList { { KindTag, Pool.Kind }, { OwnerTag, Owner } };
            if (IsArrayPool)
            {
                tags.Add(ElementTypeTag, Pool.ElementType.Name.ToLowerInvariant());
            }

            return tags;
        }
    }
}
