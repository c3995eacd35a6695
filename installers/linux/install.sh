#!/usr/bin/env bash
# Hamgam (همگام) on-prem install for Linux with systemd. Run as root from a copy of the Hamgam sources:
#   sudo installers/linux/install.sh [options]
# Re-running is safe: the code is replaced, /etc/hamgam/hamgam.env is kept (only the keys given as
# options change) and the service is restarted.
set -euo pipefail

readonly APP_DIR=/opt/hamgam
readonly CONF_DIR=/etc/hamgam
readonly ENV_FILE=$CONF_DIR/hamgam.env
readonly DATA_DIR=/var/lib/hamgam
readonly UNIT_DIR=/etc/systemd/system
readonly SERVICE_USER=hamgam
readonly MIN_NODE_MAJOR=20

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)
ROOT=""        # --root DIR: stage into DIR (packaging, tests): no user, no chown, no systemctl
SKIP_NPM=0     # --skip-npm: do not run npm ci (tests; the caller provides node_modules)
ASSUME_YES=0   # --yes: never prompt
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
}

check_environment() {
  if [[ -z $ROOT && $EUID -ne 0 ]]; then
    die "run as root (sudo $0)" "با دسترسی root اجرا کنید (sudo $0)"
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

create_user() {
  if [[ -n $ROOT ]]; then return; fi
  if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
    say "Created system user $SERVICE_USER." "کاربر سیستمی $SERVICE_USER ساخته شد."
  fi
}

# Copies what the server needs into a staging folder, installs dependencies there, then swaps it in:
# a failed npm ci leaves the running version untouched.
install_app() {
  local target=$ROOT$APP_DIR staging=$ROOT$APP_DIR.new
  local parts=(bin core package.json package-lock.json) optional
  for optional in tsconfig.json installers renderer/dist; do
    if [[ -e $SOURCE_DIR/$optional ]]; then parts+=("$optional"); fi
  done
  rm -rf "$staging"
  mkdir -p "$staging"
  tar -C "$SOURCE_DIR" --exclude=node_modules --exclude='*.test.ts' -cf - "${parts[@]}" | tar -C "$staging" -xf -
  if ((SKIP_NPM == 0)); then
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

main() {
  parse_args "$@"
  check_environment
  create_user
  install_app
  make_dirs
  write_env_file
  install_unit
  say "Done. Settings: $ENV_FILE, logs: journalctl -u hamgam" "نصب تمام شد. تنظیمات: $ENV_FILE، گزارش‌ها: journalctl -u hamgam"
}

main "$@"
