# A throwaway PostgreSQL cluster for the tests; sourced by ./dev.
# pg_cluster_start: finds (or installs) PostgreSQL, initdb's a cluster in a temporary
# folder, starts it on 127.0.0.1 on a free port and exports LSP_TEST_PG_URL.
# The folder is in memory (/dev/shm) where that is a writable RAM folder with room to spare,
# else under /tmp (PG_TEST_ROOT=DIR chooses): on a disk, each CREATE DATABASE of the tests
# makes ~2,500 files, which took 0.4 s a database here; in memory 0.02 s.
# pg_cluster_stop: stops it with its own pg_ctl and removes the folder.
# initdb refuses to run as root, so as root the cluster runs as "nobody".

pg_bindir() {
    local d
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir; return 0; fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    return 1
}

pg_free_port() {
    "$1" - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

_pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        if command -v runuser >/dev/null; then runuser -u nobody -- "$@"
        else su -s /bin/sh nobody -c "$(printf '%q ' "$@")"; fi
    else "$@"; fi
}

pg_test_root() {   # where the cluster's folder goes
    local free_kb
    if [ -n "${PG_TEST_ROOT:-}" ]; then echo "$PG_TEST_ROOT"; return 0; fi
    if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
        free_kb=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $4}')
        if [ "${free_kb:-0}" -ge 2097152 ]; then echo /dev/shm; return 0; fi
    fi
    echo /tmp
}

pg_cluster_start() {   # $1: a python to find a free port with
    local bin port
    if ! bin=$(pg_bindir); then
        apt_install_missing postgresql
        bin=$(pg_bindir) || { echo "dev: PostgreSQL could not be installed" >&2; return 1; }
    fi
    PG_TEST_DIR=$(mktemp -d "$(pg_test_root)/lsp-pgtest.XXXXXX")
    PG_TEST_BIN=$bin
    chmod 755 "$PG_TEST_DIR"
    mkdir "$PG_TEST_DIR/data" "$PG_TEST_DIR/run"
    [ "$(id -u)" = 0 ] && chown nobody "$PG_TEST_DIR/data" "$PG_TEST_DIR/run"
    port=$(pg_free_port "$1")
    _pg_as_owner "$bin/initdb" -D "$PG_TEST_DIR/data" -U lsptest --auth=trust \
        -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || _pg_as_owner "$bin/initdb" -D "$PG_TEST_DIR/data" -U lsptest --auth=trust \
            -E UTF8 --locale=C >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
    _pg_as_owner "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/run/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_TEST_DIR/run -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || { cat "$PG_TEST_DIR/run/server.log" >&2; return 1; }
    export LSP_TEST_PG_URL="postgresql+psycopg://lsptest@127.0.0.1:$port/postgres"
    echo "dev: test PostgreSQL cluster on 127.0.0.1:$port ($PG_TEST_DIR)"
}

pg_cluster_stop() {
    [ -n "${PG_TEST_DIR:-}" ] || return 0
    _pg_as_owner "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
    PG_TEST_DIR=
}
