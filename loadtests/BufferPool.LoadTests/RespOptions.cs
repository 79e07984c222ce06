namespace BufferPool.LoadTests;

/// <summary>What the RESP runner (<c>--resp</c>) was asked to do.</summary>
internal sealed record RespOptions(bool Quick, string[] Pools, int[] Sizes, int Rounds, int Requests, int Clients, string Output);
