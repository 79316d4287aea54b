namespace EsdbGater.Erlang.Tests.Hygiene;

/// <summary>What an <see cref="OrphanProbe"/> starts through the test kit before it is killed (or exits).</summary>
public enum OrphanProbeScenario
{
    /// <summary>BeamNodes with erl and elixir on OTP 25 and OTP 27, each with its private EPMD, and one more node frozen with SIGSTOP.</summary>
    BeamNodes,

    /// <summary>A one-node DevCluster on each runtime (bin/exesdb-dev), with the cluster's EPMD.</summary>
    DevClusters,

    /// <summary>The local RabbitMQ broker with its own EPMD.</summary>
    RabbitMq,

    /// <summary>A BeamNode with its EPMD; the probe then exits normally without disposing anything.</summary>
    ExitWithoutDispose,
}
