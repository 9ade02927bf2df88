# Shared by the benchmarks that compare gezicht with nginx serving the same
# bytes as a static file: a work folder cleaned up on exit, the server
# started on a free port, nginx on a folder, and wrk's figures as one line.
# Source it with the script's arguments after setting the default `households`;
# it reads --households, --duration and --connections, installs and builds
# what is missing, and sets `work` (and `base` with start_gezicht).

duration=15
connections=64
while (($#)); do
  case "$1" in
    --households) households="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh --with-test-tools >/dev/null
[[ -x build/gezicht ]] || scripts/build.sh -DGEZICHT_BUILD_TESTS=OFF >/dev/null

work=$(mktemp -d /tmp/gezicht-bench.XXXXXX)
chmod 755 "$work"
server_pid=""
nginx_conf="$work/nginx.conf"
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && nginx -c "$nginx_conf" -s stop 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_gezicht() {  # db -> sets base
  build/gezicht serve --db "$1" --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.log" &
  server_pid=$!
  for _ in $(seq 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
  base=$(sed -E 's/listening on //' "$work/serve.out" | head -1)
}

start_nginx() {  # default content type -> serves $work/www, sets nginx_port
  nginx_port=$((20000 + RANDOM % 12000))  # below the ephemeral range (32768 and up)
  mkdir -p "$work/tmp"
  cat > "$nginx_conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { root $work/www; default_type $1; }
  }
}
CONF
  nginx -c "$nginx_conf"
}

run_wrk() {  # name url -> "name rps p50 p99"
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$2" > "$work/wrk.txt"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $4}' "$work/wrk.txt")
  printf "%-34s %12s %10s %10s %s\n" "$1" "$rps" "$p50" "$p99" "${non2xx:+($non2xx non-2xx!)}"
}

print_machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
}
