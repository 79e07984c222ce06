using BufferPool.Bitmap;

namespace BufferPool.Tests.Bitmap;

public sealed class WastagePolicyTests
{
    [Theory]
    [InlineData(8, 4, 33.376)]
    [InlineData(12, 4, 37.524)]
    public void MaxWastageFormula_GivesTheSeedsFigures(int k, int c, double expected)
    {
        // The libstdc++ manual quotes the figures truncated to three places: 257 / 770 is 33.3766...
        Assert.Equal(expected, Math.Truncate(WastagePolicy.MaxWastagePercent(k, c) * 1000) / 1000, 9);
    }

    [Theory]
    [InlineData(100, 64, false)]
    [InlineData(100, 65, true)]
    [InlineData(100, 100, true)]
    [InlineData(1000, 641, true)]
    [InlineData(1000, 640, false)]
    [InlineData(64, 100, false)]
    public void ShouldIGive_Uses36PercentWithIntegerArithmetic(long block, long request, bool give)
    {
        Assert.Equal(give, WastagePolicy.ShouldIGive(block, request, WastagePolicy.DefaultMaxWastagePercent));
    }

    [Fact]
    public void ShouldIGive_TruncatesLikeTheSeed()
    {
        // (1000 - 639) * 100 / 1000 = 36.1, truncated to 36: not below 36.
        Assert.False(WastagePolicy.ShouldIGive(1000, 639, 36));

        // (999 - 640) * 100 / 999 = 35.93..., truncated to 35: below 36.
        Assert.True(WastagePolicy.ShouldIGive(999, 640, 36));
    }
}
