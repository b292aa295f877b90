#!/usr/bin/env bash
# Builds the Lambda package: the `aurora` server published for provided.al2023 and renamed `bootstrap`
# (the Lambda Web Adapter layer runs beside it; see docs/aws.md), zipped as deploy/aws/build/lambda.zip,
# which template.yaml's CodeUri names.
#
#   deploy/aws/publish.sh [--mode aot|r2r] [--arch x64|arm64]
#
# --mode aot (default): Native AOT, one native executable, fastest start (bench/coldstart/README.md).
#          Needs a C toolchain for the target: clang or gcc, plus zlib1g-dev; arm64 from an x64
#          machine also needs a cross linker and sysroot, so build arm64 on an arm64 machine.
# --mode r2r: self-contained ReadyToRun (JIT fallback), no native toolchain needed, cross-builds.
# --arch must match the template's Architecture parameter (x64 = x86_64).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE=aot; ARCH=x64
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) MODE="$2"; shift 2 ;;
    --arch) ARCH="$2"; shift 2 ;;
    *) echo "usage: $0 [--mode aot|r2r] [--arch x64|arm64]" >&2; exit 2 ;;
  esac
done
case "$MODE" in
  aot) PROPS=(-p:PublishAot=true) ;;
  r2r) PROPS=(--self-contained true -p:PublishReadyToRun=true) ;;
  *) echo "unknown --mode $MODE (aot or r2r)" >&2; exit 2 ;;
esac
case "$ARCH" in x64|arm64) ;; *) echo "unknown --arch $ARCH (x64 or arm64)" >&2; exit 2 ;; esac
if [ "$MODE" = aot ] && ! command -v clang >/dev/null; then
  # The ILCompiler links with clang by default; gcc links just as well on Linux.
  command -v gcc >/dev/null || { echo "Native AOT needs clang or gcc (apt-get install clang zlib1g-dev)" >&2; exit 1; }
  PROPS+=(-p:CppCompilerAndLinker=gcc)
fi

OUT="$HERE/build"
rm -rf "$OUT/publish" "$OUT/lambda.zip"
mkdir -p "$OUT"
dotnet publish "$ROOT/src/Server" -c Release -r "linux-$ARCH" "${PROPS[@]}" \
  -p:DebugType=none -p:GenerateDocumentationFile=false -o "$OUT/publish" -nologo
mv "$OUT/publish/aurora" "$OUT/publish/bootstrap"
chmod 755 "$OUT/publish/bootstrap"
find "$OUT/publish" -name '*.dbg' -delete
(cd "$OUT/publish" && zip -q -r -X "$OUT/lambda.zip" .)
echo "$OUT/lambda.zip: $(du -h "$OUT/lambda.zip" | cut -f1) ($MODE, linux-$ARCH)"
