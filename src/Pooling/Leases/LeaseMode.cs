namespace BufferPool;

/// <summary>
/// What owner object a <see cref="SmallBlockMemoryPool"/> or <see cref="BitmapMemoryPool"/> hands out per rent:
/// a new one each time (<see cref="PerRent"/>, the default) or the slot's reused one (<see cref="Reused"/>).
/// </summary>
/// <remarks>
/// The pools keep one lease object per item slot. <see cref="Reused"/> hands out that object itself, so a rent
/// allocates nothing, but a reference kept past <c>Dispose</c> is the same object the next renter of the slot
/// receives. <see cref="PerRent"/> wraps it in a small object used once, so a kept reference can never act on the
/// slot again.
/// </remarks>
public enum LeaseMode
{
    /// <summary>
    /// Every rent returns a new owner object (24 bytes on 64-bit) around the slot's reused lease; its
    /// <c>Dispose</c> gives up the owner's one reference to the slot atomically. A second or stale
    /// <c>Dispose</c>, in sequence or racing, does nothing (as the <see cref="IDisposable"/> guidelines ask) and never
    /// touches the slot, and <c>Memory</c> after <c>Dispose</c> throws <see cref="ObjectDisposedException"/>, even
    /// after the slot was rented again: no misuse of a kept owner can make two leases share memory. This is what
    /// <c>MemoryPool&lt;byte&gt;.Shared</c> does too (it allocates an owner per rent), which makes the pools a
    /// drop-in replacement for it. A <c>Memory&lt;byte&gt;</c> or span kept past <c>Dispose</c> still refers to the
    /// pool's memory; no mode can revoke those.
    /// </summary>
    PerRent,

    /// <summary>
    /// Every rent returns the slot's own reused owner object: renting and disposing allocate nothing. Caught:
    /// a second <c>Dispose</c>, in sequence or racing on two threads, and <c>Memory</c> after <c>Dispose</c>, as
    /// long as the slot was not rented again in between (the slot is returned once; the second <c>Dispose</c> does
    /// nothing, and <c>Memory</c> throws <see cref="ObjectDisposedException"/>).
    /// Not caught: once the slot was rented again, a kept reference is indistinguishable from the new owner, so
    /// its <c>Dispose</c> returns the new renter's memory (and the next rent shares it) and its <c>Memory</c> is the
    /// new renter's. Use it where the owners' lifetimes are known to be disciplined and the allocation matters;
    /// <c>TrackingSampleRate</c> catches a sample of such misuse at a small cost.
    /// </summary>
    Reused,
}
