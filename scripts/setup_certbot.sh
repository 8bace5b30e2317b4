#!/usr/bin/env bash
# setup_certbot.sh   a Let's Encrypt certificate for SERVER_NAME, with Debian's certbot and
# its nginx plug-in, when the machine is reachable from the internet under that name:
# CERTBOT_EMAIL set (Let's Encrypt's notices go there) and SERVER_NAME a public name.
# Otherwise, or when certbot fails (no DNS entry yet, port 80 closed), the self-signed
# certificate of write_prod_config.py stays, and this says so. The certificate lands in
# /etc/letsencrypt/live/SERVER_NAME, where write_prod_config.py looks first; Debian's
# certbot renews it on its own timer, and the deploy hook reloads nginx.
set -euo pipefail
name="${SERVER_NAME:-localhost}" email="${CERTBOT_EMAIL:-}"
if [ -z "$email" ] || [ "$name" = "localhost" ] || [[ "$name" != *.* ]]; then
    echo "TLS: self-signed certificate for $name (set SERVER_NAME to the public name and" \
         "CERTBOT_EMAIL for Let's Encrypt's)."
    exit 0
fi
if [ -e "/etc/letsencrypt/live/$name/fullchain.pem" ]; then
    echo "TLS: Let's Encrypt's certificate for $name (certbot renews it)."
    exit 0
fi
"$(dirname "$0")/install_debian_package.sh" certbot certbot - python3-certbot-nginx
if certbot certonly --nginx --non-interactive --agree-tos --email "$email" -d "$name" \
        --deploy-hook "nginx -s reload"; then
    echo "TLS: Let's Encrypt's certificate for $name obtained."
else
    echo "warning: certbot could not get a certificate for $name (is the name's DNS entry" \
         "this machine, port 80 open?); the self-signed one stays. Run make prod again" \
         "once it is reachable." >&2
fi
