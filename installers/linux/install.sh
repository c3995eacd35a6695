#!/usr/bin/env bash
# Hamgam (همگام) on-prem install for Linux with systemd. Run as root from a copy of the Hamgam sources:
#   sudo installers/linux/install.sh [options]              the server as a systemd service (Node.js)
#   sudo installers/linux/install.sh --compose [options]    the docker compose stack, started by systemd
#   sudo installers/linux/install.sh --uninstall [--purge]  remove either (uninstall.sh does the work)
# Re-running is safe: the code is replaced, the settings file is kept (only the keys given as options
# change) and the service is restarted. Switching between the two modes removes the other's unit.
set -euo pipefail

readonly APP_DIR=/opt/hamgam
readonly CONF_DIR=/etc/hamgam
readonly ENV_FILE=$CONF_DIR/hamgam.env
readonly COMPOSE_ENV_FILE=$CONF_DIR/compose.env
readonly DATA_DIR=/var/lib/hamgam
readonly UNIT_DIR=/etc/systemd/system
readonly SERVICE_USER=hamgam
readonly MIN_NODE_MAJOR=20

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)
ROOT=""        # --root DIR: stage into DIR (packaging, tests): no user, no chown, no systemctl
SKIP_NPM=0     # --skip-npm: do not run npm ci (tests; the caller provides node_modules)
ASSUME_YES=0   # --yes: never prompt
MODE=service   # --compose: the docker stack; --uninstall: remove
PURGE=0        # --uninstall --purge: settings and data too
declare -A SETTINGS=()

say() { printf '%s\n%s\n' "$1" "$2"; }
die() {
  printf 'error: %s\nخطا: %s\n' "$1" "$2" >&2
  exit 1
}

usage() {
  cat <<'USAGE'
Usage: install.sh [options]
  --mahak-url URL        Mahak sync API, e.g. https://mahakacc.mahaksoft.com/API/v3/Sync
  --mahak-user NAME      Mahak sync user
  --mahak-password PASS  Mahak sync password
  --db URL               sqlite:/var/lib/hamgam/hamgam.db (default) or postgres://user:pass@host/db
  --queue URL            local (default) or amqp://user:pass@host:5672
  --blob URL             file:/var/lib/hamgam/blobs (default) or http://KEY:SECRET@host:9000/bucket
  --host ADDRESS         listen address (default 0.0.0.0)
  --port PORT            listen port (default 8080)
  --jwt-secret SECRET    token signing secret (default: generated once)
  --compose              install the docker compose stack (PostgreSQL, RabbitMQ, MinIO, Hamgam)
                         as the hamgam-compose service instead of the Node.js service
  --uninstall            remove Hamgam (either mode); add --purge to delete settings and data
  --yes, -y              do not ask; use options and defaults
  --skip-npm             do not run npm ci
  --root DIR             install under DIR instead of / (no user, no systemctl)
  --help                 this text
USAGE
}

parse_args() {
  while (($#)); do
    case $1 in
      --mahak-url) SETTINGS[HAMGAM_MAHAK_URL]=${2:?--mahak-url needs a value} && shift ;;
      --mahak-user) SETTINGS[HAMGAM_MAHAK_USER]=${2:?--mahak-user needs a value} && shift ;;
      --mahak-password) SETTINGS[HAMGAM_MAHAK_PASSWORD]=${2:?--mahak-password needs a value} && shift ;;
      --db) SETTINGS[HAMGAM_DB]=${2:?--db needs a value} && shift ;;
      --queue) SETTINGS[HAMGAM_QUEUE]=${2:?--queue needs a value} && shift ;;
      --blob) SETTINGS[HAMGAM_BLOB]=${2:?--blob needs a value} && shift ;;
      --host) SETTINGS[HAMGAM_HOST]=${2:?--host needs a value} && shift ;;
      --port) SETTINGS[HAMGAM_PORT]=${2:?--port needs a value} && shift ;;
      --jwt-secret) SETTINGS[HAMGAM_JWT_SECRET]=${2:?--jwt-secret needs a value} && shift ;;
      --yes | -y) ASSUME_YES=1 ;;
      --compose) MODE=compose ;;
      --uninstall) MODE=uninstall ;;
      --purge) PURGE=1 ;;
      --skip-npm) SKIP_NPM=1 ;;
      --root) ROOT=${2:?--root needs a folder} && shift ;;
      --help | -h) usage && exit 0 ;;
      *) usage >&2 && die "unknown option: $1" "گزینهٔ ناشناخته: $1" ;;
    esac
    shift
  done
  if [[ -n ${SETTINGS[HAMGAM_PORT]:-} && ! ${SETTINGS[HAMGAM_PORT]} =~ ^[0-9]{1,5}$ ]]; then
    die "--port must be a number" "درگاه باید عدد باشد"
  fi
  if ((PURGE)) && [[ $MODE != uninstall ]]; then
    die "--purge goes with --uninstall" "گزینهٔ --purge فقط همراه --uninstall معنا دارد"
  fi
}

