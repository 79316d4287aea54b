using System.Numerics;
using EsdbGater.Erlang.Terms;
using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.Erlang.Tests.Terms;

/// <summary>
/// The codec against the real OTP 25 on the host: OTP encodes a set of terms (plain with
/// <c>[deterministic]</c>, compressed, and with the OTP 25 default Latin-1 atoms); we decode all
/// three, re-encode, and a second OTP run checks that our bytes decode to exactly its own terms.
/// Both runs are short-lived <c>erl -noshell</c> processes without distribution.
/// </summary>
public sealed class OtpCompatibilityTests
{
    private static readonly TimeSpan ErlTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Name, Erlang expression, and the term we expect (null for pids, refs, ports and funs, which are checked by type).</summary>
    private static readonly (string Name, string Erlang, ErlangTerm? Expected)[] Cases =
    [
        ("int_0", "0", 0),
        ("int_255", "255", 255),
        ("int_256", "256", 256),
        ("int_minus_1", "-1", -1),
        ("int_max32", "2147483647", int.MaxValue),
        ("int_min32", "-2147483648", int.MinValue),
        ("big_2_31", "2147483648", 2147483648L),
        ("big_minus_5e9", "-5000000000", -5000000000L),
        ("big_2_100", "1 bsl 100", ErlInteger.Of(BigInteger.Pow(2, 100))),
        ("big_u64", "(1 bsl 64) - 1", ErlInteger.Of(ulong.MaxValue)),
        ("large_big", "-(1 bsl 2100)", ErlInteger.Of(-BigInteger.Pow(2, 2100))),
        ("float_pi", "3.141592653589793", 3.141592653589793),
        ("float_tiny", "3.5e-300", 3.5e-300),
        ("float_neg", "-0.5", -0.5),
        ("float_tenth", "0.1", 0.1),
        ("atom", "hello", Erl.Atom("hello")),
        ("atom_empty", "''", Erl.Atom("")),
        ("atom_unicode", "list_to_atom([104, 16#e9, $l, $l, $o, $_, 16#fc])", Erl.Atom("héllo_ü")),
        ("atom_emoji", "list_to_atom([16#1F600, $x])", Erl.Atom("😀x")),
        ("atom_long_utf8", "list_to_atom(lists:duplicate(200, 16#e9))", Erl.Atom(new string('é', 200))),
        ("atom_255", "list_to_atom(lists:duplicate(255, $a))", Erl.Atom(new string('a', 255))),
        ("atom_struct", "'Elixir.ExESDB.Schema.EventRecord'", Erl.Atom("Elixir.ExESDB.Schema.EventRecord")),
        ("binary_empty", "<<>>", ErlBinary.Empty),
        ("binary_text", "<<\"elixir\">>", "elixir"),
        ("binary_bytes", "<<0, 1, 255>>", Erl.Binary([0, 1, 255])),
        ("binary_large", "binary:copy(<<\"abc\">>, 30000)", Erl.Binary(string.Concat(Enumerable.Repeat("abc", 30000)))),
        ("bits_7_3", "<<7:3>>", new ErlBitBinary(new byte[] { 0xe0 }, 3)),
        ("bits_mixed", "<<1, 2, 3:4>>", new ErlBitBinary(new byte[] { 1, 2, 0x30 }, 4)),
        ("string", "\"abc\"", ErlList.FromString("abc")),
        ("string_empty", "\"\"", ErlList.Empty),
        ("string_all_bytes", "lists:seq(0, 255)", new ErlList([.. Enumerable.Range(0, 256).Select(i => (ErlangTerm)i)])),
        ("list_non_byte", "[256]", Erl.List(256)),
        ("list_long_bytes", "lists:duplicate(70000, 1)", new ErlList([.. Enumerable.Repeat<ErlangTerm>(1, 70000)])),
        ("compressible", "lists:duplicate(100, 0)", new ErlList([.. Enumerable.Repeat<ErlangTerm>(0, 100)])),
        ("improper_atoms", "[a | b]", new ErlList([Erl.Atom("a")], Erl.Atom("b"))),
        ("improper_int", "[1 | 2]", new ErlList([1], 2)),
        ("nested_list", "[1, [2, 3], {}]", Erl.List(1, Erl.List(2, 3), Erl.Tuple())),
        ("mixed_list", "[1.5, <<\"x\">>, #{}]", Erl.List(1.5, "x", ErlMap.Empty)),
        ("tuple_empty", "{}", Erl.Tuple()),
        ("tuple_1", "{a}", Erl.Tuple(Erl.Atom("a"))),
        ("tuple_300", "list_to_tuple(lists:seq(1, 300))", new ErlTuple([.. Enumerable.Range(1, 300).Select(i => (ErlangTerm)i)])),
        ("map_empty", "#{}", ErlMap.Empty),
        ("map_float", "#{k => 1.5}", Erl.Map((Erl.Atom("k"), 1.5))),
        ("map_mixed_keys", "#{<<\"b\">> => 1, a => 2, 3 => [x]}", Erl.Map(("b", 1), (Erl.Atom("a"), 2), (3, Erl.List(Erl.Atom("x"))))),
        ("map_40", "maps:from_list([{I, I * I} || I <- lists:seq(1, 40)])", Erl.Map([.. Enumerable.Range(1, 40).Select(i => ((ErlangTerm)i, (ErlangTerm)(i * i)))])),
        ("map_nested", "#{m => #{n => {1, 2}}}", Erl.Map((Erl.Atom("m"), Erl.Map((Erl.Atom("n"), Erl.Tuple(1, 2)))))),
        ("event_record",
            "#{'__struct__' => 'Elixir.ExESDB.Schema.EventRecord', created_epoch => 1760599029123456, data => #{<<\"temperature\">> => 21}, event_id => <<\"0198a1b2-0000-7000-8000-000000000000\">>, event_number => 0, metadata => nil}",
            Erl.Map(
                (Erl.Atom("__struct__"), Erl.Atom("Elixir.ExESDB.Schema.EventRecord")),
                (Erl.Atom("created_epoch"), 1760599029123456L),
                (Erl.Atom("data"), Erl.Map(("temperature", 21))),
                (Erl.Atom("event_id"), "0198a1b2-0000-7000-8000-000000000000"),
                (Erl.Atom("event_number"), 0),
                (Erl.Atom("metadata"), ErlAtom.Nil))),
        ("export", "fun lists:seq/2", new ErlExport(Erl.Atom("lists"), Erl.Atom("seq"), 2)),
        ("pid", "self()", null),
        ("ref", "make_ref()", null),
        ("port", "hd(erlang:ports())", null),
        ("fun", "begin Y = 5, fun(X) -> X + Y end end", null),
    ];

