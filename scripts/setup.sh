#!/usr/bin/env bash
# Installs what the tests and the quick start need on a Debian 12 machine that has the .NET SDK.
# Idempotent and quiet on success: safe to run before every test run (scripts/test.sh does).
#
# - Debian packages (apt-get update runs only when something is missing). rabbitmq-server is
#   always installed, even where a Docker engine exists: the broker fixture's own tests and
#   scripts/run.sh without Docker use it. Installing Debian's package also starts a system
#   broker (5672, EPMD 4369); this script leaves that service alone and nothing of ours uses
#   it: tests start their own brokers and BEAM nodes on private loopback ports.
# - The Debian 13 root with Erlang/OTP 27 + Elixir 1.18 (scripts/otp27-root.sh; minutes on
#   the first run, cached afterwards).
# - The development ExESDB node (compose/exesdb-dev) compiled.
#
# Needs root (or sudo) only when packages are missing or the OTP 27 root is not built yet.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Base packages: the BEAM runtime (the dev ExESDB node, test peers, RabbitMQ), the broker,
# debootstrap for the OTP 27 root, and the tools scripts and fixtures call (ip, ss, openssl, ps).
PACKAGES=(
  erlang-base erlang-crypto erlang-mnesia erlang-ssl erlang-public-key erlang-runtime-tools
  elixir
  rabbitmq-server
  debootstrap
  iproute2 openssl procps
)

# ---------------------------------------------------------------------------------------------
# Packages requested by the other parts of the project. Add one line per package with who needs
# it and why; keep the list small (every package costs CI time on a fresh machine).
EXTRA_PACKAGES=(
  # (none yet)
)
# ---------------------------------------------------------------------------------------------

log="$(mktemp -t esdbgater-setup.XXXXXX)"
trap 'rm -f "$log"' EXIT

# Runs a step with its output kept aside; shows it only when the step fails.
quietly() {
  local what="$1"; shift
  if ! "$@" >"$log" 2>&1; then
    echo "setup: $what failed:" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
}

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n "$@"
  else echo "setup: '$*' needs root (no sudo found)" >&2; return 1
  fi
}

install_missing_packages() {
  local wanted=("${PACKAGES[@]}" "${EXTRA_PACKAGES[@]}") missing=() pkg status
  for pkg in "${wanted[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "setup: installing ${missing[*]}"
  quietly "apt-get update" as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  quietly "apt-get install" as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build_otp27_root() {
  local script="$repo/scripts/otp27-root.sh"
  [[ -f "$script" ]] || return 0
  [[ -x "${ESDBGATER_OTP27_ROOT:-/var/cache/esdbgater/otp27-root}/usr/bin/erl" ]] ||
    echo "setup: building the Debian 13 root with OTP 27 (first run only: a few minutes)"
  quietly "the OTP 27 root (scripts/otp27-root.sh)" as_root bash "$script"
}

compile_dev_node() {
  local node="$repo/compose/exesdb-dev"
  if [[ -x "$node/bin/compile" ]]; then
    quietly "compiling the dev ExESDB node (bin/compile --runtime host)" "$node/bin/compile" --runtime host
    if [[ -x "${ESDBGATER_OTP27_ROOT:-/var/cache/esdbgater/otp27-root}/usr/bin/mix" ]]; then
      quietly "compiling the dev ExESDB node (bin/compile --runtime otp27)" as_root "$node/bin/compile" --runtime otp27
    fi
  elif [[ -f "$node/mix.exs" ]]; then
    quietly "compiling the dev ExESDB node (mix compile)" env -C "$node" MIX_ENV=dev mix compile
  fi
}

install_missing_packages
build_otp27_root
compile_dev_node
