# The runbook's endpoint check on the instance: PING, then INFO server read with the engine rule
# (Valkey 8.0 prints redis_version:7.2.4 first; it is Valkey iff a valkey_version: or server_name:valkey line exists).
set -eu
CLI="$(command -v valkey-cli || command -v redis-cli || true)"
if [ -z "$CLI" ]; then echo "neither valkey-cli nor redis-cli is on this instance: apt-get install redis-tools (or dnf install redis6)" >&2; exit 1; fi
@AUTH@
PONG="$("$CLI" -h '@HOST@' -p '@PORT@' @TLS@ PING | tr -d '\r')"
if [ "$PONG" != "PONG" ]; then echo "PING answered '$PONG', not PONG" >&2; exit 1; fi
INFO="$("$CLI" -h '@HOST@' -p '@PORT@' @TLS@ INFO server | tr -d '\r')"
if printf '%s\n' "$INFO" | grep -qE '^(valkey_version:|server_name:valkey$)'; then ENGINE=valkey; VERSION="$(printf '%s\n' "$INFO" | sed -n 's/^valkey_version://p' | head -n 1)"; else ENGINE=redis; VERSION="$(printf '%s\n' "$INFO" | sed -n 's/^redis_version://p' | head -n 1)"; fi
echo "@HOST@:@PORT@ runs $ENGINE $VERSION"
if [ "$ENGINE" != '@ENGINE@' ]; then echo "expected @ENGINE@ @VERSION@, found $ENGINE $VERSION" >&2; exit 1; fi
case "$VERSION" in '@VERSION@'|'@VERSION@'.*) ;; *) echo "expected @ENGINE@ @VERSION@, found $ENGINE $VERSION" >&2; exit 1 ;; esac
