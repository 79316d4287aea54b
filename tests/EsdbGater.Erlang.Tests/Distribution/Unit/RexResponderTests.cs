using EsdbGater.Erlang.Distribution.Runtime;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Distribution.Unit;

public sealed class RexResponderTests
{
    [Theory]
    [InlineData("call")]
    [InlineData("block_call")]
    public void Which_applications_lists_charlist_tuples_without_swarm(string kind)
    {
        var answer = RexResponder.Answer(Erl.Tuple(Erl.Atom(kind), Erl.Atom("application"), Erl.Atom("which_applications"), ErlList.Empty, Erl.Atom("user")));

        var apps = Assert.IsType<ErlList>(answer);
        Assert.Contains(apps.Elements, a => a is ErlTuple { Arity: 3 } t && t[0].Equals(Erl.Atom("kernel")) && t[1] is ErlList && t[2] is ErlList);
        Assert.DoesNotContain(apps.Elements, a => ((ErlTuple)a)[0].Equals(Erl.Atom("swarm")));
    }

    [Fact]
    public void Any_other_call_is_an_undef_badrpc()
    {
        var answer = RexResponder.Answer(Erl.Tuple(Erl.Atom("call"), Erl.Atom("khepri_cluster"), Erl.Atom("members"), Erl.List(Erl.Atom("store")), Erl.Atom("user")));

        Assert.Equal(
            Erl.Tuple(Erl.Atom("badrpc"), Erl.Tuple(Erl.Atom("EXIT"), Erl.Tuple(Erl.Atom("undef"), Erl.List(Erl.Tuple(Erl.Atom("khepri_cluster"), Erl.Atom("members"), Erl.List(Erl.Atom("store")), ErlList.Empty))))),
            answer);
    }

    [Fact]
    public void Requests_that_are_not_calls_are_notsup()
    {
        Assert.Equal(Erl.Tuple(Erl.Atom("badrpc"), Erl.Atom("notsup")), RexResponder.Answer(Erl.Atom("whatever")));
    }
}
