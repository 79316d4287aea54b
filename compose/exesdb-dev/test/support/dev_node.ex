defmodule ExesdbDev.Test.DevNode do
  @moduledoc """
  One development node started by a test through `bin/exesdb-dev`, exactly as launchers start
  it: an OS process whose readiness line is awaited, stopped with SIGTERM or killed with SIGKILL
  by its process id. The owner keeps the node's output for diagnostics.
  """
  use GenServer

  @script Path.expand("../../bin/exesdb-dev", __DIR__)

  defstruct [:port, :os_pid, :name, :args, lines: [], ready: nil, exit_status: nil, waiters: []]

  @doc "Starts `bin/exesdb-dev` with `args` (the cookie comes from the environment)."
  def start(name, args, env \\ []) do
    {:ok, pid} = GenServer.start(__MODULE__, {name, args, env})
    ExesdbDev.Test.Cleanup.register(pid)
    pid
  end

  @doc "Waits for the readiness line; raises with the node's output when it does not come."
  def await_ready(pid, timeout \\ 45_000) do
    case GenServer.call(pid, :await_ready, timeout + 1_000) do
      {:ok, line} -> line
      {:error, why, output} -> raise "#{why}\n--- node output ---\n#{output}"
    end
  end

  def node_name(pid), do: GenServer.call(pid, :name)
  def os_pid(pid), do: GenServer.call(pid, :os_pid)
  def output(pid), do: GenServer.call(pid, :output)
  def alive?(pid), do: Process.alive?(pid) and GenServer.call(pid, :exit_status) == nil

  @doc "Sends SIGTERM and waits for the process to exit; returns its exit status."
  def stop(pid, timeout \\ 15_000), do: signal_and_wait(pid, "TERM", timeout)

  @doc "Sends SIGKILL and waits for the process to exit."
  def kill(pid, timeout \\ 15_000), do: signal_and_wait(pid, "KILL", timeout)

  defp signal_and_wait(pid, signal, timeout) do
    case GenServer.call(pid, :exit_status) do
      nil ->
        {_, 0} = System.cmd("kill", ["-#{signal}", Integer.to_string(os_pid(pid))])
        GenServer.call(pid, :await_exit, timeout)

      status ->
        status
    end
  end

  ## GenServer

  @impl true
  def init({name, args, env}) do
    port =
      Port.open({:spawn_executable, @script}, [
        :binary,
        :exit_status,
        :stderr_to_stdout,
        {:line, 16_384},
        {:args, args},
        {:env, Enum.map(env, fn {k, v} -> {String.to_charlist(k), String.to_charlist(v)} end)}
      ])

    {:os_pid, os_pid} = Port.info(port, :os_pid)
    {:ok, %__MODULE__{port: port, os_pid: os_pid, name: name, args: args}}
  end

  @impl true
  def handle_call(:await_ready, from, state) do
    cond do
      state.ready ->
        {:reply, {:ok, state.ready}, state}

      state.exit_status ->
        {:reply, {:error, "node #{state.name} exited with #{state.exit_status} before ready", dump(state)},
         state}

      true ->
        {:noreply, %{state | waiters: [{:ready, from} | state.waiters]}}
    end
  end

  def handle_call(:await_exit, from, state) do
    if state.exit_status,
      do: {:reply, state.exit_status, state},
      else: {:noreply, %{state | waiters: [{:exit, from} | state.waiters]}}
  end

  def handle_call(:name, _from, state), do: {:reply, state.name, state}
  def handle_call(:os_pid, _from, state), do: {:reply, state.os_pid, state}
  def handle_call(:exit_status, _from, state), do: {:reply, state.exit_status, state}
  def handle_call(:output, _from, state), do: {:reply, dump(state), state}

  @impl true
  def handle_info({port, {:data, {_eol, line}}}, %{port: port} = state) do
    state = %{state | lines: [line | state.lines]}

    if is_nil(state.ready) and String.starts_with?(line, "exesdb_dev ready ") do
      {:noreply, notify(%{state | ready: line}, :ready, {:ok, line})}
    else
      {:noreply, state}
    end
  end

  def handle_info({port, {:exit_status, status}}, %{port: port} = state) do
    state = %{state | exit_status: status}

    state =
      notify(state, :ready, {:error, "node #{state.name} exited with #{status} before ready", dump(state)})

    {:noreply, notify(state, :exit, status)}
  end

  defp notify(state, kind, reply) do
    {matching, rest} = Enum.split_with(state.waiters, fn {k, _} -> k == kind end)
    Enum.each(matching, fn {_, from} -> GenServer.reply(from, reply) end)
    %{state | waiters: rest}
  end

  defp dump(state), do: state.lines |> Enum.reverse() |> Enum.join("\n")

  @impl true
  def terminate(_reason, state) do
    if is_nil(state.exit_status), do: System.cmd("kill", ["-KILL", Integer.to_string(state.os_pid)])
    :ok
  end
end
