%% A stock gen_server for distribution tests (reference erlang-distribution.md 8.3), startable
%% under any name so that tests sharing a node do not disturb each other.
-module(echo_server).
-behaviour(gen_server).
-export([start/0, start/1, init/1, handle_call/3, handle_cast/2, handle_info/2]).

%% start, not start_link: the -eval or rex process that starts it exits right after.
start() -> start(?MODULE).
start(Name) -> gen_server:start({local, Name}, ?MODULE, [], []).

init([]) -> {ok, #{}}.

handle_call({echo, X}, _From, S) -> {reply, {ok, X}, S};
handle_call(get_state, _From, S) -> {reply, S, S};
handle_call(stop, _From, S)      -> {stop, normal, stopped, S};
handle_call({sleep, Ms}, _From, S) -> timer:sleep(Ms), {reply, slept, S};
%% Answers only once the test sends {release, Tag}: a reply that is late by construction, not by a timer.
handle_call({hold, Tag}, _From, S) -> receive {release, Tag} -> {reply, released, S} end;
handle_call(_Other, _From, S)    -> {reply, {error, unknown_call}, S}.

handle_cast({put, K, V}, S) -> {noreply, S#{K => V}};
handle_cast(_Other, S)      -> {noreply, S}.

handle_info(_Msg, S) -> {noreply, S}.
