var builder = WebApplication.CreateBuilder(args);

builder.AddForecastLogging();
builder.AddForecastTelemetry();
builder.AddForecasting();
builder.Services.AddStreaming();
builder.Services.AddGatewaySupport();
builder.Services.AddForecastSecurity();
builder.Services.AddForecastOpenApi();

var app = builder.Build();

app.UseForecasting();
app.UseForecastSecurity();
app.MapForecastOpenApi();
app.MapChartPage();
app.MapForecastApi();
app.MapAnalysisApi();
app.MapStreamsApi();
app.MapHealthEndpoints();
app.MapMetricsEndpoint();
app.MapAdminApi();

return await app.RunForecastServiceAsync();

// Public so WebApplicationFactory<Program> can host the service in tests (top-level statements make it internal).
public partial class Program;
