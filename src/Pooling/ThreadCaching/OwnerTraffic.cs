namespace BufferPool.ThreadCaching;

/// <summary>One owner's rents through a <see cref="ThreadCacheSet"/>, summed over its threads.</summary>
/// <param name="Rents">Rents served.</param>
/// <param name="RentedBytes">Their bytes, from the class sizes.</param>
/// <param name="LargeRents">Those of classes above the size the caller asked about.</param>
internal readonly record struct OwnerTraffic(long Rents, long RentedBytes, long LargeRents);
