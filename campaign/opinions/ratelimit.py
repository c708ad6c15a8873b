"""Rate limits of the public opinion box and the receipt lookup.

Each page has three limits: per client (a random token the browser keeps in a signed,
HttpOnly cookie), per address per hour (generous: many citizens may share one address
behind a NAT) and per address per minute (a burst: a flood that drops its cookie is cut
there). The address is the client's, seen through trusted proxies (campaign/core/client.py).

No raw address or token is ever stored, not even in the cache: a counter's key is a keyed
hash of what it counts and of its time slice, so keys change every slice and cannot be
turned back into an address. A limit of N per period counts in slices of a sixth of the
period and sums the slices that overlap the last period, so no span of that length ever
holds more than N accepted requests, across slice boundaries too.
"""

import functools
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

from campaign.core.client import client_address

COOKIE = "opinion_client"
COOKIE_SALT = "campaign.opinions.ratelimit.client"
COOKIE_AGE = 24 * 3600
SLICES = 6


@dataclass(frozen=True)
class Limit:
    name: str
    per: str  # "client" or "address"
    setting: str  # the setting holding how many requests the period allows
    period: int  # seconds


BOX = (
    Limit("box-client", "client", "OPINION_BOX_PER_HOUR", 3600),
    Limit("box-address", "address", "OPINION_BOX_PER_ADDRESS_HOUR", 3600),
    Limit("box-burst", "address", "OPINION_BOX_PER_MINUTE", 60),
)
LOOKUP = (
    Limit("lookup-client", "client", "OPINION_LOOKUP_PER_HOUR", 3600),
    Limit("lookup-address", "address", "OPINION_LOOKUP_PER_ADDRESS_HOUR", 3600),
    Limit("lookup-burst", "address", "OPINION_LOOKUP_PER_MINUTE", 60),
)


def with_client_token(view):
    """Give the view ``request.opinion_client`` (the browser's random token, a new one if it
    sent none or a forged one) and keep the token in a signed cookie on the response."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)
        is_new = not token
        request.opinion_client = secrets.token_urlsafe(16) if is_new else token
        response = view(request, *args, **kwargs)
        if is_new:
            response.set_signed_cookie(
                COOKIE,
                request.opinion_client,
                salt=COOKIE_SALT,
                max_age=COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    return wrapper


def _slice_keys(limit, identity, now):
    width = limit.period // SLICES
    current = int(now // width)
    # Slices current-SLICES … current cover at least the last full period.
    return [
        "ratelimit:"
        + salted_hmac(
            "campaign.opinions.ratelimit", f"{limit.name}|{identity}|{width}|{index}"
        ).hexdigest()[:32]
        for index in range(current - SLICES, current + 1)
    ]


def _count(key, timeout, delta=1):
    if delta > 0:
        cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key, delta)
    except ValueError:  # expired between add and incr
        if delta > 0:
            cache.set(key, delta, timeout=timeout)
        return delta


def allow(request, limits):
    """Count one request against every limit; False (and nothing counted) once any limit is
    used up. Counting first and taking it back keeps racing requests from slipping through."""
    identities = {"client": request.opinion_client, "address": client_address(request)}
    now = timezone.now().timestamp()
    counted = []
    allowed = True
    for limit in limits:
        keys = _slice_keys(limit, identities[limit.per], now)
        timeout = limit.period + limit.period // SLICES + 60
        _count(keys[-1], timeout)
        counted.append((keys[-1], timeout))
        total = sum(value or 0 for value in cache.get_many(keys).values())
        if total > getattr(settings, limit.setting):
            allowed = False
            break
    if not allowed:
        for key, timeout in counted:
            _count(key, timeout, -1)
    return allowed


class Refused(Exception):
    """Raised by a caller that checked ``allow`` inside a larger step and was refused."""
