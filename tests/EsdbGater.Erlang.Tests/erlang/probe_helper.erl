%% Terms of every external-format tag for round trips through rex (reference 8.3), and probes
%% that make the BEAM side talk to the C# node on its own initiative.
-module(probe_helper).
-export([mkfun/0, bits/0, big_tuple/0, utf8_atom/0, improper/0, neg/0, bignums/0, floats/0,
         strings/0, map/0, export/0, compressed/0, port/0, ref/0, pid/0, binaries/0,
         same/2, call_us/1, rpc_us/1, cnode_rex_us/1, watch/2, link_watch/2, link_unlink/2, sleep/1,
         bench_callers/4]).

mkfun() -> Y = 10, fun(X) -> X + Y end.            % NEW_FUN_EXT (112)
bits() -> <<7:3>>.                                 % BIT_BINARY_EXT (77)
big_tuple() -> list_to_tuple(lists:seq(1, 300)).   % LARGE_TUPLE_EXT (105)
utf8_atom() -> 'héllo_ü'.                          % SMALL_ATOM_UTF8_EXT (119)
improper() -> [a | b].                             % LIST_EXT with a non-nil tail
neg() -> {-1, -300, -5000000000, 3.5e-300}.        % INTEGER/SMALL_BIG/NEW_FLOAT
bignums() -> {1 bsl 100, -(1 bsl 100), 1 bsl 2100, 255, 256, 2147483647, 2147483648, -2147483648, -2147483649}.
floats() -> {3.141592653589793, -0.0, 1.0e300, 0.1}.
strings() -> {lists:seq(1, 3), "", [1000, 2000], lists:duplicate(70000, $a)}.
map() -> #{k => 1.5, <<"bin">> => [1, 2], {t} => #{}}.
export() -> fun lists:seq/2.                       % EXPORT_EXT (113)
compressed() -> term_to_binary(lists:duplicate(100, 0), [compressed]).
port() -> hd(erlang:ports()).                      % V4_PORT_EXT (120) once V4_NC is negotiated
ref() -> make_ref().                               % NEWER_REFERENCE_EXT (90)
pid() -> self().                                   % NEW_PID_EXT (88)
binaries() -> {<<>>, <<"elixir">>, binary:copy(<<1,2,3>>, 100000)}.

%% True when Term is what Name() returns (pids, refs and ports vary, so they are checked by kind).
same(Name, Term) when Name =:= port; Name =:= ref; Name =:= pid ->
    case {Name, Term} of
        {port, P} when is_port(P) -> true;
        {ref, R} when is_reference(R) -> true;
        {pid, P} when is_pid(P) -> true;
        _ -> {false, Term}
    end;
same(mkfun, F) -> is_function(F, 1) andalso F(1) =:= 11;
same(Name, Term) ->
    case ?MODULE:Name() of
        Term -> true;
        Expected -> {false, Expected, Term}
    end.

%% gen_server:call to the C# node's rex, as Swarm's which_applications rpc does; printed for the test.
call_us(Us) ->
    R = gen_server:call({rex, Us}, {call, application, which_applications, [], user}, 5000),
    io:format("CALL_US ~0p~n", [R]),
    R.

%% rpc:call to the C# node (erpc first; OTP 25 answers {badrpc, notsup} without SPAWN).
rpc_us(Us) ->
    R = rpc:call(Us, application, which_applications, [], 5000),
    io:format("RPC_US ~0p~n", [R]),
    R.

%% The C-node form: {Pid, {call, M, F, A, GL}} answered with {rex, Result}.
cnode_rex_us(Us) ->
    {rex, Us} ! {self(), {call, erlang, node, [], user}},
    receive {rex, R} -> R after 5000 -> timeout end.

%% A process that monitors Target (a {Name, Node} or a pid) and prints the DOWN it gets.
watch(Tag, Target) ->
    Parent = self(),
    spawn(fun() ->
        Ref = erlang:monitor(process, Target),
        Parent ! {monitoring, Ref},
        receive {'DOWN', Ref, process, _, Reason} -> io:format("WATCH_DOWN ~s ~0p~n", [Tag, Reason])
        after 60000 -> io:format("WATCH_DOWN ~s none~n", [Tag])
        end
    end),
    receive {monitoring, _} -> ok end.

%% A process trapping exits that links to Pid (one of ours) and prints the exit it gets.
link_watch(Tag, Pid) ->
    Parent = self(),
    spawn(fun() ->
        process_flag(trap_exit, true),
        link(Pid),
        Parent ! linked,
        receive {'EXIT', Pid, Reason} -> io:format("LINK_EXIT ~s ~0p~n", [Tag, Reason])
        after 60000 -> io:format("LINK_EXIT ~s none~n", [Tag])
        end
    end),
    receive linked -> ok end.

%% Links to Pid and unlinks again (UNLINK_ID, which the C# node must ack); then waits for an
%% exit that must not come, printing what happened after Ms.
link_unlink(Tag, Pid) ->
    Parent = self(),
    spawn(fun() ->
        process_flag(trap_exit, true),
        link(Pid),
        unlink(Pid),
        Parent ! unlinked,
        receive {'EXIT', Pid, Reason} -> io:format("UNLINKED_EXIT ~s ~0p~n", [Tag, Reason])
        after 3000 -> io:format("UNLINKED_EXIT ~s none~n", [Tag])
        end
    end),
    receive unlinked -> ok end.

sleep(Ms) -> timer:sleep(Ms), slept.

%% The native baseline: Callers processes doing gen_server:call(Server, Request) for Ms
%% milliseconds; returns the number of completed calls.
bench_callers(Server, Request, Callers, Ms) ->
    Parent = self(),
    Deadline = erlang:monotonic_time(millisecond) + Ms,
    Pids = [spawn_link(fun() -> Parent ! {done, self(), bench_loop(Server, Request, Deadline, 0)} end)
            || _ <- lists:seq(1, Callers)],
    lists:sum([receive {done, P, N} -> N end || P <- Pids]).

bench_loop(Server, Request, Deadline, N) ->
    case erlang:monotonic_time(millisecond) < Deadline of
        true -> gen_server:call(Server, Request), bench_loop(Server, Request, Deadline, N + 1);
        false -> N
    end.