# --uninstall hands over to uninstall.sh (one place that knows how to remove both modes).
run_uninstall() {
  local args=()
  if [[ -n $ROOT ]]; then args+=(--root "$ROOT"); fi
  if ((PURGE)); then args+=(--purge); fi
  if ((ASSUME_YES)); then args+=(--yes); fi
  exec bash "$SCRIPT_DIR/uninstall.sh" "${args[@]}"
}

check_environment() {
  if [[ -z $ROOT && $EUID -ne 0 ]]; then
    die "run as root (sudo $0)" "با دسترسی root اجرا کنید (sudo $0)"
  fi
  if [[ $MODE == compose ]]; then
    check_docker
    return
  fi
  command -v node >/dev/null || die "Node.js $MIN_NODE_MAJOR or newer is required" "Node.js نسخهٔ $MIN_NODE_MAJOR یا بالاتر لازم است"
  local version major
  version=$(node -p 'process.versions.node')
  major=${version%%.*}
  if ! [[ $major =~ ^[0-9]+$ ]] || ((major < MIN_NODE_MAJOR)); then
    die "Node.js $MIN_NODE_MAJOR or newer is required (found $version)" "Node.js نسخهٔ $MIN_NODE_MAJOR یا بالاتر لازم است (نسخهٔ موجود: $version)"
  fi
  [[ -f $SOURCE_DIR/package-lock.json && -f $SOURCE_DIR/bin/hamgam.mjs ]] ||
    die "run this script from the Hamgam sources ($SOURCE_DIR has no bin/hamgam.mjs)" "این اسکریپت را از پوشهٔ برنامهٔ همگام اجرا کنید"
  if ((SKIP_NPM == 0)); then
    command -v npm >/dev/null || die "npm is required" "npm لازم است"
  fi
}

check_docker() {
  [[ -f $SOURCE_DIR/docker/compose.yml && -f $SOURCE_DIR/docker/.env.example ]] ||
    die "run this script from the Hamgam sources ($SOURCE_DIR has no docker/compose.yml)" "این اسکریپت را از پوشهٔ برنامهٔ همگام اجرا کنید"
  if [[ -n $ROOT ]]; then return; fi
  docker compose version >/dev/null 2>&1 ||
    die "Docker with the compose plugin is required (docker compose version)" "Docker همراه افزونهٔ compose لازم است"
}

create_user() {
  if [[ -n $ROOT ]]; then return; fi
  if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
    say "Created system user $SERVICE_USER." "کاربر سیستمی $SERVICE_USER ساخته شد."
  fi
}

# Copies what the server needs into a staging folder, installs dependencies there, then swaps it in:
# a failed npm ci leaves the running version untouched. The compose stack builds its image from the
# sources instead (docker/Dockerfile), so it gets the desk's sources and no npm ci here.
install_app() {
  local target=$ROOT$APP_DIR staging=$ROOT$APP_DIR.new
  local parts=(bin core package.json package-lock.json) optional optionals=(tsconfig.json installers renderer/dist)
  if [[ $MODE == compose ]]; then
    parts+=(docker)
    optionals=(tsconfig.json installers renderer .dockerignore)
  fi
  for optional in "${optionals[@]}"; do
    if [[ -e $SOURCE_DIR/$optional ]]; then parts+=("$optional"); fi
  done
  rm -rf "$staging"
  mkdir -p "$staging"
  tar -C "$SOURCE_DIR" --exclude=node_modules --exclude='*.test.ts' --exclude=.env -cf - "${parts[@]}" |
    tar -C "$staging" -xf -
  if [[ $MODE == service ]] && ((SKIP_NPM == 0)); then
    say "Installing dependencies (npm ci)..." "نصب وابستگی‌ها (npm ci)..."
    # tsx is a runtime dependency (bin/hamgam.mjs runs the TypeScript through it), so dev tools can go.
    (cd "$staging" && npm ci --omit=dev --no-audit --no-fund)
  fi
  if [[ -z $ROOT ]]; then chown -R root:root "$staging"; fi
  chmod -R u=rwX,go=rX "$staging"
  rm -rf "$target.old"
  if [[ -d $target ]]; then mv "$target" "$target.old"; fi
  mv "$staging" "$target"
  rm -rf "$target.old"
  say "Installed the application in $APP_DIR." "برنامه در $APP_DIR نصب شد."
}

