using System.ComponentModel.DataAnnotations;

namespace BufferPool.Sockets;

/// <summary>
/// How the send and receive pipes of a socket connection use the pool (section <c>BufferPool:Sockets</c>). Validated
/// when the host starts, and by <see cref="SocketPipeOptions.Create"/>: a bad value stops it naming the setting.
/// </summary>
public sealed class BufferPoolSocketOptions : IValidatableObject
{
    /// <summary>
    /// The smallest segment a pipe rents, 0 (the default) for <c>min(4096, pool.MaxBufferSize)</c>, else 256 to
    /// 1 MiB; a value above the pool's <c>MaxBufferSize</c> is lowered to it, since the pool cannot serve more.
    /// </summary>
    public int MinimumSegmentSize { get; set; }

    /// <summary>
    /// Unread bytes at which a pipe's writer waits for its reader (default 1 MiB, from 4 KiB to 1 GiB). A reader that
    /// waits for a whole message before consuming any of it needs this above its largest message, or both sides wait.
    /// </summary>
    public long PauseWriterThreshold { get; set; } = 1024 * 1024;

    /// <summary>Unread bytes at which a paused writer resumes (default 512 KiB, from 1 byte to <see cref="PauseWriterThreshold"/>).</summary>
    public long ResumeWriterThreshold { get; set; } = 512 * 1024;

    /// <summary>Every setting that is out of range; each result names it.</summary>
    /// <param name="validationContext">Not used.</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinimumSegmentSize != 0 && (MinimumSegmentSize < 256 || MinimumSegmentSize > 1024 * 1024))
        {
            yield return new ValidationResult($"{nameof(MinimumSegmentSize)} must be 0 (automatic) or between 256 and 1048576; it was {MinimumSegmentSize}.", [nameof(MinimumSegmentSize)]);
        }

        bool pauseValid = PauseWriterThreshold is >= 4096 and <= 1L << 30;
        if (!pauseValid)
        {
            yield return new ValidationResult($"{nameof(PauseWriterThreshold)} must be between 4096 and 1073741824; it was {PauseWriterThreshold}.", [nameof(PauseWriterThreshold)]);
        }

        // Relative to the pause threshold only while that one is valid itself, so one typo gives one line.
        long maxResume = pauseValid ? PauseWriterThreshold : 1L << 30;
        if (ResumeWriterThreshold < 1 || ResumeWriterThreshold > maxResume)
        {
            yield return new ValidationResult($"{nameof(ResumeWriterThreshold)} must be between 1 and {nameof(PauseWriterThreshold)} ({maxResume}); it was {ResumeWriterThreshold}.", [nameof(ResumeWriterThreshold)]);
        }
    }
}
