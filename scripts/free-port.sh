#!/usr/bin/env bash
# Prints a TCP port on 127.0.0.1 that nothing listens on now.
# Usage: scripts/free-port.sh
set -euo pipefail
for _ in $(seq 100); do
  port=$((20000 + RANDOM % 30000))
  # bash's /dev/tcp connects; a refused connection means the port is free.
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "$port"
    exit 0
  fi
done
echo "free-port: no free port found in 100 tries" >&2
exit 1
