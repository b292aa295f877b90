# Shared by the interop scripts and bench/: start and stop the servers under test on loopback.
# Source it; every start_* function prints nothing on success, sets SERVER_PID and waits until the
# server answers HTTP. stop_servers kills everything started here (also on EXIT via trap).

STARTED_PIDS=()

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# The default wait only guards against a server that never comes up: on a loaded CI machine (2 cores,
# load 40) a start-up that takes 2 s alone can take a minute or more.
wait_http() { # url [seconds]
  local url="$1" deadline=$((SECONDS + ${2:-180}))
  while ((SECONDS < deadline)); do
    curl -s -o /dev/null -m 2 "$url" && return 0
    sleep 0.2
  done
  echo "server at $url did not come up" >&2; return 1
}

stop_servers() {
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${STARTED_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  STARTED_PIDS=()
}

# Radicale 3.1.8 (Debian) with one htpasswd user. Args: port dir user password
start_radicale() {
  local port="$1" dir="$2" user="$3" password="$4"
  mkdir -p "$dir/collections"
  printf '%s:%s\n' "$user" "$password" > "$dir/users"
  cat > "$dir/config" <<CONF
[server]
hosts = 127.0.0.1:$port
[auth]
type = htpasswd
htpasswd_filename = $dir/users
htpasswd_encryption = plain
[storage]
filesystem_folder = $dir/collections
[logging]
level = warning
CONF
  /usr/bin/python3 -m radicale --config "$dir/config" > "$dir/log" 2>&1 &
  SERVER_PID=$!; STARTED_PIDS+=("$SERVER_PID")
  wait_http "http://127.0.0.1:$port/"
}

# Xandikos 0.2.8 (Debian), no authentication (it has none of its own). Args: port dir
start_xandikos() {
  local port="$1" dir="$2"
  mkdir -p "$dir"
  /usr/bin/python3 -m xandikos.web --defaults -d "$dir" -l 127.0.0.1 -p "$port" > "$dir/log" 2>&1 &
  SERVER_PID=$!; STARTED_PIDS+=("$SERVER_PID")
  wait_http "http://127.0.0.1:$port/"
}

# AuroraTime from its Release build (aurora user add, then aurora serve on the folder). Args: port dir user password
start_aurora() {
  local port="$1" dir="$2" user="$3" password="$4"
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
  # AURORA_BIN: another build of aurora (bench/peers/run.sh passes the Native AOT one).
  local bin="${AURORA_BIN:-$root/src/Server/bin/Release/net10.0/aurora}"
  [ -x "$bin" ] || dotnet build "$root/src/Server" -c Release -nologo -v q >/dev/null || return 1
  mkdir -p "$dir"
  printf '%s' "$password" | "$bin" user add "$user" --password-stdin --data "$dir" > "$dir/setup.log" 2>&1 || { cat "$dir/setup.log"; return 1; }
  "$bin" serve --urls "http://127.0.0.1:$port" --data "$dir" > "$dir/log" 2>&1 &
  SERVER_PID=$!; STARTED_PIDS+=("$SERVER_PID")
  wait_http "http://127.0.0.1:$port/healthz"
}
