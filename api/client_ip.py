"""The client's address: the connecting peer, or what a trusted reverse proxy says it is.

``X-Forwarded-For`` is read only when the peer is one of ``TRUSTED_PROXIES``; then the client
is the right-most address in it that is not itself a trusted proxy (entries further left are
whatever the client chose to send, so they are never believed).
"""

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

UNKNOWN = "tidak diketahui"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=32)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in trusted if entry)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str | None, forwarded_for: Iterable[str], trusted: Iterable[str]) -> str:
    """The address a request is counted and logged under (at most 64 characters)."""
    if not peer:
        return UNKNOWN
    networks = _networks(tuple(trusted))
    if not networks or not _is_trusted(peer, networks):
        return peer[:64]
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                # A proxy passed on something that is not an address: count the proxy.
                return peer[:64]
    return peer[:64]
