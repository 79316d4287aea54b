defmodule ExesdbDev.Options do
  @moduledoc """
  The command line of one development node, parsed and validated.

  Secrets (the cookie, the gossip secret) are read from environment variables by default and
  are never printed: `Inspect` leaves them out.
  """

  alias ExesdbDev.Gossip.Settings, as: GossipSettings

  @derive {Inspect, except: [:cookie]}
  defstruct node_name: nil,
            name_domain: :shortnames,
            cookie: nil,
            stores: [:reg_gh],
            epmd_port: nil,
            dist_ports: nil,
            dist_interface: {127, 0, 0, 1},
            data_dir: "data",
            storage: :disc,
            peers: [],
            emitter_mode: :started,
            gateway_pool_size: 1,
            gossip: %GossipSettings{},
            log_level: :info,
            join_timeout_ms: 30_000,
            swarm_probe_retries: 10,
            net_ticktime: nil

  @type emitter_mode :: :started | :exesdb_0_11
  @type t :: %__MODULE__{
          node_name: node(),
          name_domain: :shortnames | :longnames,
          cookie: atom(),
          stores: [atom()],
          epmd_port: pos_integer() | nil,
          dist_ports: {pos_integer(), pos_integer()} | nil,
          dist_interface: :inet.ip_address(),
          data_dir: Path.t(),
          storage: :disc | :ram,
          peers: [node()],
          emitter_mode: emitter_mode(),
          gateway_pool_size: pos_integer(),
          gossip: GossipSettings.t(),
          log_level: Logger.level(),
          join_timeout_ms: pos_integer(),
          swarm_probe_retries: non_neg_integer(),
          net_ticktime: pos_integer() | nil
        }

  @switches [
    sname: :string,
    name: :string,
    cookie: :string,
    cookie_env: :string,
    stores: :string,
    epmd_port: :integer,
    dist_port: :integer,
    dist_ports: :string,
    dist_interface: :string,
    data_dir: :string,
    storage: :string,
    peers: :string,
    emitter_mode: :string,
    gateway_pool_size: :integer,
    gossip: :string,
    gossip_host: :string,
    gossip_port: :integer,
    gossip_multicast_addr: :string,
    gossip_if: :string,
    gossip_ttl: :integer,
    gossip_interval_ms: :integer,
    gossip_secret_env: :string,
    gossip_connect: :boolean,
    allow_non_loopback_gossip: :boolean,
    log_level: :string,
    join_timeout_ms: :integer,
    swarm_probe_retries: :integer,
    net_ticktime: :integer,
    help: :boolean
  ]

  @doc "The usage text printed by `--help` and on errors."
  @spec usage() :: String.t()
  def usage do
    """
    exesdb_dev: a development and test peer that imitates an ExESDB 0.11 node (not ExESDB).

    bin/exesdb-dev [options]
      --sname NAME | --name NAME@HOST   node name (short names like ExESDB; default sname exesdb_dev)
      --cookie-env VAR                  environment variable holding the cookie
                                        (default: EX_ESDB_COOKIE, then RELEASE_COOKIE)
      --cookie VALUE                    the cookie itself (visible in ps; prefer --cookie-env)
      --stores a,b                      store ids (default: EX_ESDB_STORE_ID or reg_gh)
      --epmd-port PORT                  EPMD port (bin/exesdb-dev exports ERL_EPMD_PORT)
      --dist-port PORT | --dist-ports MIN-MAX   distribution listen port(s)
      --dist-interface IP               distribution listen address (default 127.0.0.1)
      --data-dir DIR                    this node's data directory (default ./data)
      --storage disc|ram                Mnesia copies on disc (default) or in RAM
      --peers a@h,b@h                   the other nodes of the cluster
      --emitter-mode started|exesdb_0_11
                                        started: emitter pools start with subscriptions (default);
                                        exesdb_0_11: like a real 0.11 node, none start until
                                        ExESDB.Emitters.start_emitter_pool/2 is called
      --gateway-pool-size N             gateway workers per store (default 1)
      --gossip off|unicast|multicast    libcluster heartbeats (default off)
      --gossip-host IP                  unicast target (default 127.0.0.1)
      --gossip-port PORT                UDP port (default 45892)
      --gossip-multicast-addr IP        multicast group (default 239.255.0.1)
      --gossip-if IP                    multicast interface (default 127.0.0.1)
      --gossip-ttl N                    multicast TTL (default 0)
      --gossip-interval-ms N            heartbeat every uniform(1..N) ms (default 5000)
      --gossip-secret-env VAR           variable holding the secret (default EX_ESDB_CLUSTER_SECRET)
      --[no-]gossip-connect             connect to nodes heard in multicast mode (default true)
      --allow-non-loopback-gossip       permit gossip targets outside 127.0.0.0/8
      --log-level debug|info|notice|warning|error   (default: LOG_LEVEL or info)
      --join-timeout-ms N               how long to wait for the cluster's store (default 30000)
      --swarm-probe-retries N           Swarm-like which_applications retries per node (default 10)
      --net-ticktime SECONDS            distribution tick time
    """
  end

  @doc "Parses `argv`, reading defaults from `env` (a map of environment variables)."
  @spec parse([String.t()], %{optional(String.t()) => String.t()}) ::
          {:ok, t()} | {:help, String.t()} | {:error, String.t()}
  def parse(argv, env \\ System.get_env()) do
    case OptionParser.parse(argv, strict: @switches) do
      {parsed, [], []} ->
        if parsed[:help], do: {:help, usage()}, else: build(parsed, env)

      {_, extra, []} when extra != [] ->
        {:error, "unexpected arguments: #{Enum.join(extra, " ")}"}

      {_, _, invalid} ->
        {:error, "invalid options: " <> Enum.map_join(invalid, ", ", &format_invalid/1)}
    end
  end

  defp format_invalid({switch, nil}), do: switch
  defp format_invalid({switch, value}), do: "#{switch} #{value}"

  defp build(parsed, env) do
    with {:ok, node_name, domain} <- node_name(parsed),
         {:ok, cookie} <- cookie(parsed, env),
         {:ok, stores} <- stores(parsed, env),
         {:ok, dist_ports} <- dist_ports(parsed),
         {:ok, dist_interface} <- ip(parsed[:dist_interface] || "127.0.0.1", "--dist-interface"),
         {:ok, storage} <- one_of(parsed[:storage] || "disc", ~w(disc ram), "--storage"),
         {:ok, peers} <- peers(parsed, node_name),
         {:ok, mode} <- one_of(parsed[:emitter_mode] || "started", ~w(started exesdb_0_11), "--emitter-mode"),
         {:ok, pool_size} <- positive(parsed[:gateway_pool_size] || 1, "--gateway-pool-size"),
         {:ok, gossip} <- GossipSettings.from_options(parsed, env),
         {:ok, level} <- log_level(parsed[:log_level] || env["LOG_LEVEL"] || "info"),
         {:ok, join_timeout} <- positive(parsed[:join_timeout_ms] || 30_000, "--join-timeout-ms"),
         {:ok, epmd_port} <- optional_port(parsed[:epmd_port], "--epmd-port") do
      {:ok,
       %__MODULE__{
         node_name: node_name,
         name_domain: domain,
         cookie: cookie,
         stores: stores,
         epmd_port: epmd_port,
         dist_ports: dist_ports,
         dist_interface: dist_interface,
         data_dir: Path.expand(parsed[:data_dir] || "data"),
         storage: String.to_atom(storage),
         peers: peers,
         emitter_mode: String.to_atom(mode),
         gateway_pool_size: pool_size,
         gossip: gossip,
         log_level: level,
         join_timeout_ms: join_timeout,
         swarm_probe_retries: max(parsed[:swarm_probe_retries] || 10, 0),
         net_ticktime: parsed[:net_ticktime]
       }}
    end
  end

  defp node_name(parsed) do
    case {parsed[:sname], parsed[:name]} do
      {nil, nil} -> {:ok, short_name("exesdb_dev"), :shortnames}
      {sname, nil} -> valid_name(short_name(sname), :shortnames)
      {nil, name} -> valid_name(String.to_atom(name), :longnames)
      _ -> {:error, "give either --sname or --name, not both"}
    end
  end

  defp short_name(name) do
    if String.contains?(name, "@"), do: String.to_atom(name), else: String.to_atom("#{name}@#{host_name()}")
  end

  defp valid_name(node, domain) do
    case String.split(Atom.to_string(node), "@") do
      [alive, host] when alive != "" and host != "" ->
        if domain == :longnames and not String.contains?(host, "."),
          do: {:error, "--name needs a fully qualified host (for example x@127.0.0.1)"},
          else: {:ok, node, domain}

      _ ->
        {:error, "invalid node name #{node}"}
    end
  end

  @doc "The short host name the BEAM uses for `-sname` nodes."
  @spec host_name() :: String.t()
  def host_name do
    {:ok, host} = :inet.gethostname()
    host |> List.to_string() |> String.split(".") |> hd()
  end

  defp cookie(parsed, env) do
    value =
      cond do
        parsed[:cookie] -> parsed[:cookie]
        parsed[:cookie_env] -> env[parsed[:cookie_env]]
        true -> env["EX_ESDB_COOKIE"] || env["RELEASE_COOKIE"]
      end

    case value do
      nil -> {:error, "no cookie: set EX_ESDB_COOKIE (or RELEASE_COOKIE, or --cookie-env VAR)"}
      "" -> {:error, "the cookie is empty"}
      cookie -> {:ok, String.to_atom(cookie)}
    end
  end

  defp stores(parsed, env) do
    raw = parsed[:stores] || env["EX_ESDB_STORE_ID"] || "reg_gh"

    case split_list(raw) do
      [] -> {:error, "--stores needs at least one store id"}
      ids -> {:ok, ids |> Enum.map(&String.to_atom/1) |> Enum.uniq()}
    end
  end

  defp dist_ports(parsed) do
    case {parsed[:dist_port], parsed[:dist_ports]} do
      {nil, nil} ->
        {:ok, nil}

      {port, nil} ->
        with {:ok, p} <- optional_port(port, "--dist-port"), do: {:ok, {p, p}}

      {nil, range} ->
        with [min, max] <- String.split(range, "-"),
             {lo, ""} <- Integer.parse(min),
             {hi, ""} <- Integer.parse(max),
             true <- lo in 1..65_535 and hi in lo..65_535 do
          {:ok, {lo, hi}}
        else
          _ -> {:error, "--dist-ports must look like MIN-MAX"}
        end

      _ ->
        {:error, "give either --dist-port or --dist-ports"}
    end
  end

  defp peers(parsed, self_name) do
    names = (parsed[:peers] || "") |> split_list() |> Enum.map(&String.to_atom/1)

    case Enum.find(names, &(not String.contains?(Atom.to_string(&1), "@"))) do
      nil -> {:ok, names |> Enum.reject(&(&1 == self_name)) |> Enum.uniq()}
      bad -> {:error, "--peers needs full node names (name@host), got #{bad}"}
    end
  end

  @doc false
  def ip(text, option) do
    case :inet.parse_address(String.to_charlist(text)) do
      {:ok, ip} -> {:ok, ip}
      _ -> {:error, "#{option} must be an IP address, got #{inspect(text)}"}
    end
  end

  defp one_of(value, allowed, option) do
    if value in allowed,
      do: {:ok, value},
      else: {:error, "#{option} must be one of #{Enum.join(allowed, ", ")}"}
  end

  defp positive(value, _option) when is_integer(value) and value > 0, do: {:ok, value}
  defp positive(_value, option), do: {:error, "#{option} must be a positive integer"}

  defp optional_port(nil, _option), do: {:ok, nil}
  defp optional_port(port, _option) when port in 1..65_535, do: {:ok, port}
  defp optional_port(_port, option), do: {:error, "#{option} must be a port number"}

  defp log_level(text) do
    levels = ~w(debug info notice warning error)

    if text in levels,
      do: {:ok, String.to_atom(text)},
      else: {:error, "--log-level must be one of #{Enum.join(levels, ", ")}"}
  end

  defp split_list(text),
    do: text |> String.split(",", trim: true) |> Enum.map(&String.trim/1) |> Enum.reject(&(&1 == ""))
end
