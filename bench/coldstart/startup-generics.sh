#!/usr/bin/env bash
# Regenerates src/Server/Hosting/StartupGenerics.rd.xml: the generic instantiations dependency
# injection makes while the server starts, which Native AOT publishing then compiles ahead of time
# instead of building them at run time (bench/coldstart/README.md, "Start-up costs found").
#
#   bench/coldstart/startup-generics.sh
#
# How: runs the check in tests/Server.Tests (Hosting/StartupGenericsListTests), which starts the real
# host on Kestrel as `aurora serve` does, with an in-process listener on the
# Microsoft-Extensions-DependencyInjection event source (its events describe every registration and
# resolved call site), answers /healthz, and with AURORA_WRITE_STARTUP_GENERICS set writes the closed
# generic types it saw as the rd.xml. The same test fails in the test suite when the file misses a type.
# Run it after adding or removing services; then re-measure with bench/coldstart/run.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUTPUT="$ROOT/src/Server/Hosting/StartupGenerics.rd.xml"
dotnet build "$ROOT/tests/Server.Tests" -c Release -nologo -v quiet
AURORA_WRITE_STARTUP_GENERICS="$OUTPUT" dotnet test "$ROOT/tests/Server.Tests" -c Release --no-build -nologo \
  --filter "FullyQualifiedName~AuroraTime.Server.Tests.Hosting.StartupGenericsListTests"
echo "$OUTPUT: $(grep -c '<Type ' "$OUTPUT") types"
