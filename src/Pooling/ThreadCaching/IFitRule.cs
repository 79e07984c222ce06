namespace BufferPool.ThreadCaching;

/// <summary>Whether a cached item of one length may serve a request for another (a pool's wastage rule).</summary>
internal interface IFitRule
{
    bool Fits(int itemLength, int requestLength);
}
