using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using EsdbGater.Erlang.Distribution.Framing;
using EsdbGater.Erlang.Distribution.Protocol;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Distribution.Unit;

/// <summary>The wire bytes of reference 3.1: a rex call from dotnet@vm and peer@vm's reply.</summary>
public sealed class FrameBytesTests
{
    private static readonly ErlAtom Us = ErlAtom.Of("dotnet@vm");
    private static readonly ErlPid OurPid = new(Us, 1, 0, 0x12345678);
    private static readonly ErlRef CallRef = new(Us, 0x12345678, ImmutableArray.Create(1001u, 0x1234u, 0x5678u));

    private static readonly string RequestHex = Hex(
        "00000088 70",
        "83 68 04 61 06 58 77 09", Ascii("dotnet@vm"), "00000001 00000000 12345678 77 00 77 03", Ascii("rex"),
        "83 68 03 77 09", Ascii("$gen_call"), "68 02 58 77 09", Ascii("dotnet@vm"), "00000001 00000000 12345678",
        "5a 0003 77 09", Ascii("dotnet@vm"), "12345678 000003e9 00001234 00005678",
        "68 05 77 04", Ascii("call"), "77 06", Ascii("erlang"), "77 04", Ascii("node"), "6a 77 04", Ascii("user"));

    private static readonly string ReplyHex = Hex(
        "0000005e 70 83 68 03 61 16 58 77 07", Ascii("peer@vm"), "00000064 00000000 6b08c712",
        "58 77 09", Ascii("dotnet@vm"), "00000001 00000000 12345678",
        "83 68 02 5a 0003 77 09", Ascii("dotnet@vm"), "12345678 000003e9 00001234 00005678 77 07", Ascii("peer@vm"));

    [Fact]
    public void Rex_call_frame_matches_the_bytes_otp_accepted()
    {
        var request = Erl.Tuple(Erl.Atom("$gen_call"), Erl.Tuple(OurPid, CallRef), Erl.Tuple(Erl.Atom("call"), Erl.Atom("erlang"), Erl.Atom("node"), ErlList.Empty, Erl.Atom("user")));

        using var frame = DistributionMessage.Encode(ControlMessages.RegSend(OurPid, Erl.Atom("rex")), request);

        Assert.Equal(RequestHex, Convert.ToHexStringLower(frame.Bytes.Span));
    }

    [Fact]
    public void Reply_frame_is_cut_and_parsed_into_send_sender_and_payload()
    {
        var bytes = new ReadOnlySequence<byte>(Convert.FromHexString(ReplyHex));

        Assert.True(FrameReader.TryReadFrame(ref bytes, 1 << 20, out var packet));
        Assert.True(bytes.IsEmpty);
        var message = DistributionMessage.Parse(packet.ToArray());

        Assert.Equal(ControlOp.SendSender, message.Op);
        Assert.Equal(new ErlPid(Erl.Atom("peer@vm"), 100, 0, 0x6b08c712), message.Control[1]);
        Assert.Equal(OurPid, message.Control[2]);
        Assert.Equal(Erl.Tuple(CallRef, Erl.Atom("peer@vm")), message.Payload);
    }

    [Fact]
    public void A_zero_length_frame_is_a_tick_and_partial_frames_wait_for_more()
    {
        var tick = new ReadOnlySequence<byte>(new byte[4]);
        Assert.True(FrameReader.TryReadFrame(ref tick, 100, out var empty));
        Assert.True(empty.IsEmpty);

        var partial = new ReadOnlySequence<byte>(Convert.FromHexString("0000000570"));
        Assert.False(FrameReader.TryReadFrame(ref partial, 100, out _));
        Assert.Equal(5, partial.Length);
    }

    [Fact]
    public void An_oversized_frame_is_refused_before_it_is_buffered()
    {
        var huge = new ReadOnlySequence<byte>(Convert.FromHexString("7fffffff70"));

        var e = Assert.Throws<DistributionProtocolException>(() => FrameReader.TryReadFrame(ref huge, 1024, out _));
        Assert.Contains("limit", e.Message);
    }

    private static string Ascii(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));

    private static string Hex(params string[] parts) => string.Concat(parts).Replace(" ", "").ToLowerInvariant();
}
