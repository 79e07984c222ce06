using Microsoft.Extensions.Hosting;
using RespServer;

await RespServerApp.Build(args).RunAsync();
