#!/bin/sh
# The container's entry point (and usable on a plain host): one word per role.
#   init      wait for the database, apply migrations, collect static files, run the deployment checks
#   web       the web server (gunicorn through `innopart serve`)
#   worker    the background task worker
#   backup    `innopart backup --keep ${BACKUP_KEEP:-14}` into BACKUP_DIR
#   restore F `innopart restore F` (onto an empty database)
#   manage …  any `innopart` command, e.g. `manage createsuperuser`
set -eu

wait_for_database() {
  tries=${DB_WAIT_SECONDS:-60}
  until innopart shell -c "from django.db import connection; connection.ensure_connection()" >/dev/null 2>&1; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
      echo "entrypoint: the database did not answer within ${DB_WAIT_SECONDS:-60} s" >&2
      exit 1
    fi
    sleep 1
  done
}

role=${1:-web}
[ $# -gt 0 ] && shift
case "$role" in
  init)
    wait_for_database
    innopart migrate --noinput
    innopart collectstatic --noinput --verbosity 0
    innopart check --deploy --fail-level WARNING
    ;;
  web)
    exec innopart serve "$@"
    ;;
  worker)
    exec innopart worker "$@"
    ;;
  backup)
    exec innopart backup --keep "${BACKUP_KEEP:-14}" "$@"
    ;;
  restore)
    exec innopart restore "$@"
    ;;
  manage)
    exec innopart "$@"
    ;;
  *)
    echo "entrypoint: unknown role '$role' (init, web, worker, backup, restore, manage)" >&2
    exit 64
    ;;
esac
