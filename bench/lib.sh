# Helpers shared by the benchmark scripts (sourced, not run).

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

wait_for() { # URL: until it answers 200, at most 20 s
  for _ in $(seq 200); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" == 200 ]] && return 0
    sleep 0.1
  done
  return 1
}

stop_pids() { # PID...: wait up to 5 s for each to end, then kill it
  for pid in "$@"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

wrk_value() { # FILE WHAT: a figure from wrk --latency output
  case $2 in
    rps) awk '/^Requests\/sec:/ { print $2 }' "$1" ;;
    p50) awk '$1 == "50%" { print $2 }' "$1" ;;
    p99) awk '$1 == "99%" { print $2 }' "$1" ;;
    requests) awk '/requests in/ { print $1 }' "$1" ;;
    errors) awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$1" ;;
  esac
}

write_nginx_conf() { # WORK PORT: nginx serving WORK/www on 127.0.0.1:PORT, its files under WORK/nginx
  local work=$1 port=$2
  mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    types { }
    default_type application/json;
    server {
        listen 127.0.0.1:$port;
        root $work/www;
    }
}
EOF
}
