#!/usr/bin/env bash
# Load test at size M on PostgreSQL, over loopback only (docs/performance.md).
#
#   loadtest/run.sh                 # 200 users, 75 s, fresh database begeleid_load
#   USERS=60 REUSE_DB=1 loadtest/run.sh
#   LOAD_SESSIONS=0 loadtest/run.sh # every user logs in with the form first
#
# Creates the database, migrates, generates the data, starts gunicorn with production
# settings on 127.0.0.1:8765, runs locust headless for RUN_TIME, prints requests/s,
# p50/p95/p99 and errors (var/loadtest/summary.json), and stops gunicorn again.
# The users start one after the other over RAMP seconds; the steady state is reported
# from SETTLE seconds on (the start, in which every user opens their pages for the first
# time, is reported on its own line).
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-200}
RUN_TIME=${RUN_TIME:-75s}
RAMP=${RAMP:-10}
SETTLE=${SETTLE:-15}
SIZE=${SIZE:-M}
PORT=${PORT:-8765}
DB=${LOAD_DB:-begeleid_load}
ADMIN_URL=${PG_ADMIN_URL:-postgres:///postgres}
OUT=var/loadtest
PY=.venv/bin/python
WORKERS=${WORKERS:-$((2 * $(nproc) + 1))}

[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "LOAD_DB must be a plain name" >&2; exit 2; }
test -x .venv/bin/locust || { echo "locust is missing: run 'make loadtest' or 'uv sync --group load'" >&2; exit 2; }
mkdir -p "$OUT"

export DATABASE_URL=${LOAD_DATABASE_URL:-postgres:///$DB}
export DJANGO_ENV=production
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')}
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_ALLOWED_HOSTS=127.0.0.1
# As in production (README): the shared cache, and the sessions read from it, in Redis.
export REDIS_URL=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/3}
export LOG_LEVEL=${LOG_LEVEL:-WARNING}

exists=$(psql "$ADMIN_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [[ "${REUSE_DB:-0}" == 1 && "$exists" == 1 ]]; then
    echo "== reusing database $DB"
    $PY manage.py migrate --no-input -v 0
else
    echo "== database $DB: create, migrate, generate size $SIZE"
    psql "$ADMIN_URL" -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    $PY manage.py migrate --no-input -v 0
    $PY manage.py generate_data --size "$SIZE"
fi
$PY manage.py collectstatic --no-input -v 0
LOAD_USERS="$OUT/users.json"
# Users start logged in (a session each, made as a login makes it), unless LOAD_SESSIONS=0.
LOAD_SESSIONS=${LOAD_SESSIONS:-1} $PY loadtest/export_users.py "$LOAD_USERS"

echo "== gunicorn: $WORKERS workers on 127.0.0.1:$PORT"
.venv/bin/gunicorn config.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" \
    --log-level warning >"$OUT/gunicorn.log" 2>&1 &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
    curl -fsS "http://127.0.0.1:$PORT/health/" >/dev/null 2>&1 && break
    kill -0 "$GUNICORN" 2>/dev/null || { cat "$OUT/gunicorn.log"; exit 1; }
    sleep 0.5
done

# Warm every worker up (imports, templates, prepared reads) before measuring.
for _ in $(seq $((WORKERS * 4))); do
    curl -fsS "http://127.0.0.1:$PORT/accounts/login/" >/dev/null 2>&1 || true
done
$PY loadtest/warm_up.py "$LOAD_USERS" "http://127.0.0.1:$PORT" "$WORKERS"

echo "== locust: $USERS users for $RUN_TIME"
seconds=${RUN_TIME%s}
status=0
LOAD_USERS="$LOAD_USERS" LOAD_SAMPLES="$OUT/samples.csv" timeout $((seconds + 60)) \
    .venv/bin/locust -f loadtest/locustfile.py --headless -u "$USERS" -r "$(awk "BEGIN { print $USERS / $RAMP }")" \
    --run-time "$RUN_TIME" --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" \
    --only-summary --loglevel WARNING || status=$?

echo "== results ($(nproc) cores, $WORKERS gunicorn workers, size $SIZE, $USERS users)"
LOAD_SETTLE="$SETTLE" $PY loadtest/report.py "$OUT/samples.csv" "$OUT/summary.json"
exit "$status"
