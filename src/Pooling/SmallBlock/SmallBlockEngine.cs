using System.Diagnostics;
using System.Runtime.CompilerServices;
using BufferPool.Diagnostics;
using BufferPool.Pools;
using BufferPool.Primitives;
using BufferPool.ThreadCaching;

namespace BufferPool.SmallBlock;

/// <summary>
/// The small-block memory manager: superblocks from the runtime, cut into blocks, each block
/// serving one size class from a lock-free free list.
/// A per-thread cache of a few items per class sits in front, so steady-state renting takes no interlocked
/// instruction. The engine knows nothing of <see cref="System.Buffers.MemoryPool{T}"/>; adapters wrap it.
/// </summary>
internal sealed partial class SmallBlockEngine<TSlot> : IThreadCacheSink, IPoolEngine
    where TSlot : ItemSlot, IItemSlotFactory<TSlot>
{
    private readonly SizeClassState[] _states;
    private readonly ThreadCacheSet _caches;
    private readonly object _growLock = new();
    private readonly long _maxReservedBytes;
    private readonly int _retainedSuperBlocks;
    private SuperBlock[] _superBlocks = [];
    private volatile bool _disposed;

    /// <param name="options">Validated here; the engine keeps a copy of the values.</param>
    public SmallBlockEngine(SmallBlockPoolOptions options)
    {
        ValidatableOptions.ThrowIfInvalid(options);
        SuperBlockSize = options.SuperBlockSize;
        BlockSize = options.BlockSize;
        _maxReservedBytes = options.MaxReservedBytes ?? long.MaxValue;
        _retainedSuperBlocks = options.RetainedSuperBlocks;
        _purgeDelayMilliseconds = options.PurgeDelayMilliseconds;
        Classes = new SizeClassTable(64, BlockSize);
        _states = new SizeClassState[Classes.Count];
        var capacities = new int[Classes.Count];
        var classBytes = new long[Classes.Count];
        for (int c = 0; c < _states.Length; c++)
        {
            int size = Classes.GetSize(c);
            _states[c] = new SizeClassState(c, size);
            classBytes[c] = size;

            capacities[c] = ThreadCache.CapacityFor(options.ThreadCacheSize, size);
        }

        _caches = new ThreadCacheSet(this, capacities, classBytes);
    }

    /// <summary>The <c>bufferpool.kind</c> of this engine's pools.</summary>
    public const string Kind = BufferPoolKinds.SmallBlock;

    public SizeClassTable Classes { get; }

    public int SuperBlockSize { get; }

    public int BlockSize { get; }

    public int MaxItemSize => Classes.MaxSize;

    /// <summary>The live superblocks, for tests and statistics.</summary>
    public IReadOnlyList<SuperBlock> SuperBlocks => Volatile.Read(ref _superBlocks);

    /// <summary>The per-thread caches and transfer caches, for tests.</summary>
    internal ThreadCacheSet Caches => _caches;

    internal SizeClassState GetState(int sizeClass) => _states[sizeClass];

    /// <summary>
    /// Rents one item of <paramref name="sizeClass"/>, or returns null when <c>MaxReservedBytes</c> stops growth.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TSlot? Rent(int sizeClass) => RentCached(ThreadCacheSet.ThreadTable, sizeClass, owner: 0, out _) ?? RentUncached(sizeClass, owner: 0, out _);

    /// <summary>
    /// The hot half of a rent: an item from the calling thread's cache, counted for <paramref name="owner"/>. Null when
    /// the thread has no cache yet (<paramref name="cache"/> is null then), its cache has none, or a reclaim is under
    /// way: the caller then goes to <see cref="RentUncached"/>. It makes no call, so its caller keeps what it holds in
    /// scratch registers.
    /// </summary>
    /// <param name="table">The calling thread's table of caches, read at the start of the operation (see <see cref="ThreadCacheSet.ThreadTable"/>).</param>
    /// <param name="sizeClass">The class to rent from.</param>
    /// <param name="owner">Whose rent it is, for the per-owner counts (0: the pool's own <c>Rent</c>).</param>
    /// <param name="cache">The calling thread's cache, which the pool also counts its tracking samples on.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TSlot? RentCached(ThreadCache[]? table, int sizeClass, int owner, out ThreadCache? cache)
    {
        ThreadCache? found = _caches.CachedIn(table);
        cache = found;

        // Only this engine puts items in its caches, and its items are all TSlot (or null, which stays null).
        return found is null ? null : Unsafe.As<TSlot>(found.Rent(sizeClass, owner));
    }

    /// <summary>
    /// The rest of a rent, after <see cref="RentCached"/> found nothing: the thread's cache (made on first use), a batch
    /// from the transfer cache, the free lists, growth. Null when <c>MaxReservedBytes</c> stops growth.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public TSlot? RentUncached(int sizeClass, int owner, out ThreadCache cache)
    {
        cache = _caches.Current;
        object? cached = cache.Rent(sizeClass, owner);
        return cached is not null ? Unsafe.As<TSlot>(cached) : RentShared(cache, sizeClass, owner);
    }

    /// <summary>Takes back a slot that the caller guarantees is rented and returned once (trusted path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Return(TSlot slot) => Return(slot, ThreadCacheSet.ThreadTable);

    /// <inheritdoc cref="Return(TSlot)"/>
    /// <param name="slot">The slot returned.</param>
    /// <param name="table">The calling thread's table of caches, read at the start of the operation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Return(TSlot slot, ThreadCache[]? table)
    {
        ThreadCache? cache = _caches.CachedIn(table);
        if (cache is null || !cache.Return(slot.SizeClass, slot))
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
            if (cache.Return(slot.SizeClass, slot))
            {
                return;
            }
        }

        ReturnShared(cache, slot);
    }

    /// <summary>
    /// The thread's cache is full (or off): half of it goes to the class's transfer cache in one batch, where a thread
    /// that rents takes it whole; only when that is full too does the item go to its block's free list.
    /// </summary>
    private void ReturnShared(ThreadCache cache, TSlot slot)
    {
        if (_disposed)
        {
            // The disposed engine forgets the item; counting it keeps the pool's in-use figure true.
            _caches.CountLateReturn(slot.SizeClass, 0);
            return;
        }

        if (!_caches.TrySpill(cache, slot.SizeClass, slot))
        {
            slot.Block.Push(slot.Index);
        }
    }

    void IThreadCacheSink.ReturnShared(int sizeClass, object item)
    {
        ItemSlot slot = Unsafe.As<ItemSlot>(item);
        slot.Block.Push(slot.Index);
    }

    /// <summary>The rent path when the thread's cache had nothing: counts the rent once it is served.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TSlot? RentShared(ThreadCache cache, int sizeClass, int owner)
    {
        TSlot? slot = RentSharedUncounted(cache, sizeClass);
        if (slot is not null)
        {
            cache.CountRent(sizeClass, owner);
        }

        return slot;
    }

    private TSlot? RentSharedUncounted(ThreadCache cache, int sizeClass)
    {
        // A batch that a returning thread parked first: one CAS for several rents.
        if (_caches.TryRefill(cache, sizeClass) is { } refilled)
        {
            return Unsafe.As<TSlot>(refilled);
        }

        SizeClassState state = _states[sizeClass];
        if (TryRentFrom(state, state.Active, out Block block, out int index) || TryRentAfterReclaim(state, out block, out index))
        {
            return SlotOf(block, index);
        }

        return null;
    }

    private TSlot SlotOf(Block block, int index)
    {
        ItemSlot?[] slots = block.Slots ?? Interlocked.CompareExchange(ref block.Slots, new ItemSlot?[block.ItemCount], null) ?? block.Slots!;

        // Only the thread that holds the item can reach its slot, so a plain store publishes it well enough:
        // every later holder gets the item through a CAS or a thread cache, which orders the store before it.
        return Unsafe.As<TSlot>(slots[index] ??= TSlot.Create(this, block, index));
    }

    /// <summary>Rents from <paramref name="active"/>, the class's active block as the caller read it, which may be stale.</summary>
    internal bool TryRentFrom(SizeClassState state, Block? active, out Block block, out int index)
    {
        if (active is not null && active.TryPop(out index))
        {
            if (active.SizeClass == state.Index)
            {
                block = active;
                return true;
            }

            // The block was retired and reassigned after we read Active: the item belongs to another class.
            active.Push(index);
        }

        return TryRentSlow(state, out block, out index);
    }

    private bool TryRentSlow(SizeClassState state, out Block block, out int index) => TryRentSlow(state, null, out block, out index);

    /// <summary>
    /// Rents under the class lock: the active block, then the class's other blocks, then <paramref name="spare"/>
    /// (a retired block the caller owns; it is used only if the class has no free item), then a block from the
    /// superblocks, growing the pool if the budget allows. A spare left unused stays the caller's.
    /// </summary>
    private bool TryRentSlow(SizeClassState state, Block? spare, out Block block, out int index)
    {
        lock (state)
        {
            // Blocks of this class change class only under this lock, so inside it their class is stable.
            Block? active = state.Active;
            if (active is not null && active.TryPop(out index))
            {
                block = active;
                return true;
            }

            Block[] blocks = state.Blocks;
            for (int k = 0; k < blocks.Length; k++)
            {
                int at = (state.ScanStart + k) % blocks.Length;
                Block candidate = blocks[at];
                if (candidate != active && candidate.FreeCount > 0 && candidate.TryPop(out index))
                {
                    state.ScanStart = at;
                    state.Active = candidate;
                    block = candidate;
                    return true;
                }
            }

            Block? fresh = spare;
            if (fresh is null && !TryTakeBlock(out fresh))
            {
                block = null!;
                index = -1;
                return false;
            }

            fresh.Assign(state.Index, state.ItemSize, BlockSize);

            // Take the item before the block is published as Active: renters pop from Active without the lock,
            // and a block of one item (item size == block size) could otherwise be emptied by one of them first.
            // A renter that read this block as its old class's Active before it was retired may pop an item of the
            // fresh list; it sees the class changed and pushes the item straight back (TryRentFrom). Nobody else can
            // reach the block yet, so its items all come back: wait for one rather than fail a correct rent.
            var wait = new SpinWait();
            while (!fresh.TryPop(out index))
            {
                wait.SpinOnce();
            }

            state.Blocks = [.. blocks, fresh];
            state.Active = fresh;
            block = fresh;
            return true;
        }
    }

    /// <summary>Takes a free block for a class; the block is the caller's alone, and committed (see <see cref="Recommit"/>).</summary>
    private bool TryTakeBlock(out Block block)
    {
        if (TryTakeBlockFromExisting(out block))
        {
            Recommit(block);
            return true;
        }

        lock (_growLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Another thread may have grown the pool, or a purge put its blocks back, while this one waited for the lock.
            if (TryTakeBlockFromExisting(out block))
            {
                Recommit(block);
                return true;
            }

            if ((long)(_superBlocks.Length + 1) * SuperBlockSize > _maxReservedBytes)
            {
                return false;
            }

            // Take this thread's block before the superblock is published. Once it is in _superBlocks, threads
            // outside the lock take blocks from it without the lock, and with one block per superblock any of them
            // could leave the grower nothing: growth must fail only when the budget stops it.
            var superBlock = new SuperBlock(SuperBlockSize, BlockSize);
            bool taken = superBlock.TryTakeBlock(out block);
            Debug.Assert(taken, "A new superblock has at least one free block.");
            Volatile.Write(ref _superBlocks, [.. _superBlocks, superBlock]);
            Interlocked.Increment(ref _superBlocksAllocated);
            if (BufferPoolEventSource.Log.IsEnabled())
            {
                BufferPoolEventSource.Log.SuperBlockAllocated(Kind, SuperBlockSize);
            }

            return true;
        }
    }

    private bool TryTakeBlockFromExisting(out Block block)
    {
        foreach (SuperBlock superBlock in Volatile.Read(ref _superBlocks))
        {
            if (superBlock.FreeBlockCount > 0 && superBlock.TryTakeBlock(out block))
            {
                return true;
            }
        }

        block = null!;
        return false;
    }

    public void Dispose()
    {
        lock (_growLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // Outstanding items keep their arrays alive through their Memory; the pool forgets the rest.
            Volatile.Write(ref _superBlocks, []);
        }

        _caches.Dispose();
    }
}
