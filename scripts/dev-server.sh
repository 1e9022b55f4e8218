#!/usr/bin/env bash
# One command for a local Keycloak with the bundle: builds the jar, downloads Keycloak from Maven Central (once),
# imports the realm template into the embedded dev-file database, starts a GreenMail mail catcher, creates one
# demo user per role and prints where everything is. Ctrl-C stops it all.
#
#   scripts/dev-server.sh [--fresh] [24h|15m|24h-nist|15m-nist]      (default 24h; KSE_PROFILE works too)
#
# Needs JDK 17+ and Maven. Everything it downloads or creates stays in .dev/ (git-ignored). The database is kept
# between runs, and --import-realm skips a realm that exists, so after changing the template (or the profile) run
# with --fresh, which drops the database first. Delete .dev/ to start from scratch.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fresh=false
if [ "${1:-}" = "--fresh" ]; then fresh=true; shift; fi
profile=${1:-${KSE_PROFILE:-24h}}
case "$profile" in 24h|15m|24h-nist|15m-nist) ;; *) echo "unknown profile '$profile' (24h, 15m, 24h-nist, 15m-nist)" >&2; exit 2 ;; esac

mvn_version() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -n1; }
kc_version=$(mvn_version keycloak.version)
greenmail_version=$(mvn_version greenmail.version)
bundle_version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml")

dev="$root/.dev"
downloads="$dev/downloads"
kc_home="$dev/keycloak-$kc_version"
http_port=${KSE_HTTP_PORT:-8080}
# 2525, not GreenMail's usual 3025: the test framework hard-codes 3025, and the tests may run beside this server.
smtp_port=${KSE_SMTP_PORT:-2525}
imap_port=${KSE_IMAP_PORT:-3143}
mail_api_port=${KSE_MAIL_API_PORT:-8025}
mkdir -p "$downloads"

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

say "building the bundle ($bundle_version) and the realm templates"
mvn -B -q -ntp -DskipTests -pl bundle,realm-config -am package -f "$root/pom.xml"
jar="$root/bundle/target/keycloak-security-essentials-$bundle_version.jar"

fetch() { # groupId artifactId version packaging -> prints the path of the file in $downloads (progress on stderr)
    local file="$downloads/$2-$3.$4"
    if [ ! -f "$file" ]; then
        say "downloading $1:$2:$3 from Maven Central" >&2
        mvn -B -q -ntp dependency:copy -Dartifact="$1:$2:$3:$4" -DoutputDirectory="$downloads" \
            -Dmdep.overWriteIfNewer=true -f "$root/pom.xml" -N >&2
    fi
    echo "$file"
}
dist=$(fetch org.keycloak keycloak-quarkus-dist "$kc_version" zip)
greenmail=$(fetch com.icegreen greenmail-standalone "$greenmail_version" jar)

if [ ! -x "$kc_home/bin/kc.sh" ]; then
    say "unpacking Keycloak $kc_version"
    rm -rf "$dev/unpack" && mkdir -p "$dev/unpack"
    (cd "$dev/unpack" && jar xf "$dist")
    mv "$dev/unpack/keycloak-$kc_version" "$kc_home" && rm -rf "$dev/unpack"
    chmod +x "$kc_home"/bin/*.sh
fi

if $fresh; then
    say "dropping the dev database (--fresh)"
    rm -rf "$kc_home/data/h2"
fi

# Copy only what changed: an unchanged jar (the build is reproducible) spares Keycloak its re-augmentation.
install_file() { mkdir -p "$(dirname "$2")"; cmp -s "$1" "$2" || cp "$1" "$2"; }
install_file "$jar" "$kc_home/providers/keycloak-security-essentials.jar"
for f in "$root"/realm-config/target/classes/password-blacklists/*; do
    install_file "$f" "$kc_home/data/password-blacklists/$(basename "$f")"
done
rm -f "$kc_home"/data/import/*.json
install_file "$root/realm-config/target/classes/realms/kse-realm-$profile.json" "$kc_home/data/import/kse-realm.json"

pids=()
stop() {
    trap - INT TERM EXIT
    say "stopping"
    for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop INT TERM EXIT

say "starting GreenMail (SMTP :$smtp_port, IMAP :$imap_port, web API :$mail_api_port)"
java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$smtp_port" \
     -Dgreenmail.imap.hostname=127.0.0.1 -Dgreenmail.imap.port="$imap_port" \
     -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$mail_api_port" -Dgreenmail.auth.disabled \
     -jar "$greenmail" >"$dev/greenmail.log" 2>&1 &
pids+=($!)

say "starting Keycloak $kc_version on http://localhost:$http_port (log: .dev/keycloak.log)"
start=$(date +%s)
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
"$kc_home/bin/kc.sh" start-dev --http-port="$http_port" --http-management-port=9000 --health-enabled=true \
    --import-realm >"$dev/keycloak.log" 2>&1 &
pids+=($!)

# Plain bash (no curl on a fresh machine): ask an HTTP endpoint on localhost whether it answers with "$3".
answers() { # port path expected-text
    { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
    local status=1; grep -q "$3" <&3 && status=0
    exec 3<&-
    return $status
}
alive() { # index name log
    kill -0 "${pids[$1]}" 2>/dev/null && return 0
    echo "$2 exited; the end of $3:" >&2; tail -n 30 "$3" >&2; exit 1
}
until answers "$mail_api_port" /api/service/readiness "200 OK"; do alive 0 GreenMail "$dev/greenmail.log"; sleep 1; done
until answers 9000 /health/ready '"UP"'; do
    alive 0 GreenMail "$dev/greenmail.log"; alive 1 Keycloak "$dev/keycloak.log"
    sleep 1
done
say "Keycloak ready after $(( $(date +%s) - start )) s"

java "$root/scripts/DevSetup.java" "http://localhost:$http_port" kse 127.0.0.1 "$smtp_port"

cat <<INFO

  Admin console (master):  http://localhost:$http_port/admin/          admin / admin
  Realm admin console:     http://localhost:$http_port/admin/kse/console/
  Account console:         http://localhost:$http_port/realms/kse/account/
  Mail (GreenMail):        SMTP 127.0.0.1:$smtp_port, IMAP 127.0.0.1:$imap_port (any password)
                           http://127.0.0.1:$mail_api_port/api/user/<email>/messages/INBOX
  Realm template profile:  $profile

  Ctrl-C stops Keycloak and GreenMail.
INFO
wait "${pids[1]}"
