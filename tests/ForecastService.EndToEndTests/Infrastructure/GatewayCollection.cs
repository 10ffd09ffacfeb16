namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>The gateway and browser tests share one published API, two instances of it and one nginx.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "Gateway";
}
