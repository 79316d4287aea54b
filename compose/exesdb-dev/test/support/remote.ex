defmodule ExesdbDev.Test.Remote do
  @moduledoc """
  What a gateway does from its hidden node: classic `rex` calls, worker discovery through Swarm
  and the partition supervisor, calls that turn a worker crash into a DOWN.
  """
  import ExUnit.Assertions

  @doc "`gen_server:call({rex, Node}, {call, M, F, A, user})`, the path a C# node uses."
  def rex(node, m, f, a), do: :gen_server.call({:rex, node}, {:call, m, f, a, :user}, 10_000)

  @doc "The gateway workers of `store` that Swarm lists on `node`."
  def gateway_workers(node, store) do
    for {{:gateway_worker, ^store, worker_node, n}, pid} <- rex(node, Swarm, :registered, []),
        do: %{pid: pid, node: worker_node, n: n}
  end

  @doc "The first gateway worker of `store` hosted by `node` itself."
  def worker!(node, store \\ :reg_gh) do
    eventually(fn ->
      gateway_workers(node, store)
      |> Enum.filter(&(&1.node == node and rex(node, :erlang, :is_process_alive, [&1.pid])))
      |> Enum.map(& &1.pid)
      |> List.first()
    end)
  end

  @doc "Calls a worker; `{:down, reason}` when it crashed instead of replying."
  def call(pid, request) do
    ref = Process.monitor(pid)

    try do
      reply = GenServer.call(pid, request, 10_000)
      Process.demonitor(ref, [:flush])
      {:reply, reply}
    catch
      :exit, _ ->
        assert_receive {:DOWN, ^ref, :process, ^pid, reason}, 5_000
        {:down, reason}
    end
  end

  @doc "Polls `fun` until it returns a truthy value (deadline, not a sleep as synchronisation)."
  def eventually(fun, timeout \\ 10_000, interval \\ 50) do
    deadline = System.monotonic_time(:millisecond) + timeout
    poll(fun, deadline, interval)
  end

  defp poll(fun, deadline, interval) do
    case fun.() do
      result when result not in [nil, false] ->
        result

      _ ->
        if System.monotonic_time(:millisecond) > deadline do
          flunk("condition not met before the deadline")
        else
          Process.sleep(interval)
          poll(fun, deadline, interval)
        end
    end
  end

  @doc "A NewEvent struct as a client would send it."
  def new_event(type \\ "thing_happened:v1", data \\ %{n: 1}) do
    %ExESDB.Schema.NewEvent{
      event_id: "evt-#{System.unique_integer([:positive])}",
      event_type: type,
      data_content_type: 1,
      metadata_content_type: 1,
      data: data,
      metadata: %{correlation_id: "c1"}
    }
  end

  @doc "A unique stream id."
  def stream_id(prefix \\ "s"), do: "#{prefix}-#{System.unique_integer([:positive])}"
end
