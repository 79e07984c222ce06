using System.Reflection;
using System.Runtime.CompilerServices;
using BufferPool.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// The packages' boundary (docs/architecture.md): no shipped assembly lets another see its internals, so a user can
/// upgrade one package without the others and never meet a <see cref="MissingMethodException"/> at run time.
/// </summary>
public sealed class PackageBoundaryTests
{
    /// <summary>One public type of each shipped package: Pooling, Hosting, AspNetCore, Sockets.</summary>
    private static readonly Assembly[] Shipped =
    [
        typeof(SmallBlockMemoryPool).Assembly,
        typeof(BufferPoolServiceCollectionExtensions).Assembly,
        typeof(BufferPoolStatisticsEndpoint).Assembly,
        typeof(BufferPoolSocketOptions).Assembly,
    ];

    [Fact]
    public void NoShippedAssembly_GrantsInternalsVisibleTo_AnotherShippedOne()
    {
        HashSet<string> names = [.. Shipped.Select(a => a.GetName().Name!)];
        Assert.Equal(["BufferPool.AspNetCore", "BufferPool.Hosting", "BufferPool.Pooling", "BufferPool.Sockets"], names.Order());

        string[] grants =
        [
            .. from assembly in Shipped
               from grant in assembly.GetCustomAttributes<InternalsVisibleToAttribute>()
               let grantee = grant.AssemblyName.Split(',')[0].Trim()
               where names.Contains(grantee)
               select $"{assembly.GetName().Name} grants InternalsVisibleTo to {grantee}",
        ];
        Assert.Empty(grants);
    }
}