    [Fact]
    public async Task Otp_and_the_codec_agree_byte_for_byte()
    {
        var encodings = await OtpEncodingsAsync();
        Assert.Equal(Cases.Select(c => c.Name).Order(), encodings.Keys.Order());

        var ours = new List<(string Name, byte[] Otp, byte[] Ours)>();
        foreach (var (name, _, expected) in Cases)
        {
            var (deterministic, compressed, latin1) = encodings[name];
            var term = TermDecoder.Decode(deterministic);

            Assert.True(term.Equals(TermDecoder.Decode(compressed)), $"{name}: compressed form decodes differently");
            if (term is not ErlFun)
            {
                // A fun is opaque bytes to us, so its Latin-1 atom spelling makes a different (if =:=) value.
                Assert.True(term.Equals(TermDecoder.Decode(latin1)), $"{name}: OTP 25 default form decodes differently");
            }
            AssertExpected(name, expected, term);

            var reencoded = TermEncoder.Encode(term);
            if (term is not ErlPort)
            {
                // Ports are the one deliberate difference: OTP 25 writes NEW_PORT_EXT, we echo V4_PORT_EXT.
                Assert.True(deterministic.AsSpan().SequenceEqual(reencoded), $"{name}: OTP {WireDump.ToHex(deterministic)}, ours {WireDump.ToHex(reencoded)}");
            }

            ours.Add((name, deterministic, reencoded));
            if (expected is not null)
            {
                // Built in C#, so map pairs may be in another order: OTP compares terms, not bytes.
                ours.Add((name + "_built", deterministic, TermEncoder.Encode(expected)));
            }
        }

        var verdicts = await OtpComparesAsync(ours);
        Assert.All(ours, o => Assert.True(verdicts.GetValueOrDefault(o.Name) == "true", $"{o.Name}: OTP says {verdicts.GetValueOrDefault(o.Name) ?? "nothing"}"));
    }

