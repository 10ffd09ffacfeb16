var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGatewaySupport();
var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok());
app.Run();

// Exposed so WebApplicationFactory<Program> can host the app in tests.
public partial class Program;
