#!/usr/bin/env bash
# Builds the Debian 13 (trixie) root that tests use to run Erlang/OTP 27 and Elixir 1.18 under
# chroot, next to the host's Debian 12 OTP 25. Idempotent: an existing root with usr/bin/erl is
# kept. The root is built in a temporary directory and renamed into place only when complete, so
# a half-built root is never used.
#
# Usage: sudo scripts/otp27-root.sh            (root: ${ESDBGATER_OTP27_ROOT:-/var/cache/esdbgater/otp27-root})
# Needs: debootstrap, network access to deb.debian.org, root privileges.
#
# No mounts are needed: BEAM runs without /proc, debootstrap creates the /dev nodes it needs
# (null, zero, random, urandom), and the chroot shares the host's network namespace (loopback).
set -euo pipefail

ROOT="${ESDBGATER_OTP27_ROOT:-/var/cache/esdbgater/otp27-root}"
MIRROR="${ESDBGATER_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=trixie
PACKAGES=(
  erlang-base erlang-crypto erlang-mnesia erlang-ssl erlang-public-key erlang-asn1
  erlang-runtime-tools erlang-inets erlang-syntax-tools erlang-parsetools erlang-tools
  erlang-eunit erlang-xmerl erlang-os-mon erlang-dev
  elixir ca-certificates
)

copy_host_files() {
  local target="$1"
  # Name resolution for -sname/-name inside the root: the same hosts and resolver as the host.
  cp /etc/hosts "$target/etc/hosts"
  cp /etc/resolv.conf "$target/etc/resolv.conf" 2>/dev/null || true
  hostname > "$target/etc/hostname" 2>/dev/null || true
}

if [[ -x "$ROOT/usr/bin/erl" ]]; then
  # Keep the host's name resolution current (the hostname may differ on this machine).
  copy_host_files "$ROOT"
  echo "otp27-root: $ROOT already built"
  exit 0
fi

if [[ $EUID -ne 0 ]]; then
  echo "otp27-root: must run as root (debootstrap, chroot)" >&2
  exit 1
fi

command -v debootstrap >/dev/null || { echo "otp27-root: debootstrap is not installed" >&2; exit 1; }

parent="$(dirname "$ROOT")"
mkdir -p "$parent"
# Serialise concurrent runs (several test projects may ask for the root at once).
exec 9>"$parent/.otp27-root.lock"
flock 9
if [[ -x "$ROOT/usr/bin/erl" ]]; then
  echo "otp27-root: $ROOT built by a concurrent run"
  exit 0
fi
# A directory without usr/bin/erl is not a root we made; never use or rename onto it.
if [[ -e "$ROOT" ]]; then
  echo "otp27-root: removing incomplete $ROOT"
  rm -rf --one-file-system "$ROOT"
fi
work="$(mktemp -d "$parent/.otp27-root.XXXXXX")"
# An if, not `[[ ]] && rm`: the trap's last status becomes the script's exit status, and a
# successful build (work="") must exit 0.
cleanup() { if [[ -n "${work:-}" && -d "$work" ]]; then rm -rf --one-file-system "$work"; fi; }
trap cleanup EXIT

echo "otp27-root: debootstrap $SUITE into $work (takes a few minutes)"
include="$(IFS=,; echo "${PACKAGES[*]}")"
debootstrap --variant=minbase --include="$include" "$SUITE" "$work" "$MIRROR"

copy_host_files "$work"
# Save space: package caches are not needed to run.
rm -rf "$work/var/cache/apt/archives/"*.deb "$work/var/lib/apt/lists/"* || true

# Smoke test: OTP 27 starts and can reach distribution (no EPMD needed for this check).
chroot "$work" /usr/bin/erl -noshell -eval \
  'io:format("otp ~s~n", [erlang:system_info(otp_release)]), halt().'
chroot "$work" /usr/bin/elixir --version | tail -1

mv -T "$work" "$ROOT"
work=""
echo "otp27-root: ready at $ROOT"
