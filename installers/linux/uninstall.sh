#!/usr/bin/env bash
# Removes Hamgam (همگام) installed by install.sh, as the Node.js service or as the compose stack
# (install.sh --uninstall runs this). Settings (/etc/hamgam) and data (/var/lib/hamgam: the SQLite
# database, pictures; the stack's docker volumes) are kept unless --purge is given.
#   sudo installers/linux/uninstall.sh [--purge] [--yes]
set -euo pipefail

readonly APP_DIR=/opt/hamgam
readonly CONF_DIR=/etc/hamgam
readonly DATA_DIR=/var/lib/hamgam
readonly UNIT_DIR=/etc/systemd/system
readonly SERVICE_USER=hamgam

ROOT=""      # --root DIR: remove from a tree staged with install.sh --root (no systemctl, no userdel)
PURGE=0
ASSUME_YES=0

say() { printf '%s\n%s\n' "$1" "$2"; }
die() {
  printf 'error: %s\nخطا: %s\n' "$1" "$2" >&2
  exit 1
}

parse_args() {
  while (($#)); do
    case $1 in
      --purge) PURGE=1 ;;
      --yes | -y) ASSUME_YES=1 ;;
      --root) ROOT=${2:?--root needs a folder} && shift ;;
      --help | -h)
        echo 'Usage: uninstall.sh [--purge] [--yes] [--root DIR]'
        exit 0
        ;;
      *) die "unknown option: $1" "گزینهٔ ناشناخته: $1" ;;
    esac
    shift
  done
}

confirm_purge() {
  ((PURGE)) || return 0
  ((ASSUME_YES)) && return 0
  [[ -t 0 ]] || die "--purge deletes the data; add --yes to confirm" "--purge داده‌ها را پاک می‌کند؛ برای تأیید --yes را اضافه کنید"
  local answer
  read -r -p "Delete $CONF_DIR and $DATA_DIR for good? / تنظیمات و داده‌ها برای همیشه پاک شوند؟ [y/N] " answer
  [[ $answer =~ ^[yY] ]] || die "cancelled" "لغو شد"
}

stop_service() {
  [[ -z $ROOT ]] || return 0
  if systemctl list-unit-files hamgam.service >/dev/null 2>&1; then
    systemctl disable --now hamgam.service >/dev/null 2>&1 || true
  fi
  if [[ -f $UNIT_DIR/hamgam-compose.service ]]; then
    # Stopping the unit runs `docker compose down`; a purge also deletes the stack's volumes.
    systemctl disable --now hamgam-compose.service >/dev/null 2>&1 || true
    if ((PURGE)) && [[ -f $APP_DIR/docker/compose.yml ]]; then
      (cd "$APP_DIR/docker" && docker compose down --volumes >/dev/null 2>&1) || true
    fi
  fi
}

main() {
  parse_args "$@"
  if [[ -z $ROOT && $EUID -ne 0 ]]; then die "run as root (sudo $0)" "با دسترسی root اجرا کنید (sudo $0)"; fi
  confirm_purge
  stop_service
  rm -f "$ROOT$UNIT_DIR/hamgam.service" "$ROOT$UNIT_DIR/hamgam-compose.service"
  if [[ -z $ROOT ]]; then systemctl daemon-reload; fi
  rm -rf "$ROOT$APP_DIR" "$ROOT$APP_DIR.new" "$ROOT$APP_DIR.old"
  say "Removed the service and $APP_DIR." "سرویس و پوشهٔ $APP_DIR حذف شد."
  if ((PURGE)); then
    rm -rf "$ROOT$CONF_DIR" "$ROOT$DATA_DIR"
    say "Deleted $CONF_DIR and $DATA_DIR." "پوشه‌های $CONF_DIR و $DATA_DIR حذف شد."
    if [[ -z $ROOT ]] && id -u "$SERVICE_USER" >/dev/null 2>&1; then
      userdel "$SERVICE_USER"
      say "Deleted the $SERVICE_USER user." "کاربر $SERVICE_USER حذف شد."
    fi
  else
    say "Kept $CONF_DIR and $DATA_DIR (use --purge to delete them)." "پوشه‌های $CONF_DIR و $DATA_DIR حفظ شد (برای حذف: --purge)."
  fi
}

main "$@"
