defmodule ExesdbDev.GaterApiMarker do
  @moduledoc """
  The `{:gater_api, hash}` Swarm entry every ExESDB node has (ExESDBGater.API runs inside it).
  Like the original it has no `handle_call`/`handle_cast`: a call or cast crashes it, and it
  comes back under a new random name.
  """
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil)

  @impl true
  def init(nil) do
    :yes = Swarm.register_name({:gater_api, :erlang.phash2(make_ref())}, self())
    {:ok, nil}
  end

  @impl true
  def handle_info(_message, state), do: {:noreply, state}
end
