# The fixed upstream: nginx on loopback answering every endpoint with a canned body, so what is measured
# is the proxy in front of it. Sourced by bench/run.

# nginx_quote FILE: the file's bytes as an nginx single-quoted string (backslashes and quotes escaped;
# newlines are kept literally, which nginx preserves inside quotes).
nginx_quote() {
  local s
  s=$(cat "$1"; printf x); s=${s%x}   # keeps trailing newlines
  s=${s//\\/\\\\}
  s=${s//\'/\\\'}
  printf "'%s'" "$s"
}

# sse_events FILE [GAP]: echo-module directives sending the events of FILE, one directive per event
# (nginx caps a quoted string at 4 KB). With GAP, each event is flushed on its own and followed by a
# GAP-second pause: used to check that a proxy relays events one by one instead of batching them.
sse_events() {
  local file=$1 gap=${2:-} event="" line pause=""
  [ -n "$gap" ] && pause=" echo_flush; echo_sleep $gap;"
  while IFS= read -r line || [ -n "$line" ]; do
    if [ -z "$line" ]; then
      [ -n "$event" ] && printf "      echo -n %s;%s\n" "$(nginx_quote <(printf '%s\n\n' "$event"))" "$pause"
      event=""
    else
      event=${event:+$event$'\n'}$line
    fi
  done <"$file"
}

# write_nginx_conf DIR PORT FIXTURES: writes DIR/nginx.conf.
#   /v1/chat/completions          OpenAI chat.completion (JSON)
#   /v1/messages                  Anthropic message (JSON)
#   /stream/v1/chat/completions   OpenAI SSE stream of 20 events, in one write
#   /trickle/v1/chat/completions  the same 20 events, 20 ms apart
#   /slow/v1/chat/completions     the chat.completion after 1 s
write_nginx_conf() {
  local dir=$1 port=$2 fx=$3 modules=/usr/lib/nginx/modules
  [ -f "$modules/ngx_http_echo_module.so" ] || modules=/usr/share/nginx/modules
  mkdir -p "$dir/nginx-tmp"
  cat >"$dir/nginx.conf" <<CONF
load_module $modules/ngx_http_echo_module.so;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
daemon on;
worker_rlimit_nofile 65536;
events { worker_connections 16384; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  client_max_body_size 4m;
  client_body_buffer_size 64k;
  client_body_temp_path $dir/nginx-tmp/body;
  proxy_temp_path $dir/nginx-tmp/proxy;
  fastcgi_temp_path $dir/nginx-tmp/fastcgi;
  uwsgi_temp_path $dir/nginx-tmp/uwsgi;
  scgi_temp_path $dir/nginx-tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    default_type application/json;
    location = /v1/chat/completions { return 200 $(nginx_quote "$fx/openai-response.json"); }
    location = /v1/messages { return 200 $(nginx_quote "$fx/anthropic-response.json"); }
    location = /stream/v1/chat/completions {
      default_type text/event-stream;
$(sse_events "$fx/openai-stream.sse")
    }
    location = /trickle/v1/chat/completions {
      default_type text/event-stream;
$(sse_events "$fx/openai-stream.sse" 0.02)
    }
    location = /slow/v1/chat/completions {
      echo_sleep 1;
      echo -n $(nginx_quote "$fx/openai-response.json");
    }
    location = /healthz { return 200 'ok'; }
  }
}
CONF
}
