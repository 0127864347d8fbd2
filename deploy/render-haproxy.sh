#!/bin/sh
# Render deploy/haproxy.cfg: render-haproxy.sh TEMPLATE BIND WRITER REPLICA... > haproxy.cfg
# (the same substitution as benchmarks/servers.haproxy_config; replica i gets cookie r<i>).
set -eu
template=$1 bind=$2 writer=$3
shift 3
lines="" index=0
for address in "$@"; do
    index=$((index + 1))
    lines="${lines}    server r${index} ${address} check cookie r${index}\n"
done
awk -v bind="$bind" -v writer="$writer" -v lines="$lines" '
    /^    \$\{REPLICAS\}$/ { printf "%s", lines; next }
    { gsub(/\$\{BIND\}/, bind); gsub(/\$\{WRITER\}/, writer); print }' "$template"
