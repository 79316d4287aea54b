defmodule ExesdbDev.MixProject do
  use Mix.Project

  # A development and test peer that imitates ExESDB 0.11 over Erlang distribution.
  # No Hex dependencies: it must build from Debian's Elixir (1.14 on bookworm, 1.18 on trixie).
  def project do
    [
      app: :exesdb_dev,
      version: "0.1.0",
      elixir: "~> 1.14",
      start_permanent: false,
      elixirc_paths: if(Mix.env() == :test, do: ["lib", "test/support"], else: ["lib"]),
      elixirc_options: [warnings_as_errors: System.get_env("EXESDB_DEV_WERROR") == "1"],
      deps: []
    ]
  end

  def application do
    [
      extra_applications: [:logger, :crypto, :mnesia],
      mod: {ExesdbDev.Application, []}
    ]
  end
end
