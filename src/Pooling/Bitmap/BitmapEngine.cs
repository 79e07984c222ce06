using System.Diagnostics;
using System.Runtime.CompilerServices;
using BufferPool.Diagnostics;
using BufferPool.Pools;
using BufferPool.Primitives;
using BufferPool.ThreadCaching;

namespace BufferPool.Bitmap;

/// <summary>
/// libstdc++'s <c>bitmap_allocator</c> (the libstdc++ manual, "The bitmap_allocator") for fixed-size blocks: bitmap super blocks that double as the
/// pool grows, next-fit then first-fit search, and a Free List Store that takes empty super blocks and hands
/// them back when the 36% rule allows. A per-thread cache of a few blocks sits in front. The engine knows
/// nothing of <see cref="System.Buffers.MemoryPool{T}"/>; adapters wrap it.
/// </summary>
internal sealed partial class BitmapEngine<TSlot> : IThreadCacheSink, IPoolEngine
    where TSlot : BitmapSlot, IBitmapSlotFactory<TSlot>
{
    private readonly object _lock = new();
    private readonly FreeListStore<BitmapSuperBlock> _freeList;
    private readonly ThreadCacheSet _caches;
    private readonly int _initialBlocksPerSuperBlock;
    private readonly int _maxBlocksPerSuperBlock;
    private readonly int _retainedFreeListEntries;
    private readonly int _maxFreeListEntries;
    private readonly long _maxReservedBytes;
    private BitmapSuperBlock[] _active = [];
    private int _nextBlockCount;
    private int _lastSuperBlock;
    private long _activeBytes;
    private volatile bool _disposed;

    /// <param name="options">Validated here; the engine keeps a copy of the values.</param>
    public BitmapEngine(BitmapPoolOptions options)
    {
        ValidatableOptions.ThrowIfInvalid(options);
        BlockSize = options.BlockSize;
        _nextBlockCount = _initialBlocksPerSuperBlock = options.InitialBlocksPerSuperBlock;
        _maxBlocksPerSuperBlock = options.MaxBlocksPerSuperBlock;
        _retainedFreeListEntries = options.RetainedFreeListEntries;
        _purgeDelayMilliseconds = options.PurgeDelayMilliseconds;
        _maxFreeListEntries = options.MaxFreeListEntries;
        _maxReservedBytes = options.MaxReservedBytes ?? long.MaxValue;
        _freeList = new FreeListStore<BitmapSuperBlock>(options.MaxFreeListEntries, options.MaxWastagePercent, static s => s.Capacity, static s => s.Capacity);
        _caches = new ThreadCacheSet(this, [options.ThreadCacheSize], [BlockSize]);
    }

    /// <summary>The <c>bufferpool.kind</c> of this engine's pools.</summary>
    public const string Kind = BufferPoolKinds.Bitmap;

    public int BlockSize { get; }

    /// <summary>Super blocks that hold blocks now, in the order they were made; for tests.</summary>
    public IReadOnlyList<BitmapSuperBlock> SuperBlocks => Volatile.Read(ref _active);

    internal FreeListStore<BitmapSuperBlock> FreeList => _freeList;

    /// <summary>The per-thread caches and transfer cache, for tests.</summary>
    internal ThreadCacheSet Caches => _caches;

    /// <summary>Rents one block, or returns null when <c>MaxReservedBytes</c> stops growth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TSlot? Rent() => RentCached(ThreadCacheSet.ThreadTable, owner: 0, out _) ?? RentUncached(owner: 0, out _);

    /// <summary>
    /// The hot half of a rent: a block from the calling thread's cache, counted for <paramref name="owner"/>. Null when
    /// the thread has no cache yet (<paramref name="cache"/> is null then), its cache has none, or a reclaim is under
    /// way: the caller then goes to <see cref="RentUncached"/>. It makes no call, so its caller keeps what it holds in
    /// scratch registers.
    /// </summary>
    /// <param name="table">The calling thread's table of caches, read at the start of the operation (see <see cref="ThreadCacheSet.ThreadTable"/>).</param>
    /// <param name="owner">Whose rent it is, for the per-owner counts (0: the pool's own <c>Rent</c>).</param>
    /// <param name="cache">The calling thread's cache, which the pool also counts its tracking samples on.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TSlot? RentCached(ThreadCache[]? table, int owner, out ThreadCache? cache)
    {
        ThreadCache? found = _caches.CachedIn(table);
        cache = found;

        // Only this engine puts blocks in its caches, and its blocks are all TSlot (or null, which stays null).
        return found is null ? null : Unsafe.As<TSlot>(found.Rent(0, owner));
    }

    /// <summary>
    /// The rest of a rent, after <see cref="RentCached"/> found nothing: the thread's cache (made on first use), a batch
    /// from the transfer cache, the bitmaps, growth. Null when <c>MaxReservedBytes</c> stops growth.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public TSlot? RentUncached(int owner, out ThreadCache cache)
    {
        cache = _caches.Current;
        object? cached = cache.Rent(0, owner);
        return cached is not null ? Unsafe.As<TSlot>(cached) : RentShared(cache, owner);
    }

    /// <summary>Takes back a slot that the caller guarantees is rented and returned once (trusted path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Return(TSlot slot) => Return(slot, ThreadCacheSet.ThreadTable);

    /// <inheritdoc cref="Return(TSlot)"/>
    /// <param name="slot">The block returned.</param>
    /// <param name="table">The calling thread's table of caches, read at the start of the operation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Return(TSlot slot, ThreadCache[]? table)
    {
        ThreadCache? cache = _caches.CachedIn(table);
        if (cache is null || !cache.Return(0, slot))
        {
            ReturnUncached(cache, slot);
        }
    }

    /// <summary>The rest of a return: through the thread's cache if <see cref="Return(TSlot, ThreadCache[])"/> had none yet.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReturnUncached(ThreadCache? cache, TSlot slot)
    {
        if (cache is null)
        {
            cache = _caches.Current;
            if (cache.Return(0, slot))
            {
                return;
            }
        }

        ReturnShared(cache, slot);
    }

    /// <summary>
    /// The thread's cache is full (or off): half of it goes to the transfer cache in one batch, where a thread that
    /// rents takes it whole; only when that is full too does the block go back to its bitmap.
    /// </summary>
    private void ReturnShared(ThreadCache cache, TSlot slot)
    {
        if (_disposed)
        {
            // The disposed engine forgets the block; counting it keeps the pool's in-use figure true.
            _caches.CountLateReturn(0, 0);
            return;
        }

        if (!_caches.TrySpill(cache, 0, slot))
        {
            Free(slot.SuperBlock, slot.Index);
        }
    }

    void IThreadCacheSink.ReturnShared(int sizeClass, object item)
    {
        BitmapSlot slot = Unsafe.As<BitmapSlot>(item);
        Free(slot.SuperBlock, slot.Index);
    }

    /// <summary>The rent path when the thread's cache had nothing: counts the rent once it is served.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TSlot? RentShared(ThreadCache cache, int owner)
    {
        TSlot? slot = RentSharedUncounted(cache);
        if (slot is not null)
        {
            cache.CountRent(0, owner);
        }

        return slot;
    }

    private TSlot? RentSharedUncounted(ThreadCache cache)
    {
        // A batch that a returning thread parked first: one CAS for several rents.
        if (_caches.TryRefill(cache, 0) is { } refilled)
        {
            return Unsafe.As<TSlot>(refilled);
        }

        if (TryAllocate(out BitmapSuperBlock superBlock, out int index))
        {
            return Unsafe.As<TSlot>(superBlock.Slots[index] ??= TSlot.Create(this, superBlock, index));
        }

        return null;
    }

    /// <summary>Next fit from the super block of the last request, then first fit, then growth.</summary>
    private bool TryAllocate(out BitmapSuperBlock superBlock, out int index)
    {
        BitmapSuperBlock[] active = Volatile.Read(ref _active);
        int last = _lastSuperBlock;
        if ((uint)last < (uint)active.Length && (index = active[last].TryAllocate()) >= 0)
        {
            superBlock = active[last];
            return true;
        }

        return TryFirstFit(active, out superBlock, out index)
            || TryGrow(out superBlock, out index)
            || TryAllocateAfterReclaim(out superBlock, out index);
    }

    private bool TryFirstFit(BitmapSuperBlock[] active, out BitmapSuperBlock superBlock, out int index)
    {
        for (int i = 0; i < active.Length; i++)
        {
            if (active[i].HasFree && (index = active[i].TryAllocate()) >= 0)
            {
                _lastSuperBlock = i;
                superBlock = active[i];
                return true;
            }
        }

        superBlock = null!;
        index = -1;
        return false;
    }

    /// <summary>
    /// Grows the pool by one super block and takes a block from it before publishing it: once it is in
    /// <c>_active</c>, other threads allocate from it without the lock and could leave the grower nothing.
    /// Fails only when the budget stops growth and the Free List Store holds nothing to reuse.
    /// </summary>
    private bool TryGrow(out BitmapSuperBlock superBlock, out int index)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Another thread may have grown the pool while this one waited.
            if (TryFirstFit(_active, out superBlock, out index))
            {
                return true;
            }

            int blocks = _nextBlockCount;
            BitmapSuperBlock? grown = TakeOrMake(blocks);
            if (grown is null)
            {
                superBlock = null!;
                index = -1;
                return false;
            }

            // Unpublished, so nobody else can reserve in it: the allocation succeeds.
            index = grown.TryAllocate();
            Debug.Assert(index >= 0, "An unpublished super block with every block free must serve an allocation.");
            superBlock = grown;
            _nextBlockCount = Math.Min(blocks * 2, _maxBlocksPerSuperBlock);
            _activeBytes += superBlock.Capacity;
            Volatile.Write(ref _active, [.. _active, superBlock]);
            _lastSuperBlock = _active.Length - 1;
            return true;
        }
    }

    /// <summary>
    /// A super block of <paramref name="blocks"/> blocks from the Free List Store (the wastage rule decides) or
    /// from the runtime, within the budget. At the budget, the store's idle super blocks count toward it yet
    /// serve nobody, so the largest is reused as it is whatever its size; with the store empty, the growth
    /// shrinks (halving, down to the initial size) to what the budget leaves. Null when even that does not fit.
    /// Caller holds the lock.
    /// </summary>
    private BitmapSuperBlock? TakeOrMake(int blocks)
    {
        long bytes = (long)blocks * BlockSize;
        BitmapSuperBlock? stored = _freeList.TryTake((int)bytes);
        if (stored is not null)
        {
            Recommit(stored);
        }

        if (stored is not null && stored.BlockCount == blocks)
        {
            stored.Revive();
            return stored;
        }

        if (stored is not null)
        {
            // The wastage rule let a longer array serve this request; cut it into the blocks asked for.
            return new BitmapSuperBlock(stored.Array, blocks, BlockSize);
        }

        long left = _maxReservedBytes - _activeBytes - _freeList.Bytes;
        if (bytes > left && _freeList.Count > 0)
        {
            // The store's entries are sorted by length; trimming to all but one hands back the largest.
            BitmapSuperBlock idle = _freeList.TrimTo(_freeList.Count - 1)[0];
            Recommit(idle);
            idle.Revive();
            return idle;
        }

        while (bytes > left && blocks > _initialBlocksPerSuperBlock)
        {
            blocks /= 2;
            bytes /= 2;
        }

        if (bytes > left)
        {
            return null;
        }

        var made = new BitmapSuperBlock(PinnedPages.Allocate((int)bytes), blocks, BlockSize);
        _superBlocksAllocated++;
        if (BufferPoolEventSource.Log.IsEnabled())
        {
            BufferPoolEventSource.Log.SuperBlockAllocated(Kind, bytes);
        }

        return made;
    }

    /// <summary>
    /// The budget path, taken when growth failed: reclaims every thread's cached blocks (they go back to their
    /// bitmaps) and tries again. The live threads' caches are rate-limited as on the small-block engine, and taken
    /// whatever the limit when at most half the budget is in use.
    /// </summary>
    /// <remarks>
    /// Lock order: the engine lock, then the Free List Store's own lock. A free that empties a super block takes
    /// the engine lock, and a flush frees blocks, so the flush runs with no lock held.
    /// </remarks>
    private bool TryAllocateAfterReclaim(out BitmapSuperBlock superBlock, out int index)
    {
        bool tookLive = _caches.ReclaimAtBudget();
        if (TryFirstFit(Volatile.Read(ref _active), out superBlock, out index) || TryGrow(out superBlock, out index))
        {
            return true;
        }

        // The rate limit spared the live threads' caches while at most half the budget is in use: the idle half is
        // there, so take it now (see the small-block engine's TryRentAfterReclaim).
        if (tookLive || !BudgetReclaim.MostlyIdle(_caches, _maxReservedBytes))
        {
            return false;
        }

        _caches.ReclaimAtBudget(force: true);
        return TryFirstFit(Volatile.Read(ref _active), out superBlock, out index) || TryGrow(out superBlock, out index);
    }

    private void Free(BitmapSuperBlock superBlock, int index)
    {
        if (superBlock.Free(index))
        {
            List<BitmapSuperBlock>? leaving = null;
            lock (_lock)
            {
                _ = Release(superBlock, keepLastActive: true, ref leaving);
            }

            // A super block that a full store dropped leaves the pool; its pages go back outside the lock.
            DecommitLeaving(leaving);
        }
    }

    /// <summary>
    /// libstdc++'s manual: "when this use count hits 0 ... the whole super block will be given back to the Free List Store".
    /// Unlike libstdc++, a free keeps the last active super block: handing it to the store only to take it back
    /// on the next rent would make a pool with one buffer out take the lock and copy its tables every time.
    /// <see cref="Trim"/> releases that one too once it is idle. Caller holds the lock.
    /// </summary>
    /// <param name="superBlock">The super block whose use count hit 0.</param>
    /// <param name="keepLastActive">Whether the last active super block stays (a free) or goes too (a trim).</param>
    /// <param name="leaving">Where a super block that leaves the pool goes, for the caller to decommit after the lock.</param>
    /// <returns>Bytes given back to the GC because the store was full.</returns>
    private long Release(BitmapSuperBlock superBlock, bool keepLastActive, ref List<BitmapSuperBlock>? leaving)
    {
        {
            // A renter may have reserved a block since the count hit 0; then the super block stays.
            if (_disposed || (keepLastActive && _active.Length == 1) || !superBlock.TryRetire())
            {
                return 0;
            }

            RemoveFromActive(superBlock);
            _superBlocksRetired++;

            // As libstdc++ does (_S_block_size /= 2): the next growth asks for the size just released, so a pool
            // that empties and refills takes the same super block back from the store instead of doubling.
            _nextBlockCount = Math.Max(_nextBlockCount / 2, _initialBlocksPerSuperBlock);
            superBlock.IdleSince = Environment.TickCount64;
            if (_freeList.Insert(superBlock) is { } dropped)
            {
                Leave(dropped, ref leaving);
                // Full store: it gave back the larger of this one and its largest; that one goes to the GC.
                _superBlocksReleased++;
                if (BufferPoolEventSource.Log.IsEnabled())
                {
                    BufferPoolEventSource.Log.FreeListThresholdHit(Kind, _maxFreeListEntries);
                    BufferPoolEventSource.Log.SuperBlockReleased(Kind, dropped.Capacity);
                }

                return dropped.Capacity;
            }

            return 0;
        }
    }

    // Its own method: a lambda that captures a parameter makes the compiler allocate the closure when the
    // method is entered, and Release is entered on every free that empties a super block.
    private void RemoveFromActive(BitmapSuperBlock superBlock)
    {
        Volatile.Write(ref _active, [.. _active.Where(s => s != superBlock)]);
        _activeBytes -= superBlock.Capacity;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Volatile.Write(ref _active, []);
            _activeBytes = 0;
            _freeList.TrimTo(0);
        }

        _caches.Dispose();
    }
}
