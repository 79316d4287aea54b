defmodule ExesdbDev.Gossip.Settings do
  @moduledoc """
  Where and how a node sends libcluster Gossip heartbeats.

  Off by default. Unless `allow_non_loopback` is set, every address must be in 127.0.0.0/8 and
  multicast leaves through 127.0.0.1 with TTL 0: a development node never gossips onto a LAN by
  accident (real ExESDB always multicasts on the default interface).
  """

  alias ExesdbDev.Options

  @derive {Inspect, except: [:secret]}
  defstruct mode: :off,
            host: {127, 0, 0, 1},
            port: 45_892,
            multicast_addr: {239, 255, 0, 1},
            interface: {127, 0, 0, 1},
            ttl: 0,
            interval_ms: 5_000,
            secret: nil,
            connect: true,
            allow_non_loopback: false

  @type t :: %__MODULE__{
          mode: :off | :unicast | :multicast,
          host: :inet.ip4_address(),
          port: :inet.port_number(),
          multicast_addr: :inet.ip4_address(),
          interface: :inet.ip4_address(),
          ttl: non_neg_integer(),
          interval_ms: pos_integer(),
          secret: binary() | nil,
          connect: boolean(),
          allow_non_loopback: boolean()
        }

  @doc "Builds the settings from parsed command-line switches and the environment."
  @spec from_options(keyword(), map()) :: {:ok, t()} | {:error, String.t()}
  def from_options(parsed, env) do
    allow = parsed[:allow_non_loopback_gossip] || false
    secret_var = parsed[:gossip_secret_env] || "EX_ESDB_CLUSTER_SECRET"

    with {:ok, mode} <- mode(parsed[:gossip] || "off"),
         {:ok, host} <- Options.ip(parsed[:gossip_host] || "127.0.0.1", "--gossip-host"),
         {:ok, group} <-
           Options.ip(parsed[:gossip_multicast_addr] || "239.255.0.1", "--gossip-multicast-addr"),
         {:ok, interface} <- Options.ip(parsed[:gossip_if] || "127.0.0.1", "--gossip-if"),
         settings = %__MODULE__{
           mode: mode,
           host: host,
           port: parsed[:gossip_port] || 45_892,
           multicast_addr: group,
           interface: interface,
           ttl: parsed[:gossip_ttl] || 0,
           interval_ms: parsed[:gossip_interval_ms] || 5_000,
           secret: non_empty(env[secret_var]),
           connect: Keyword.get(parsed, :gossip_connect, true),
           allow_non_loopback: allow
         },
         :ok <- validate(settings) do
      {:ok, settings}
    end
  end

  defp mode(text) when text in ["off", "unicast", "multicast"], do: {:ok, String.to_atom(text)}
  defp mode(_), do: {:error, "--gossip must be off, unicast or multicast"}

  defp non_empty(nil), do: nil
  defp non_empty(""), do: nil
  defp non_empty(secret), do: secret

  defp validate(%__MODULE__{mode: :off}), do: :ok

  defp validate(%__MODULE__{} = s) do
    cond do
      s.port not in 1..65_535 -> {:error, "--gossip-port must be a port number"}
      s.interval_ms < 1 -> {:error, "--gossip-interval-ms must be positive"}
      s.ttl not in 0..255 -> {:error, "--gossip-ttl must be 0..255"}
      s.allow_non_loopback -> :ok
      s.mode == :unicast and not loopback?(s.host) -> {:error, refused("--gossip-host")}
      s.mode == :multicast and not loopback?(s.interface) -> {:error, refused("--gossip-if")}
      s.mode == :multicast and s.ttl != 0 -> {:error, refused("--gossip-ttl other than 0")}
      true -> :ok
    end
  end

  defp refused(what),
    do: "#{what} would send gossip beyond loopback; add --allow-non-loopback-gossip to really do that"

  @doc "True for addresses in 127.0.0.0/8."
  @spec loopback?(:inet.ip_address()) :: boolean()
  def loopback?({127, _, _, _}), do: true
  def loopback?(_), do: false
end
