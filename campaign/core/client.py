"""The address of the client that sent a request, seen through trusted proxies.

Behind a load balancer REMOTE_ADDR is the balancer's address. X-Forwarded-For is believed
only when REMOTE_ADDR is a trusted proxy: the header is walked from the right (the entry
the nearest proxy appended) and trusted proxies are skipped; the first untrusted entry is
the client. A client can put anything in the header, but it can only ever add entries to
the left of the ones our own proxies append, which the walk never reaches.

Settings (read on each call): ``TRUSTED_PROXIES``, a list of addresses or networks
("10.0.0.0/8"), and ``TRUSTED_PROXY_HOPS``, the number of proxies in front of the portal
(REMOTE_ADDR and the rightmost HOPS-1 entries of the header are then trusted whatever
their address).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

# A forged header can be long; the walk never needs more entries than there are proxies.
MAX_ENTRIES = 32


@lru_cache(maxsize=16)
def trusted_networks(proxies):
    """The networks of a tuple of addresses or CIDRs; ValueError names a bad one."""
    networks = []
    for item in proxies:
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            raise ValueError(f"not an address or network: {item!r}") from None
    return tuple(networks)


def parse_address(text):
    """An ip_address from a header entry ("1.2.3.4", "1.2.3.4:80", "[::1]:80"), or None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # IPv4 with a port; bare IPv6 has several colons
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:  # ::ffff:1.2.3.4 is 1.2.3.4
        return address.ipv4_mapped
    return address


def _is_trusted(address, networks):
    return any(address.version == net.version and address in net for net in networks)


def client_address(request):
    """The client's address as a string: from X-Forwarded-For only through trusted proxies."""
    remote_text = request.META.get("REMOTE_ADDR", "") or ""
    remote = parse_address(remote_text)
    networks = trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0) or 0
    if remote is None:
        return remote_text
    if not (hops > 0 or _is_trusted(remote, networks)):
        return str(remote)
    header = request.META.get("HTTP_X_FORWARDED_FOR", "") or ""
    entries = header.rsplit(",", MAX_ENTRIES)[-MAX_ENTRIES:] if header else []
    nearest = remote
    for position, entry in enumerate(reversed(entries), start=1):
        address = parse_address(entry)
        if address is None:  # garbage where a trusted proxy should have written an address
            return str(nearest)
        if not (position < hops or _is_trusted(address, networks)):
            return str(address)
        nearest = address
    return str(nearest)  # every hop is trusted: the leftmost is as close as we get
