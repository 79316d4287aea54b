defmodule ExesdbDev.ImitatedApplications do
  @moduledoc """
  Empty OTP applications named like those of an ExESDB 0.11 node, so that
  `application:which_applications()` (what ExESDB's ClusterMonitor and Swarm ask a node that
  connects) lists `:ex_esdb`, `:ex_esdb_gater`, `:swarm`, `:phoenix_pubsub` and `:libcluster`
  at their locked versions. They run no code; their descriptions say they are imitations.
  """

  @applications [
    {:ex_esdb, ~c"0.11.0"},
    {:ex_esdb_gater, ~c"0.8.0"},
    {:swarm, ~c"3.4.0"},
    {:phoenix_pubsub, ~c"2.1.3"},
    {:libcluster, ~c"3.5.0"}
  ]

  @doc "Loads and starts the imitations."
  @spec start() :: :ok | {:error, term()}
  def start do
    Enum.reduce_while(@applications, :ok, fn {app, vsn}, :ok ->
      spec = [
        description: ~c"#{app} imitated by exesdb_dev (a development peer, not the real #{app})",
        vsn: vsn,
        modules: [],
        registered: [],
        applications: [:kernel, :stdlib]
      ]

      with :ok <- load({:application, app, spec}),
           :ok <- started(:application.start(app)) do
        {:cont, :ok}
      else
        error -> {:halt, error}
      end
    end)
  end

  defp load(spec) do
    case :application.load(spec) do
      :ok -> :ok
      {:error, {:already_loaded, _}} -> :ok
      error -> error
    end
  end

  defp started(:ok), do: :ok
  defp started({:error, {:already_started, _}}), do: :ok
  defp started(error), do: error
end
