namespace BufferPool.LoadTests.Tests;

public sealed class RoundOrderTests
{
    private static readonly string[] Three = ["default", "small-block", "bitmap"];

    [Fact]
    public void EveryRound_RunsEveryPoolOnce()
    {
        for (int round = 0; round < 12; round++)
        {
            Assert.Equal(Three.Order(), RoundOrder.For(Three, round).Order());
        }
    }

    [Fact]
    public void ThreePools_EachGoesFirstOnceInThreeRounds_AndSixRoundsRunEveryOrder()
    {
        Assert.Equal(Three.Order(), Enumerable.Range(0, 3).Select(r => RoundOrder.For(Three, r)[0]).Order());
        Assert.Equal(6, Enumerable.Range(0, 6).Select(r => string.Join(",", RoundOrder.For(Three, r))).Distinct().Count());
    }

    [Fact]
    public void TwoPools_Alternate()
    {
        string[] two = ["default", "small-block"];
        Assert.Equal(["default", "small-block", "small-block", "default"], Enumerable.Range(0, 4).Select(r => RoundOrder.For(two, r)[0]));
    }
}
