namespace EsdbGater.TestKit.Beam;

/// <summary>Which front end starts the node; <see cref="BeamNodeOptions.Eval"/> is code in its language.</summary>
public enum BeamProgram
{
    /// <summary><c>erl -noshell -eval '...'</c>: Erlang expressions.</summary>
    Erl,

    /// <summary><c>elixir --no-halt -e '...'</c>: Elixir code.</summary>
    Elixir,
}
