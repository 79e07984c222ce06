using System.Collections.Concurrent;
using BufferPool.Primitives;

namespace BufferPool.Tests.Primitives;

public sealed class IndexStackTests
{
    [Fact]
    public void Fill_ThenPopAll_YieldsEveryIndexOnce_InOrder()
    {
        var next = new int[5];
        long head = IndexStack.Fill(0, next, 5);
        Assert.Equal(5, IndexStack.Count(head));
        var popped = new List<int>();
        while (IndexStack.TryPop(ref head, ref next, out int i))
        {
            popped.Add(i);
        }

        Assert.Equal([0, 1, 2, 3, 4], popped);
        Assert.Equal(0, IndexStack.Count(head));
    }

    [Fact]
    public void Retire_SucceedsOnlyWhenFull_AndThenRefusesPops()
    {
        var next = new int[3];
        long head = IndexStack.Fill(0, next, 3);
        Assert.True(IndexStack.TryPop(ref head, ref next, out int taken));
        Assert.False(IndexStack.TryRetire(ref head, 3));
        Assert.Equal(3, IndexStack.Push(ref head, next, taken));
        Assert.True(IndexStack.TryRetire(ref head, 3));
        Assert.True(IndexStack.IsRetired(head));
        Assert.False(IndexStack.TryPop(ref head, ref next, out _));
        Assert.Throws<InvalidOperationException>(() => IndexStack.Push(ref head, next, 0));
    }

    [Fact]
    public void ReorderedStackWithTheSameTopAndCount_HasADifferentHead_SoAStaleCompareExchangeFails()
    {
        // The ABA case: a popper reads head h0 (0 -> 1 -> 2 -> 3) and stalls. Meanwhile 0, 1 and 2 are popped and
        // pushed back as 1, 2, 0, giving 0 -> 2 -> 1 -> 3: same top, same count. Installing the stale link 1 would
        // hand out 1 while 2 is lost. The version in the head must make the two heads differ.
        var next = new int[4];
        long head = IndexStack.Fill(0, next, 4);
        long stale = head;
        for (int i = 0; i < 3; i++)
        {
            Assert.True(IndexStack.TryPop(ref head, ref next, out _));
        }

        IndexStack.Push(ref head, next, 1);
        IndexStack.Push(ref head, next, 2);
        IndexStack.Push(ref head, next, 0);

        Assert.Equal(4, IndexStack.Count(head));
        Assert.Equal(2, next[0]);
        Assert.NotEqual(stale, head);
    }

    [Fact]
    public void TwoThreads_PopAndPush_NeverHoldTheSameIndexTwice()
    {
        const int Size = 64;
        var next = new int[Size];
        long head = IndexStack.Fill(0, next, Size);
        var holders = new int[Size];
        var errors = new ConcurrentQueue<string>();

        void Work()
        {
            var mine = new Stack<int>();
            for (int round = 0; round < 200_000; round++)
            {
                if (mine.Count < 8 && IndexStack.TryPop(ref head, ref next, out int i))
                {
                    if (Interlocked.Exchange(ref holders[i], 1) != 0)
                    {
                        errors.Enqueue($"index {i} handed out twice");
                    }

                    mine.Push(i);
                }
                else if (mine.Count > 0)
                {
                    int j = mine.Pop();
                    Volatile.Write(ref holders[j], 0);
                    IndexStack.Push(ref head, next, j);
                }
            }

            while (mine.Count > 0)
            {
                int j = mine.Pop();
                Volatile.Write(ref holders[j], 0);
                IndexStack.Push(ref head, next, j);
            }
        }

        Parallel.Invoke(Work, Work);
        Assert.Empty(errors);
        Assert.Equal(Size, IndexStack.Count(head));
        var all = new HashSet<int>();
        while (IndexStack.TryPop(ref head, ref next, out int k))
        {
            Assert.True(all.Add(k));
        }

        Assert.Equal(Size, all.Count);
    }
}
