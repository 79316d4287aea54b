defmodule ExesdbDev.Test.Relay do
  @moduledoc "A process a test spawns on a development node: it forwards whatever it receives."

  @doc "Forwards every message to `target` as `{:relayed, message}`."
  def loop(target) do
    receive do
      message ->
        send(target, {:relayed, message})
        loop(target)
    end
  end

  @doc "Subscribes to a local PubSub topic of the node it runs on, then relays."
  def subscribe_and_loop(target, instance, topic) do
    :ok = ExesdbDev.PubSub.subscribe(instance, topic)
    send(target, {:subscribed, self()})
    loop(target)
  end
end
