using System.Collections.Immutable;
using System.Numerics;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Terms;

/// <summary>
/// Builds random but reproducible terms of every kind the model has, for round-trip and fuzz
/// tests. Atom names come from a fixed pool so that tests do not fill the capped intern table.
/// </summary>
internal sealed class TermGenerator(int seed)
{
    private static readonly string[] AtomNames =
    [
        "", "ok", "error", "a", "node@host", "Elixir.ExESDB.Schema.EventRecord", "héllo_ü", "日本", "emoji_😀",
        "with space", "'quoted'", new string('z', 255), new string('é', 200), "nonode@nohost", "true", "undefined",
    ];

    private readonly Random _random = new(seed);

    /// <summary>A term nested at most <paramref name="maxDepth"/> containers deep.</summary>
    public ErlangTerm Next(int maxDepth = 4) =>
        maxDepth > 0 && _random.Next(3) == 0 ? NextContainer(maxDepth - 1) : NextLeaf();

    private ErlangTerm NextLeaf() => _random.Next(20) switch
    {
        0 => ErlInteger.Of(_random.Next(256)),
        1 => ErlInteger.Of(_random.Next(int.MinValue, int.MaxValue)),
        2 => ErlInteger.Of(_random.NextInt64(long.MinValue, long.MaxValue)),
        3 => ErlInteger.Of(NextBig()),
        4 => new ErlFloat(NextFiniteDouble()),
        5 or 6 => ErlAtom.Of(AtomNames[_random.Next(AtomNames.Length)]),
        7 => new ErlBinary(NextBytes(_random.Next(0, 40))),
        8 => new ErlBitBinary(NextBytes(_random.Next(1, 10)), _random.Next(1, 8)),
        9 => ErlList.Empty,
        10 => new ErlList([.. NextBytes(_random.Next(1, 30)).Select(b => (ErlangTerm)ErlInteger.Of(b))]),
        11 => new ErlPid(NextAtom(), NextUInt(), NextUInt(), NextUInt()),
        12 => new ErlRef(NextAtom(), NextUInt(), [.. Enumerable.Range(0, _random.Next(1, 6)).Select(_ => NextUInt())]),
        13 => new ErlPort(NextAtom(), (ulong)_random.NextInt64(), NextUInt()),
        14 => new ErlExport(NextAtom(), NextAtom(), _random.Next(256)),
        15 => Erl.Tuple(),
        16 => ErlMap.Empty,
        17 => ErlFun(),
        18 => ErlInteger.Of(_random.Next(-300, 300)),
        _ => Erl.Binary(new string('x', _random.Next(0, 100))),
    };

    private ErlangTerm NextContainer(int maxDepth)
    {
        switch (_random.Next(5))
        {
            case 0:
                return new ErlTuple(NextElements(_random.Next(20) == 0 ? 300 : _random.Next(0, 6), maxDepth));
            case 1:
                return new ErlList(NextElements(_random.Next(0, 6), maxDepth));
            case 2:
                return new ErlList(NextElements(_random.Next(1, 4), maxDepth), NextNonList(maxDepth));
            case 3:
                var pairs = new Dictionary<ErlangTerm, ErlangTerm>();
                for (var i = _random.Next(0, _random.Next(20) == 0 ? 40 : 6); i > 0; i--)
                {
                    pairs.TryAdd(Next(maxDepth), Next(maxDepth));
                }

                return new ErlMap([.. pairs]);
            default:
                // Mixed lists of small integers: strings when they all fit a byte, lists when not.
                return new ErlList([.. Enumerable.Range(0, _random.Next(1, 8)).Select(_ => (ErlangTerm)ErlInteger.Of(_random.Next(-2, 300)))]);
        }
    }

    private ImmutableArray<ErlangTerm> NextElements(int count, int maxDepth) =>
        [.. Enumerable.Range(0, count).Select(_ => Next(maxDepth))];

    private ErlangTerm NextNonList(int maxDepth)
    {
        while (true)
        {
            var tail = Next(maxDepth);
            if (tail is not ErlList)
            {
                return tail;
            }
        }
    }

    private ErlAtom NextAtom() => ErlAtom.Of(AtomNames[_random.Next(AtomNames.Length)]);

    private uint NextUInt() => (uint)_random.NextInt64(0, 1L << 32);

    private byte[] NextBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private BigInteger NextBig()
    {
        var magnitude = new BigInteger(NextBytes(_random.Next(9, _random.Next(10) == 0 ? 300 : 40)), isUnsigned: true);
        return _random.Next(2) == 0 ? magnitude : -magnitude;
    }

    private double NextFiniteDouble()
    {
        while (true)
        {
            var value = BitConverter.Int64BitsToDouble(_random.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(value))
            {
                return _random.Next(4) == 0 ? Math.Round(value % 1e6, 3) : value;
            }
        }
    }

    private static ErlFun ErlFun()
    {
        var bytes = Convert.FromHexString(TagDecodingTests.ErlEvalClosure);
        return (ErlFun)TermDecoder.Decode(bytes);
    }
}
