#!/usr/bin/env bash
# The quick start: a working local topology and a visible round trip.
#
#   1. RabbitMQ: a container when a Docker engine answers, else Debian's rabbitmq-server as a
#      child process (own EPMD, node name, cookie, state directory), both on 127.0.0.1 and a
#      free port; RABBITMQ_URL skips this and uses that broker.
#   2. Three development ExESDB nodes (compose/exesdb-dev) clustered over Erlang distribution
#      on 127.0.0.1, sharing one private EPMD.
#   3. The gateway host (host/EsdbGater.Host) with static discovery of the three nodes.
#   4. The demo client (samples/EsdbGater.Demo): appends events through the gateway and reads
#      them back, printing both.
#
# Usage: bash scripts/run.sh [--stay]
#   --stay   keep everything running after the round trip until Ctrl-C.
# Every process is stopped by its PID when the script ends, fails or is interrupted; state
# lives in a temporary directory that is deleted (ESDBGATER_RUN_DIR keeps it somewhere fixed).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

stay=0
for arg in "$@"; do
  case "$arg" in
    --stay) stay=1 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
configuration="${CONFIGURATION:-Release}"

bash scripts/setup.sh

keep_state=0
if [[ -n "${ESDBGATER_RUN_DIR:-}" ]]; then
  state="$ESDBGATER_RUN_DIR"; keep_state=1; mkdir -p "$state"
else
  state="$(mktemp -d -t esdbgater-run.XXXXXX)"
fi
chmod 700 "$state"

pids=()        # started processes, stopped in reverse order
container=""   # the RabbitMQ container, when Docker runs the broker

say() { printf '[run] %s\n' "$*"; }