make_dirs() {
  mkdir -p "$ROOT$DATA_DIR" "$ROOT$CONF_DIR"
  chmod 750 "$ROOT$DATA_DIR" "$ROOT$CONF_DIR"
  if [[ -z $ROOT ]]; then
    chown "$SERVICE_USER:$SERVICE_USER" "$ROOT$DATA_DIR"
    chown "root:$SERVICE_USER" "$ROOT$CONF_DIR"
  fi
}

# systemd EnvironmentFile value: bare when plain, else double-quoted with \ and " escaped.
env_quote() {
  local v=$1
  if [[ $v =~ ^[A-Za-z0-9_./:@%+,=-]*$ ]]; then
    printf '%s' "$v"
  else
    v=${v//\\/\\\\}
    v=${v//\"/\\\"}
    printf '"%s"' "$v"
  fi
}

# Replaces KEY=... in the env file (or appends it). Values travel through the environment, not awk -v,
# so backslashes in passwords stay as typed.
set_env_key() {
  local file=$1 key=$2 tmp
  tmp=$(mktemp "$file.XXXXXX")
  ENV_KEY=$key ENV_LINE="$key=$(env_quote "$3")" awk '
    index($0, ENVIRON["ENV_KEY"] "=") == 1 { if (!done) print ENVIRON["ENV_LINE"]; done = 1; next }
    { print }
    END { if (!done) print ENVIRON["ENV_LINE"] }
  ' "$file" >"$tmp"
  chmod 640 "$tmp"
  mv "$tmp" "$file"
}

prompt_setting() {
  local key=$1 question=$2 secret=${3:-0} answer
  [[ -n ${SETTINGS[$key]:-} ]] && return
  if ((secret)); then
    read -r -s -p "$question: " answer && echo
  else
    read -r -p "$question: " answer
  fi
  [[ -n $answer ]] && SETTINGS[$key]=$answer
  return 0
}

new_env_file() {
  local secret
  secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  cat >"$1" <<EOF
# Hamgam settings (read by hamgam.service). Every HAMGAM_* variable: docker/.env.example.
# تنظیمات همگام (خوانده‌شده در hamgam.service). فهرست کامل متغیرها: docker/.env.example
HAMGAM_HOST=0.0.0.0
HAMGAM_PORT=8080
HAMGAM_DATA_DIR=$DATA_DIR
HAMGAM_DB=sqlite:$DATA_DIR/hamgam.db
HAMGAM_QUEUE=local
HAMGAM_BLOB=file:$DATA_DIR/blobs
HAMGAM_MAHAK_URL=https://mahakacc.mahaksoft.com/API/v3/Sync
HAMGAM_JWT_SECRET=$secret
EOF
}

write_env_file() {
  local file=$ROOT$ENV_FILE key
  if [[ ! -f $file ]]; then
    if [[ $ASSUME_YES -eq 0 && -t 0 ]]; then
      prompt_setting HAMGAM_MAHAK_URL "Mahak sync API URL / نشانی API محک [https://mahakacc.mahaksoft.com/API/v3/Sync]"
      prompt_setting HAMGAM_MAHAK_USER "Mahak user / نام کاربری محک"
      prompt_setting HAMGAM_MAHAK_PASSWORD "Mahak password / گذرواژهٔ محک" 1
    fi
    (umask 027 && new_env_file "$file")
    say "Wrote $ENV_FILE." "فایل تنظیمات $ENV_FILE ساخته شد."
  else
    say "Keeping $ENV_FILE (options given now are updated in it)." "فایل $ENV_FILE حفظ شد (فقط گزینه‌های داده‌شده به‌روز می‌شوند)."
  fi
  for key in "${!SETTINGS[@]}"; do set_env_key "$file" "$key" "${SETTINGS[$key]}"; done
  chmod 640 "$file"
  if [[ -z $ROOT ]]; then chown "root:$SERVICE_USER" "$file"; fi
}

install_unit() {
  local node_bin unit=$ROOT$UNIT_DIR/hamgam.service
  node_bin=$(command -v node)
  mkdir -p "$ROOT$UNIT_DIR"
  # The unit names /usr/bin/node (distribution and NodeSource packages); point it at this machine's node.
  sed "s|^ExecStart=/usr/bin/node |ExecStart=$node_bin |" "$SCRIPT_DIR/hamgam.service" >"$unit"
  chmod 644 "$unit"
  if [[ -n $ROOT ]]; then return; fi
  systemctl daemon-reload
  systemctl enable hamgam.service >/dev/null
  systemctl restart hamgam.service
  say "Service hamgam is enabled and (re)started: systemctl status hamgam" "سرویس hamgam فعال و اجرا شد: systemctl status hamgam"
}

# ---- compose mode: the stack of docker/compose.yml, its .env kept in /etc/hamgam/compose.env ----

refuse_stack_options() {
  local key
  for key in HAMGAM_DB HAMGAM_QUEUE HAMGAM_BLOB HAMGAM_HOST HAMGAM_PORT; do
    if [[ -n ${SETTINGS[$key]:-} ]]; then
      die "--compose brings its own database, queue, file storage and port; drop the option for $key" \
        "در حالت --compose پایگاه داده، صف، فضای فایل و درگاه را خود مجموعه می‌آورد؛ گزینهٔ $key را حذف کنید"
    fi
  done
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# First run: docker/.env.example with new passwords (hex: safe inside the URLs compose builds from
# them). Later runs keep the file, so the passwords the volumes were created with stay valid.
write_compose_env() {
  local file=$ROOT$COMPOSE_ENV_FILE key
  mkdir -p "$ROOT$CONF_DIR"
  chmod 750 "$ROOT$CONF_DIR"
  if [[ ! -f $file ]]; then
    if [[ $ASSUME_YES -eq 0 && -t 0 ]]; then
      prompt_setting HAMGAM_MAHAK_URL "Mahak sync API URL / نشانی API محک [https://mahakacc.mahaksoft.com/API/v3/Sync]"
      prompt_setting HAMGAM_MAHAK_USER "Mahak user / نام کاربری محک"
      prompt_setting HAMGAM_MAHAK_PASSWORD "Mahak password / گذرواژهٔ محک" 1
    fi
    (umask 077 && cp "$SOURCE_DIR/docker/.env.example" "$file")
    for key in POSTGRES_PASSWORD RABBITMQ_PASSWORD MINIO_ROOT_PASSWORD; do
      set_env_key "$file" "$key" "$(random_hex 16)"
    done
    set_env_key "$file" HAMGAM_JWT_SECRET "$(random_hex 32)"
    say "Wrote $COMPOSE_ENV_FILE with new passwords." "فایل $COMPOSE_ENV_FILE با گذرواژه‌های تازه ساخته شد."
  else
    say "Keeping $COMPOSE_ENV_FILE (options given now are updated in it)." "فایل $COMPOSE_ENV_FILE حفظ شد (فقط گزینه‌های داده‌شده به‌روز می‌شوند)."
  fi
  for key in "${!SETTINGS[@]}"; do set_env_key "$file" "$key" "${SETTINGS[$key]}"; done
  chmod 600 "$file"
  # compose reads docker/.env; the link is made again after every copy of the code.
  ln -sfn "$COMPOSE_ENV_FILE" "$ROOT$APP_DIR/docker/.env"
}

install_compose_unit() {
  local docker_bin=/usr/bin/docker unit=$ROOT$UNIT_DIR/hamgam-compose.service
  if [[ -z $ROOT ]]; then docker_bin=$(command -v docker); fi
  mkdir -p "$ROOT$UNIT_DIR"
  sed "s|/usr/bin/docker |$docker_bin |" "$SCRIPT_DIR/hamgam-compose.service" >"$unit"
  chmod 644 "$unit"
  if [[ -n $ROOT ]]; then return; fi
  systemctl daemon-reload
  systemctl enable hamgam-compose.service >/dev/null
  systemctl restart hamgam-compose.service
  say "Stack started (docker compose ps in $APP_DIR/docker)." "مجموعه اجرا شد (docker compose ps در $APP_DIR/docker)."
}

# One mode at a time: two servers on one port (or one database) would fight.
remove_other_unit() {
  local other=$1
  [[ -f $ROOT$UNIT_DIR/$other ]] || return 0
  if [[ -z $ROOT ]]; then systemctl disable --now "$other" >/dev/null 2>&1 || true; fi
  rm -f "$ROOT$UNIT_DIR/$other"
  say "Removed $other (the other install mode)." "سرویس $other (حالت نصب دیگر) حذف شد."
}

main() {
  parse_args "$@"
  if [[ $MODE == uninstall ]]; then run_uninstall; fi
  check_environment
  if [[ $MODE == compose ]]; then
    refuse_stack_options
    install_app
    write_compose_env
    remove_other_unit hamgam.service
    install_compose_unit
    say "Done. Settings: $COMPOSE_ENV_FILE, logs: cd $APP_DIR/docker && docker compose logs -f" \
      "نصب تمام شد. تنظیمات: $COMPOSE_ENV_FILE، گزارش‌ها: docker compose logs -f در $APP_DIR/docker"
    return
  fi
  create_user
  install_app
  make_dirs
  write_env_file
  remove_other_unit hamgam-compose.service
  install_unit
  say "Done. Settings: $ENV_FILE, logs: journalctl -u hamgam" "نصب تمام شد. تنظیمات: $ENV_FILE، گزارش‌ها: journalctl -u hamgam"
}

main "$@"
