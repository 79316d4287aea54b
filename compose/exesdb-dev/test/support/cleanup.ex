defmodule ExesdbDev.Test.Cleanup do
  @moduledoc "Remembers every node a test started and kills the ones still running after the suite."
  use Agent

  def start_link, do: Agent.start_link(fn -> [] end, name: __MODULE__)

  def register(pid), do: Agent.update(__MODULE__, &[pid | &1])

  def kill_all do
    __MODULE__
    |> Agent.get(& &1)
    |> Enum.each(fn pid ->
      if ExesdbDev.Test.DevNode.alive?(pid), do: ExesdbDev.Test.DevNode.kill(pid)
    end)
  end
end
