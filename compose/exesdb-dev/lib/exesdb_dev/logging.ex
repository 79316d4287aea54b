defmodule ExesdbDev.Logging do
  @moduledoc """
  One log line per event on standard output: `HH:MM:SS.mmm [level] message`, without colours,
  on Elixir 1.14 (console backend) and 1.15+ (the `:logger` default handler).
  """

  @format "$time [$level] $message\n"

  @spec configure(Logger.level()) :: :ok
  def configure(level) do
    Logger.configure(level: level)

    if Code.ensure_loaded?(Logger.Formatter) and function_exported?(Logger.Formatter, :new, 1) do
      # Elixir 1.15+: Logger writes through the :logger default handler.
      formatter = apply(Logger.Formatter, :new, [[format: @format, colors: [enabled: false]]])
      :logger.update_handler_config(:default, :formatter, formatter)
    else
      apply(Logger, :configure_backend, [:console, [format: @format, colors: [enabled: false], metadata: []]])
    end

    :ok
  end
end
