"""Which webhook hosts are internal, and refusing them (server-side request forgery).

A shopper's webhook URL makes the server send requests: pointed at 127.0.0.1, 10.x or the
cloud metadata address 169.254.169.254 it would reach services meant to stay internal. So
loopback, private, link-local, reserved, multicast, unspecified and shared (100.64/10)
addresses are refused, unless ``SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE`` allows them (tests, a
trusted network). Twice: ``check_host`` when the URL is set (``localhost`` and address
literals only: the API does no DNS), and ``resolve_checked`` before each delivery, whose
address the sender then connects to, so a name answering differently by then (DNS
rebinding) cannot slip through.
"""

from __future__ import annotations

import socket
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network

from store.alert_views import WebhookError
from store.config import StoreSettings

IPAddress = IPv4Address | IPv6Address
SHARED = ip_network("100.64.0.0/10")
"""Carrier-grade NAT space: not ``is_private`` in ``ipaddress``, yet not reachable from outside."""
NAT64 = ip_network("64:ff9b::/96")
"""IPv6 addresses that a NAT64 gateway turns into the IPv4 address in their last 32 bits."""
REFUSED_AT_DELIVERY = "refused: host resolves to a private address"


class PrivateAddressError(WebhookError):
    """At delivery, the webhook's host resolved to an internal address: never sent."""


def private_allowed(allow_private: bool | None = None) -> bool:
    """``allow_private`` when given, else the ``SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE`` setting.

    The setting is read at each call, not cached: the store's callers (``AlertBook``, the
    worker) keep no settings of their own, and a test's environment must take effect.
    """
    return StoreSettings().webhook_allow_private if allow_private is None else allow_private


def internal_kind(address: IPAddress) -> str | None:
    """What makes ``address`` internal (``"loopback"``, ``"private"``...); None if public.

    An IPv6 address that carries an IPv4 one (IPv4-mapped, 6to4, NAT64) is judged by it.
    """
    if isinstance(address, IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64:
            embedded = IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return internal_kind(embedded)
    checks = (
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("shared", isinstance(address, IPv4Address) and address in SHARED),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    )
    return next((kind for kind, hit in checks if hit), None)


def literal_address(host: str) -> IPAddress | None:
    """The address ``host`` spells without DNS; None for a name.

    Besides dotted quads and IPv6, the short and numeric IPv4 forms resolvers accept
    (``127.1``, ``2130706433``, ``0x7f.1``) count: they reach the same address.
    """
    try:
        return ip_address(host)
    except ValueError:
        pass
    if not host or not all(char.isalnum() or char == "." for char in host):
        return None
    try:
        return IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def check_host(host: str, *, allow_private: bool) -> None:
    """Refuse (``WebhookError``) ``localhost`` and internal address literals, unless allowed."""
    if allow_private:
        return
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        kind: str | None = "loopback"
    else:
        address = literal_address(name)
        kind = None if address is None else internal_kind(address)
    if kind is not None:
        raise WebhookError(
            f"a webhook URL must point at a public host, not a {kind} address: {host!r}"
        )


def resolve_checked(host: str, port: int, *, allow_private: bool) -> str:
    """The address to connect to for ``host``: its first, once all its addresses pass.

    ``PrivateAddressError`` when ANY address the name resolves to is internal (one bad
    answer among several is enough to be suspicious); ``OSError`` when it does not resolve.
    Blocking: call it from a thread when on an event loop.
    """
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [str(info[4][0]) for info in found]
    if not addresses:
        raise OSError(f"{host} resolves to no address")
    if not allow_private:
        for address in addresses:
            if internal_kind(ip_address(address.partition("%")[0])) is not None:
                raise PrivateAddressError(REFUSED_AT_DELIVERY)
    return addresses[0]
