using System.Buffers;
using System.Diagnostics.Tracing;
using BufferPool.Diagnostics;
using BufferPool.SmallBlock;
using BufferPool.Tests.Diagnostics;

namespace BufferPool.Tests.SmallBlock;

/// <summary>
/// The growth race made deterministic: the engine reports a new superblock while it holds the grow lock, so an
/// in-process listener runs on the growing thread at that point and can do what another thread's lock-free
/// take may do at any moment once the superblock is published: take its free blocks.
/// </summary>
/// <remarks>In the diagnostics collection: enabling the event source must not change what other tests count.</remarks>
[Collection(DiagnosticsCollection.Name)]
public sealed class SmallBlockGrowthRaceTests
{
    [Fact]
    public void AGrower_GetsABlockFromWhatItGrew_EvenIfAnotherTakerEmptiesItAtOnce()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions
        {
            SuperBlockSize = 16 * 1024,
            BlockSize = 16 * 1024,
            ThreadCacheSize = 0,
            ExhaustionBehavior = PoolExhaustionBehavior.Throw,
        });
        using var thief = new Thief { Engine = pool.Engine, ThreadId = Environment.CurrentManagedThreadId };

        using IMemoryOwner<byte> lease = pool.Rent(1024);

        Assert.True(thief.Visits > 0, "the listener never saw the superblock being allocated");
        lease.Memory.Span.Fill(0x3C);
        Assert.True(lease.Memory.Span.IndexOfAnyExcept((byte)0x3C) < 0);
        Assert.Equal(0, pool.GetStatistics().FallbackCount);
        thief.GiveBack();
    }

    /// <summary>On this test's thread only, takes every free block of every superblock when one is allocated.</summary>
    private sealed class Thief : EventListener
    {
        private readonly List<Block> _stolen = [];

        // Set after construction: the base constructor already delivers the sources, and may deliver events.
        public volatile SmallBlockEngine<SmallBlockLease>? Engine;

        public int ThreadId;

        public int Visits { get; private set; }

        public void GiveBack()
        {
            foreach (Block block in _stolen)
            {
                block.SuperBlock.ReturnBlock(block);
            }

            _stolen.Clear();
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == BufferPoolEventSource.EventSourceName)
            {
                EnableEvents(source, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (Engine is not { } engine || e.EventName != nameof(BufferPoolEventSource.SuperBlockAllocated) || Environment.CurrentManagedThreadId != ThreadId)
            {
                return;
            }

            Visits++;
            foreach (SuperBlock superBlock in engine.SuperBlocks)
            {
                while (superBlock.TryTakeBlock(out Block block))
                {
                    _stolen.Add(block);
                }
            }
        }
    }
}
