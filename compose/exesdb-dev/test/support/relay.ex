defmodule ExesdbDev.Test.Relay do
  @moduledoc "A process a test spawns on a development node: it forwards whatever it receives."

  def loop(target) do
    receive do
      message ->
        send(target, {:relayed, message})
        loop(target)
    end
  end
end
