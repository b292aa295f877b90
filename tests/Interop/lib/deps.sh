# Shared by the interop scripts: make sure the real clients and peers are installed. On CI (root)
# missing Debian packages are installed; elsewhere the script reports what is missing.
# Usage: need_apt PACKAGE...   need_npm DIR

need_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing ${missing[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) && return 0
  fi
  echo "missing Debian packages: ${missing[*]} (apt-get install ${missing[*]})" >&2
  return 1
}

need_npm() {
  local dir="$1"
  [ -d "$dir/node_modules" ] && return 0
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "npm ci failed in $dir" >&2; return 1; }
}
