using EsdbGater.TestKit.RabbitMq;

namespace EsdbGater.Host.Tests.Infrastructure;

/// <summary>The test classes of this assembly that need a broker share one (xunit finds collection definitions only in the test assembly).</summary>
[CollectionDefinition(RabbitMqFixture.CollectionName)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>;
