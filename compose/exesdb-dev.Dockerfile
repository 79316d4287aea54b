# The development ExESDB node (compose/exesdb-dev) on Debian 13's Erlang/OTP 27 and Elixir 1.18,
# the versions real ExESDB images run. Build context: compose/ (see docker-compose.yml).
FROM debian:trixie-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      erlang-base erlang-crypto erlang-mnesia erlang-ssl erlang-public-key erlang-asn1 \
      erlang-runtime-tools erlang-inets erlang-syntax-tools erlang-parsetools erlang-tools \
      erlang-os-mon elixir procps \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/exesdb-dev
ENV HOME=/tmp/exesdb-dev-home MIX_ENV=dev
COPY exesdb-dev/mix.exs ./
COPY exesdb-dev/lib ./lib
COPY exesdb-dev/bin ./bin
RUN mkdir -p -m 700 "$HOME" && mix compile

# EPMD and distribution listen on the container's network, not only on its loopback.
ENV ERL_EPMD_ADDRESS=0.0.0.0
EXPOSE 4369 9100
# The node registers with an EPMD that must already run; the node is PID 1's exec'd child.
ENTRYPOINT ["/bin/sh", "-c", "epmd -daemon && exec /opt/exesdb-dev/bin/exesdb-dev \"$@\"", "exesdb-dev"]
