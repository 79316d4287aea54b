%% The watchdog every BEAM node of the test kit runs, started with `-s esdbgater_lifeline`.
%%
%% The test process starts each node with standard input connected to a pipe that only the
%% test process holds and never writes. When the test process ends, however it ends (SIGKILL, a
%% native crash, a runner's hang timeout), the kernel closes that pipe; the read below then
%% returns eof and the node halts instead of outliving the test run with its ports.
%%
%% `-noshell` still reads standard input (through the `user` I/O server, on OTP 25 and 27 alike),
%% and a pending read does not hold back the node's output. Under `-noinput` the read never
%% returns, and the test kit's external watcher is the node's only net.
-module(esdbgater_lifeline).
-export([start/0]).

start() ->
    _ = spawn(fun watch/0),
    ok.

watch() ->
    case io:get_line('') of
        eof -> halt_on_eof();
        %% The I/O server itself went away: the node is shutting down already, let it finish.
        {error, _} -> ok;
        _Line -> watch()
    end.

halt_on_eof() ->
    %% Best effort: with the test process gone nobody reads this, and the write may fail.
    catch io:format("esdbgater_lifeline: standard input closed, halting~n"),
    erlang:halt(0).
