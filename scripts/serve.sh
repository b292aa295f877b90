#!/usr/bin/env bash
# Runs `aurora` as a Native AOT binary: the self-hosted default. Any aurora arguments work, e.g.
#   scripts/serve.sh serve --urls http://127.0.0.1:5232 --data ./data
#   scripts/serve.sh user add alice
#   scripts/serve.sh --print-binary     publishes if needed and prints the path of the binary it would run
# Why not `dotnet run`: after start and one request the JIT build holds about 80 MB of memory (65 MB of it
# the runtime's and framework's files mapped from disk, plus JIT code), the AOT binary about 50 MB, and it
# starts in a fifth of the CPU time (bench/coldstart/README.md). The binary is published once into
# .build/aot-<rid>/ (a few minutes: it needs clang or gcc) and again whenever a file under src/ or a
# Directory.*.props is newer than it. Without a C toolchain it falls back to the JIT build (same behaviour, more memory).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$(uname -m)" in
  x86_64) RID=linux-x64 ;;
  aarch64 | arm64) RID=linux-arm64 ;;
  *) RID="" ;;
esac
OUT="$ROOT/.build/aot-$RID"
BIN="$OUT/aurora"

stale() {
  [ ! -x "$BIN" ] || [ -n "$(find "$ROOT/src" "$ROOT"/Directory.*.props -newer "$BIN" -type f \
    -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]
}

if [ -n "$RID" ] && stale; then
  FLAGS=(-p:PublishAot=true -p:DebugType=none)
  # The binary runs where it is built, so it may use what this glibc loads: packed relative relocations
  # (glibc 2.36+) make every start about 2 ms cheaper (AuroraTime.Server.csproj, bench/coldstart/README.md).
  GLIBC="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')"
  if [ -n "$GLIBC" ] && [ "$(printf '2.36\n%s\n' "$GLIBC" | sort -V | head -n 1)" = 2.36 ]; then FLAGS+=(-p:AuroraPackRelativeRelocs=true); fi
  if command -v clang >/dev/null; then :; elif command -v gcc >/dev/null; then FLAGS+=(-p:CppCompilerAndLinker=gcc); else FLAGS=(); fi
  if [ ${#FLAGS[@]} -gt 0 ]; then
    echo "serve.sh: publishing the Native AOT binary into $OUT (a few minutes, once per source change)" >&2
    mkdir -p "$ROOT/.build"
    if dotnet publish "$ROOT/src/Server" -c Release -r "$RID" "${FLAGS[@]}" -o "$OUT" -nologo > "$OUT.log" 2>&1; then
      touch "$BIN" # an incremental publish may keep the old file time; the sources are now built
    else
      echo "serve.sh: the AOT publish failed (see $OUT.log); running the JIT build instead" >&2
      rm -f "$BIN"
    fi
  else
    echo "serve.sh: no clang or gcc for a Native AOT publish; running the JIT build (dotnet run) instead" >&2
  fi
fi

if [ -x "$BIN" ] && ! stale; then
  # --print-binary: publish if needed, then name the binary instead of running it (bench/peers/run.sh).
  if [ "${1:-}" = --print-binary ]; then echo "$BIN"; exit 0; fi
  exec "$BIN" "$@"
fi
# The JIT build, run from the caller's folder so a relative --data lands there (`dotnet run` would run
# it from src/Server).
dotnet build "$ROOT/src/Server" -c Release -nologo -v quiet >&2
if [ "${1:-}" = --print-binary ]; then echo "$ROOT/src/Server/bin/Release/net10.0/aurora"; exit 0; fi
exec dotnet "$ROOT/src/Server/bin/Release/net10.0/aurora.dll" "$@"
