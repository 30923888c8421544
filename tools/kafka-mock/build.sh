#!/usr/bin/env bash
# Builds the Kafka-protocol test peer (librdkafka's mock cluster). Needs Debian's librdkafka-dev.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../dist/tools/kafka-mock"
mkdir -p "$(dirname "$out")"
if [ ! -f /usr/include/librdkafka/rdkafka_mock.h ]; then
  echo "kafka-mock: /usr/include/librdkafka/rdkafka_mock.h missing: apt-get install -y librdkafka-dev" >&2
  exit 1
fi
gcc -O2 -Wall -Wextra -o "$out" "$here/launcher.c" -lrdkafka
echo "built $out"
