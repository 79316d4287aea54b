using EsdbGater.TestKit.RabbitMq;

namespace EsdbGater.Host.Tests.Infrastructure;

public sealed class RabbitMqEndpointTests
{
    [Fact]
    public void Parse_reads_every_part_of_an_amqp_uri()
    {
        var endpoint = RabbitMqEndpoint.Parse("amqp://app%40svc:p%3Ass@broker.local:5999/orders%2Feu");

        Assert.Equal(new RabbitMqEndpoint("broker.local", 5999, "orders/eu", "app@svc", "p:ss"), endpoint);
    }

    [Fact]
    public void Parse_defaults_to_guest_port_5672_and_the_root_virtual_host()
    {
        Assert.Equal(new RabbitMqEndpoint("localhost", 5672, "/", "guest", "guest"), RabbitMqEndpoint.Parse("amqp://localhost"));
        Assert.Equal("/", RabbitMqEndpoint.Parse("amqp://u:p@localhost:5673/%2F").VirtualHost);
    }

    [Theory]
    [InlineData("http://u:secret-value@host/")]
    [InlineData("amqps://u:secret-value@host/")]
    [InlineData("not a uri secret-value")]
    public void Parse_rejects_other_text_without_repeating_it(string text)
    {
        var error = Assert.Throws<FormatException>(() => RabbitMqEndpoint.Parse(text));

        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmqpUri_round_trips_through_Parse()
    {
        var endpoint = new RabbitMqEndpoint("127.0.0.1", 40123, "/", "esdbgater-test", "p@ss/w:rd");

        Assert.Equal(endpoint, RabbitMqEndpoint.Parse(endpoint.AmqpUri.AbsoluteUri));
    }

    [Fact]
    public void ToString_hides_the_password()
    {
        var endpoint = new RabbitMqEndpoint("127.0.0.1", 40123, "/", "esdbgater-test", "secret-value");

        Assert.Equal("amqp://esdbgater-test:***@127.0.0.1:40123/%2F", endpoint.ToString());
    }
}
