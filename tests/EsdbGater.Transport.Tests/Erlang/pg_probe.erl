%% A stand-in for the pg side of an ExESDB node, for the transport's pg peer tests: the
%% 'Elixir.Phoenix.PubSub' scope that Phoenix.PubSub starts, emitters that join
%% {Store, SubTopic, emitters}, and the PG2 adapter's forward_to_local broadcast.
-module(pg_probe).
-export([start/0, scope/0, members/0, broadcast/2, start_emitter/2, stop_emitter/1, stop_scope/0]).

-define(SCOPE, 'Elixir.Phoenix.PubSub').
-define(GROUP, 'Elixir.ex_esdb_events.Adapter').

start() ->
    {ok, _} = pg:start(?SCOPE),
    ok.

scope() -> whereis(?SCOPE).

members() -> pg:get_members(?SCOPE, ?GROUP).

%% What Phoenix.PubSub.PG2 does for a broadcast: one message per remote member.
broadcast(Topic, Records) ->
    Remote = [P || P <- pg:get_members(?SCOPE, ?GROUP), node(P) =/= node()],
    [P ! {forward_to_local, Topic, {events, Records}, 'Elixir.Phoenix.PubSub'} || P <- Remote],
    length(Remote).

start_emitter(Store, SubTopic) ->
    Pid = spawn(fun() -> receive stop -> ok end end),
    ok = pg:join(?SCOPE, {Store, SubTopic, emitters}, Pid),
    Pid.

stop_emitter(Pid) ->
    Pid ! stop,
    ok.

stop_scope() -> gen_server:stop(?SCOPE).