stop_pid() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  ((${#pids[@]})) && say "stopping ${#pids[@]} processes"
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
  wait 2>/dev/null || true
  [[ -n "$container" ]] && docker rm -f "$container" >/dev/null 2>&1 || true
  if ((keep_state)); then say "state kept in $state"; else rm -rf "$state"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# free_port VAR: sets VAR to a loopback port nothing listens on, from a per-run range
# (a variable, not output: $(...) would run in a subshell and hand out the same port twice).
next_port=$((20000 + RANDOM % 20000))
free_port() {
  while ss -Htln "sport = :$next_port" | grep -q .; do next_port=$((next_port + 1)); done
  printf -v "$1" '%s' "$next_port"
  next_port=$((next_port + 1))
}

# Waits until FILE has a line matching PATTERN while PID lives; prints the line.
wait_for_line() {
  local file="$1" pattern="$2" pid="$3" what="$4" timeout="${5:-60}" line
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if line="$(grep -m 1 -E "$pattern" "$file" 2>/dev/null)"; then
      echo "$line"
      return 0
    fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      say "$what exited during start; its output:" >&2
      tail -n 40 "$file" >&2
      return 1
    fi
    sleep 0.2
  done
  say "$what was not ready within ${timeout}s; its output:" >&2
  tail -n 40 "$file" >&2
  return 1
}

docker_answers() {
  command -v docker >/dev/null && timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# 1. RabbitMQ -----------------------------------------------------------------------------------
amqp_user=esdbgater
amqp_password="$(openssl rand -hex 16)"
if [[ -n "${RABBITMQ_URL:-}" ]]; then
  amqp_url="$RABBITMQ_URL"
  say "RabbitMQ: the broker of RABBITMQ_URL"
elif docker_answers; then
  free_port amqp_port
  printf 'RABBITMQ_DEFAULT_USER=%s\nRABBITMQ_DEFAULT_PASS=%s\n' "$amqp_user" "$amqp_password" >"$state/rabbitmq.env"
  container="esdbgater-run-$$"
  docker run -d --rm --name "$container" --env-file "$state/rabbitmq.env" \
    -p "127.0.0.1:$amqp_port:5672" rabbitmq:3.13-alpine >/dev/null
  deadline=$((SECONDS + 120))
  until docker logs "$container" 2>&1 | grep -q 'Server startup complete'; do
    ((SECONDS < deadline)) || { say "RabbitMQ container not ready in 120s"; docker logs "$container" | tail -n 40; exit 1; }
    sleep 0.5
  done
  amqp_url="amqp://$amqp_user:$amqp_password@127.0.0.1:$amqp_port/"
  say "RabbitMQ: container $container on 127.0.0.1:$amqp_port"
else
  rmq="$state/rabbitmq"
  mkdir -p "$rmq"
  free_port amqp_port
  free_port rmq_epmd_port
  rmq_node="rabbit-run-$$@localhost"
  cat >"$rmq/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp_port
default_user = $amqp_user
default_pass = $amqp_password
log.console = true
log.console.level = warning
log.file.level = info
EOF
  echo '[].' >"$rmq/enabled_plugins"
  : >"$rmq/rabbitmq-env.conf"
  epmd -port "$rmq_epmd_port" -address 127.0.0.1 >"$rmq/epmd.out" 2>&1 </dev/null &
  pids+=($!)
  # See tests/EsdbGater.TestKit/RabbitMq/LocalRabbitMqBroker.cs for why each variable is set.
  free_port rmq_dist_port
  env -u ERL_LIBS -u ERL_FLAGS -u ERL_AFLAGS -u ERL_ZFLAGS \
    HOME="$rmq" ERL_EPMD_PORT="$rmq_epmd_port" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_NODENAME="$rmq_node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$amqp_port" RABBITMQ_DIST_PORT="$rmq_dist_port" \
    RABBITMQ_CONFIG_FILE="$rmq/rabbitmq.conf" RABBITMQ_ADVANCED_CONFIG_FILE="$rmq/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$rmq/rabbitmq-env.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$rmq/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$rmq/mnesia" RABBITMQ_LOG_BASE="$rmq/log" RABBITMQ_PLUGINS_EXPAND_DIR="$rmq/plugins-expand" \
    RABBITMQ_ALLOW_INPUT=1 RABBITMQ_SCHEDULER_BIND_TYPE=u \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-noinput -kernel inet_dist_use_interface {127,0,0,1}" \
    /usr/lib/rabbitmq/bin/rabbitmq-server >"$rmq/rabbitmq.out" 2>&1 </dev/null &
  rmq_pid=$!
  pids+=("$rmq_pid")
  wait_for_line "$rmq/log/$rmq_node.log" 'Server startup complete' "$rmq_pid" "rabbitmq-server" 90 >/dev/null
  amqp_url="amqp://$amqp_user:$amqp_password@127.0.0.1:$amqp_port/"
  say "RabbitMQ: local rabbitmq-server (pid $rmq_pid) on 127.0.0.1:$amqp_port"
fi

# 2. Three development ExESDB nodes ----------------------------------------------------------------
dev_node_bin="compose/exesdb-dev/bin/exesdb-dev"
[[ -x "$dev_node_bin" ]] || { say "$dev_node_bin is missing: the development node is not built into this tree"; exit 1; }
export EX_ESDB_COOKIE
EX_ESDB_COOKIE="$(openssl rand -hex 16)"   # shared by the nodes and the gateway; never printed
free_port beam_epmd_port
epmd -port "$beam_epmd_port" -address 127.0.0.1 >"$state/epmd.out" 2>&1 </dev/null &
pids+=($!)
nodes=(exesdb1@localhost exesdb2@localhost exesdb3@localhost)
declare -A node_pids=()
for node in "${nodes[@]}"; do
  alive="${node%@*}"
  peers="$(printf '%s\n' "${nodes[@]}" | grep -v -x "$node" | paste -sd, -)"
  mkdir -p "$state/$alive"
  free_port dist_port
  "$dev_node_bin" --sname "$node" --epmd-port "$beam_epmd_port" --dist-port "$dist_port" \
    --data-dir "$state/$alive/data" --peers "$peers" >"$state/$alive/out.log" 2>&1 </dev/null &
  pids+=($!)
  node_pids["$alive"]=$!
done
for node in "${nodes[@]}"; do
  alive="${node%@*}"
  ready="$(wait_for_line "$state/$alive/out.log" '^exesdb_dev ready' "${node_pids[$alive]}" "$node" 90)"
  # The node's own OS pid, in case the launcher does not exec into the VM.
  os_pid="$(sed -n 's/.* os_pid=\([0-9]*\).*/\1/p' <<<"$ready")"
  [[ -n "$os_pid" && "$os_pid" != "${node_pids[$alive]}" ]] && pids+=("$os_pid")
  say "ExESDB dev node $node ready (pid ${os_pid:-${node_pids[$alive]}})"
done

# 3. The gateway ---------------------------------------------------------------------------------
# The gateway gets (see README "Configuration"):
#   RABBITMQ_URL               the broker (secret: holds the password)
#   EX_ESDB_COOKIE             the cluster's cookie (exported above)
#   EX_ESDB_GATER_CONNECT_TO   the nodes, comma-separated (static discovery, the default plugin)
#   ERL_EPMD_PORT              the EPMD the nodes registered with (127.0.0.1)
#   Gateway__Stores__0         the store the dev nodes serve
#   EX_ESDB_GATER_HTTP_URL     its health and metrics endpoint, on 127.0.0.1 and a free port
gateway_project=host/EsdbGater.Host
connect_to="$(IFS=,; echo "${nodes[*]}")"
mkdir -p "$state/gateway"
if ! dotnet build "$gateway_project" -c "$configuration" -nologo -v quiet >"$state/gateway/build.log" 2>&1 </dev/null; then
  say "building $gateway_project failed:"; tail -n 40 "$state/gateway/build.log"; exit 1
fi
gateway_bin="$gateway_project/bin/$configuration/net10.0"
free_port http_port
# Started from its output folder (appsettings.json and plugins/ are there), exec'd so that the
# PID we stop is the gateway's own.
(cd "$gateway_bin" && RABBITMQ_URL="$amqp_url" EX_ESDB_GATER_CONNECT_TO="$connect_to" \
  ERL_EPMD_PORT="$beam_epmd_port" Gateway__Stores__0=reg_gh EX_ESDB_GATER_HTTP_URL="http://127.0.0.1:$http_port" \
  exec dotnet EsdbGater.Host.dll) >"$state/gateway/out.log" 2>&1 </dev/null &
gateway_pid=$!
pids+=("$gateway_pid")
# The host logs "EsdbGater ready" once its bus has started (Hosting/ReadinessReporter.cs).
wait_for_line "$state/gateway/out.log" "${ESDBGATER_GATEWAY_READY_PATTERN:-EsdbGater ready}" "$gateway_pid" "the gateway" 120 >/dev/null
say "gateway ready (pid $gateway_pid), discovering $connect_to"
say "health http://127.0.0.1:$http_port/health/ready, metrics http://127.0.0.1:$http_port/metrics"

# 4. The round trip ---------------------------------------------------------------------------------
# samples/EsdbGater.Demo waits until the gateway serves reg_gh, appends three events to a new
# stream, reads them back and prints both, then shows a WrongExpectedVersion; it reads
# RABBITMQ_URL (and DEMO_STORE) and exits non-zero on any error.
demo_project=samples/EsdbGater.Demo
if [[ -d "$demo_project" ]]; then
  RABBITMQ_URL="$amqp_url" dotnet run --project "$demo_project" -c "$configuration" </dev/null
else
  say "$demo_project does not exist yet: no round trip to show"
  exit 1
fi

if ((stay)); then
  say "running; logs in $state; Ctrl-C stops everything"
  wait "$gateway_pid"
fi
