"""The client's address behind trusted reverse proxies, for login throttling and the security log.

TRUSTED_PROXIES lists the proxies' networks. A request from one of them has its X-Forwarded-For read from the right
(each proxy appends the address it saw), skipping trusted proxies; the first address that is not one is the
client. Anything to the left of it was written by the client and is ignored. Without trusted proxies, the address
is the connection's own. (django-ipware counts proxies instead, and answered "no address" for the common single
proxy, which would have keyed every lock-out on the same empty address.)
"""

import ipaddress

from django.conf import settings


def _networks():
    return [ipaddress.ip_network(n, strict=False) for n in getattr(settings, "TRUSTED_PROXIES", [])]


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks()
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a mangled header: fall back to the proxy, never to what the client wrote
    return remote


def login_name(request, credentials) -> str:
    """The user name axes keys lock-outs on: e-mail addresses are stored in lower case, so compare them so."""
    name = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(name).strip().lower()
