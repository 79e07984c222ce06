namespace BufferPool.Tests.Contracts;

/// <summary>
/// A thread that runs one action over and over (a trimmer racing the workers of a stress test) until it is stopped;
/// between runs it yields, or sleeps a millisecond, so that on two cores the workers still get most of the time.
/// </summary>
internal sealed class BackgroundLoop : IDisposable
{
    private readonly Thread _thread;
    private int _stop;

    private BackgroundLoop(Action body, bool sleep)
    {
        _thread = new Thread(() =>
        {
            while (Volatile.Read(ref _stop) == 0)
            {
                body();
                if (sleep)
                {
                    Thread.Sleep(1);
                }
                else
                {
                    Thread.Yield();
                }
            }
        }) { IsBackground = true };
    }

    /// <summary>Starts <paramref name="body"/> in a loop on a background thread.</summary>
    public static BackgroundLoop Start(Action body, bool sleep = false)
    {
        var loop = new BackgroundLoop(body, sleep);
        loop._thread.Start();
        return loop;
    }

    /// <summary>Asks the loop to stop after its current run and waits for it; false if it did not stop in time.</summary>
    public bool Stop(TimeSpan timeout)
    {
        Volatile.Write(ref _stop, 1);
        return _thread.Join(timeout);
    }

    /// <summary>Stops the loop and waits for it however long it takes.</summary>
    public void Dispose() => Stop(Timeout.InfiniteTimeSpan);
}