    private static void AssertExpected(string name, ErlangTerm? expected, ErlangTerm term)
    {
        switch (name)
        {
            case "pid":
                Assert.Equal(Erl.Atom("nonode@nohost"), Assert.IsType<ErlPid>(term).Node);
                break;
            case "ref":
                Assert.Equal(3, Assert.IsType<ErlRef>(term).Ids.Length);
                break;
            case "port":
                Assert.IsType<ErlPort>(term);
                break;
            case "fun":
                Assert.Equal(Erl.Atom("erl_eval"), Assert.IsType<ErlFun>(term).Module);
                break;
            default:
                Assert.True(expected!.Equals(term), $"{name}: expected {expected}, decoded {term}");
                Assert.Equal(expected.GetHashCode(), term.GetHashCode());
                break;
        }
    }

    /// <summary>Runs OTP once: for each case, term_to_binary deterministic (UTF-8 atoms), compressed, and the OTP 25 default.</summary>
    private static async Task<Dictionary<string, (byte[] Deterministic, byte[] Compressed, byte[] Latin1)>> OtpEncodingsAsync()
    {
        var cases = string.Join(",\n", Cases.Select(c => $"{{\"{c.Name}\", {c.Erlang}}}"));
        var program = $$"""
            Cases = [{{cases}}],
            Hex = fun(B) -> binary:encode_hex(B) end,
            lists:foreach(fun({N, T}) ->
                io:format("CASE ~s ~s ~s ~s~n", [N,
                    Hex(term_to_binary(T, [{minor_version, 2}, deterministic])),
                    Hex(term_to_binary(T, [compressed, {minor_version, 2}])),
                    Hex(term_to_binary(T))])
              end, Cases),
            io:format("END~n"),
            halt().
            """;
        var lines = await RunErlAsync(program);
        return lines
            .Where(l => l.StartsWith("CASE ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[1], p => (Convert.FromHexString(p[2]), Convert.FromHexString(p[3]), Convert.FromHexString(p[4])));
    }

    /// <summary>Runs OTP again: does binary_to_term of our bytes give exactly (=:=) the term OTP encoded?</summary>
    private static async Task<Dictionary<string, string>> OtpComparesAsync(IEnumerable<(string Name, byte[] Otp, byte[] Ours)> pairs)
    {
        var file = Path.Combine(Path.GetTempPath(), $"esdbgater-etf-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, pairs.Select(p => $"{p.Name} {Convert.ToHexString(p.Otp)} {Convert.ToHexString(p.Ours)}"));
        try
        {
            var program = $$"""
                {ok, Bin} = file:read_file("{{file}}"),
                lists:foreach(fun(Line) ->
                    [N, Theirs, Ours] = binary:split(Line, <<" ">>, [global]),
                    Verdict = try binary_to_term(binary:decode_hex(Ours)) =:= binary_to_term(binary:decode_hex(Theirs))
                              catch C:E -> {C, E} end,
                    io:format("MATCH ~s ~p~n", [N, Verdict])
                  end, binary:split(Bin, <<"\n">>, [global, trim_all])),
                io:format("END~n"),
                halt().
                """;
            var lines = await RunErlAsync(program);
            return lines
                .Where(l => l.StartsWith("MATCH ", StringComparison.Ordinal))
                .Select(l => l.Split(' ', 3))
                .ToDictionary(p => p[1], p => p[2]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>One short-lived <c>erl -noshell</c> (no distribution, no EPMD), stopped by its PID whatever happens.</summary>
    private static async Task<string[]> RunErlAsync(string program)
    {
        var start = BeamCommand.Create(BeamRuntime.Otp25Host, "erl", ["-noshell", "-eval", program]);
        await using var erl = ManagedProcess.Start(start, "erl for the ETF compatibility test");
        using var timeout = new CancellationTokenSource(ErlTimeout);
        var end = erl.Output.WaitForLineAsync(l => l == "END", timeout.Token);
        try
        {
            // An Erlang error ends the process without END; its output explains why.
            await Task.WhenAny(end, erl.Exited).WaitAsync(timeout.Token);
            await end.WaitAsync(TimeSpan.FromSeconds(5), timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            Assert.Fail($"erl did not print END within {ErlTimeout}: {erl.Output}");
        }

        return erl.Output.Text.Split('\n');
    }
}
