using BufferPool.ThreadCaching;

namespace BufferPool.Bitmap;

/// <summary><see cref="WastagePolicy.ShouldIGive"/> as a thread cache's fit rule.</summary>
internal readonly struct WastageFitRule(int maxWastagePercent) : IFitRule
{
    public bool Fits(int itemLength, int requestLength) => WastagePolicy.ShouldIGive(itemLength, requestLength, maxWastagePercent);
}
