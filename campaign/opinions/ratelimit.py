"""Rate limit for the public opinion box. The counter's key is a keyed hash of the
client's address and the hour, so no raw address is ever stored, not even in the cache."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def _client_key(request):
    address = request.META.get("REMOTE_ADDR", "")
    hour = timezone.now().strftime("%Y%m%d%H")
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{address}|{hour}".encode(), hashlib.sha256)
    return "opinion-box:" + digest.hexdigest()[:32]


def allow(request):
    """Count one submission; False once the client has used up this hour's allowance."""
    key = _client_key(request)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= settings.OPINION_BOX_PER_HOUR
