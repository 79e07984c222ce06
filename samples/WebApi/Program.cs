using WebApi;

WebApiApp.Build(args).Run();
