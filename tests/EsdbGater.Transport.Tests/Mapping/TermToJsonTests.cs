using System.Collections.Immutable;
using System.Numerics;
using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Mapping;
using EsdbGater.Transport.Tests.Support;
using static EsdbGater.Transport.Tests.Support.RecordTerms;

namespace EsdbGater.Transport.Tests.Mapping;

public sealed class TermToJsonTests
{
    [Fact]
    public void Atom_and_binary_keyed_maps_become_objects()
    {
        var term = ErlMap.Of((A("temperature"), 21), ("unit", "C"), (7, "seven"));

        Assert.Equal("""{"temperature":21,"unit":"C","7":"seven"}""", Json.Text(TermToJson.Convert(term)));
    }

    [Fact]
    public void Atoms_are_strings_except_true_false_and_nil()
    {
        var term = ErlList.Of(A("ok"), ErlAtom.True, ErlAtom.False, ErlAtom.Nil, A("Elixir.Some.Module"));

        Assert.Equal("""["ok",true,false,null,"Elixir.Some.Module"]""", Json.Text(TermToJson.Convert(term)));
    }

    [Fact]
    public void Tuples_and_charlists_are_arrays()
    {
        var term = ErlTuple.Of(A("ok"), ErlList.FromString("abc"));

        Assert.Equal("""["ok",[97,98,99]]""", Json.Text(TermToJson.Convert(term)));
    }

    [Fact]
    public void Binaries_that_are_not_utf8_are_base64()
    {
        var term = ErlList.Of(new ErlBinary(new byte[] { 0xff, 0x00, 0x10 }), "text");

        Assert.Equal("""["/wAQ","text"]""", Json.Text(TermToJson.Convert(term)));
    }

    [Fact]
    public void Numbers_of_every_size_stay_exact()
    {
        var big = BigInteger.Pow(2, 100);
        var term = ErlList.Of(-5, long.MaxValue, ErlInteger.Of(big), 2.5);

        Assert.Equal($"[-5,{long.MaxValue},{big},2.5]", Json.Text(TermToJson.Convert(term)));
    }

    [Fact]
    public void Calendar_structs_become_iso8601_text()
    {
        var naive = ErlMap.Of((Struct, A("Elixir.NaiveDateTime")), (A("calendar"), A("Elixir.Calendar.ISO")),
            (A("year"), 2024), (A("month"), 2), (A("day"), 29), (A("hour"), 23), (A("minute"), 59), (A("second"), 1),
            (A("microsecond"), ErlTuple.Of(500000, 3)));
        var date = ErlMap.Of((Struct, A("Elixir.Date")), (A("calendar"), A("Elixir.Calendar.ISO")), (A("year"), 2024), (A("month"), 2), (A("day"), 29));
        var term = ErlList.Of(CreatedDateTime(), naive, date);

        Assert.Equal("""["2025-10-16T07:17:09.123456Z","2024-02-29T23:59:01.500","2024-02-29"]""", Json.Text(TermToJson.Convert(term)));
    }

    [Fact]
    public void A_datetime_in_another_zone_keeps_its_offset()
    {
        var paris = ErlMap.Of((Struct, A("Elixir.DateTime")), (A("calendar"), A("Elixir.Calendar.ISO")),
            (A("year"), 2025), (A("month"), 7), (A("day"), 1), (A("hour"), 12), (A("minute"), 0), (A("second"), 0),
            (A("microsecond"), ErlTuple.Of(0, 0)), (A("std_offset"), 3600), (A("utc_offset"), 3600),
            (A("time_zone"), "Europe/Paris"), (A("zone_abbr"), "CEST"));

        Assert.Equal("\"2025-07-01T12:00:00+02:00\"", Json.Text(TermToJson.Convert(paris)));
    }

    [Fact]
    public void Pids_references_funs_and_improper_lists_become_their_erlang_text()
    {
        var reference = new ErlRef(A("exesdb1@vm"), 3, [1u, 2u, 3u]);
        var improper = new ErlList([A("a")], A("b"));
        var term = ErlList.Of(Pid(), reference, new ErlExport(A("lists"), A("seq"), 2), improper);

        var json = TermToJson.Convert(term);

        Assert.Equal(
            [Pid().ToString(), reference.ToString(), "fun lists:seq/2", "[a|b]"],
            json.EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public void Keys_that_read_the_same_keep_both_values()
    {
        var term = new ErlMap(ImmutableArray.Create(
            KeyValuePair.Create<ErlangTerm, ErlangTerm>(A("a"), 1),
            KeyValuePair.Create<ErlangTerm, ErlangTerm>("a", 2)));

        var json = TermToJson.Convert(term);

        Assert.Equal(["a", "<<\"a\">>"], json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal([1, 2], json.EnumerateObject().Select(p => p.Value.GetInt32()).ToArray());
    }

    [Fact]
    public void Terms_nested_past_the_limit_are_cut_to_text_instead_of_failing()
    {
        ErlangTerm term = A("bottom");
        for (var i = 0; i < TermToJson.MaxDepth + 10; i++)
        {
            term = ErlList.Of(term);
        }

        var json = TermToJson.Convert(term);

        var depth = 0;
        while (json.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            json = json[0];
            depth++;
        }

        Assert.Equal(TermToJson.MaxDepth + 1, depth);
        Assert.StartsWith("[[", json.GetString());
    }

    [Fact]
    public void Json_mapping_round_trips_through_terms()
    {
        const string text = """{"a":[1,2.5,"x",true,null,{"b":-3}],"big":123456789012345678901234567890,"s":"\u00e9"}""";

        var back = TermToJson.Convert(JsonToTerm.Convert(Json.Parse(text), "value"));

        Assert.Equal(Json.Text(Json.Parse(text)), Json.Text(back));
    }
}
