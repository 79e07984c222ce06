namespace BufferPool.Benchmarks;

/// <summary>
/// A fixed set of threads that run one body together: worker 0 is the calling (benchmark) thread, the others are
/// dedicated threads that block between runs, so that one benchmark invoke starts them all, runs the body on each and
/// returns when every one has finished. Made once per benchmark, so an invoke creates no thread.
/// </summary>
internal sealed class WorkerGroup : IDisposable
{
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _go;
    private readonly CountdownEvent _done;
    private Action<int>? _body;
    private volatile bool _stop;

    public WorkerGroup(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _go = [.. Enumerable.Range(0, count).Select(_ => new ManualResetEventSlim(false, spinCount: 0))];
        _done = new CountdownEvent(count - 1);
        _threads = [.. Enumerable.Range(1, count - 1).Select(i => new Thread(() => Work(i)) { IsBackground = true, Name = $"worker {i}" })];
        foreach (Thread thread in _threads)
        {
            thread.Start();
        }
    }

    public int Count { get; }

    /// <summary>Runs <paramref name="body"/> with each worker's index on every worker, the caller's (0) included.</summary>
    public void Run(Action<int> body)
    {
        _body = body;
        if (Count > 1)
        {
            _done.Reset();
        }

        // The event's Set is a full fence: each worker sees the body written above.
        for (int i = 1; i < Count; i++)
        {
            _go[i].Set();
        }

        body(0);
        _done.Wait();
    }

    public void Dispose()
    {
        _stop = true;
        for (int i = 1; i < Count; i++)
        {
            _go[i].Set();
        }

        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
    }

    private void Work(int index)
    {
        while (true)
        {
            _go[index].Wait();
            _go[index].Reset();
            if (_stop)
            {
                return;
            }

            _body!(index);
            _done.Signal();
        }
    }
}
