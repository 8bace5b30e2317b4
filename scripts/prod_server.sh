#!/usr/bin/env bash
# prod_server.sh start|stop CONFIG PIDFILE
# Starts Odoo with the production profile's CONFIG in the background (log: its logfile)
# and waits until it serves its login page; or stops it. The one place both `make
# prod-start`/`prod-stop` and scripts/prod_update.py start and stop the server.
set -euo pipefail
cd "$(dirname "$0")/.."
action="$1" config="$2" pidfile="$3"
running() { [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
case "$action" in
start)
    scripts/install_debian_package.sh curl curl
    if running; then echo "qnetz (production) already runs, pid $(cat "$pidfile")"; exit 0; fi
    port="$(sed -n 's/^http_port *= *//p' "$config")"
    setsid nohup .venv/bin/python scripts/odoo -c "$config" --pidfile="$pidfile" \
        >/dev/null 2>&1 < /dev/null &
    for _ in $(seq 1 180); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/web/login" && break
        sleep 1
    done
    curl -sf -o /dev/null "http://127.0.0.1:$port/web/login" \
        || { echo "error: Odoo did not answer on port $port; see its log." >&2; exit 1; }
    echo "qnetz (production) runs on port $port behind nginx."
    ;;
stop)
    if running; then
        kill "$(cat "$pidfile")"
        for _ in $(seq 1 30); do running || break; sleep 1; done
        if running; then kill -9 "$(cat "$pidfile")"; sleep 1; fi
        echo "qnetz (production) stopped."
    else
        echo "qnetz (production) does not run."
    fi
    rm -f "$pidfile"
    ;;
*)
    echo "usage: prod_server.sh start|stop CONFIG PIDFILE" >&2; exit 2 ;;
esac
