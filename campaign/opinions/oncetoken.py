"""One-time form tokens: sending the opinion box twice (a double click, a resent form)
creates one opinion, and the second answer shows the first receipt code.

The box form carries a hidden, signed token issued when it is rendered. The first
submission with a token claims it in the cache (an atomic ``add``), creates the opinion
and records the receipt code under the token; a later submission with the same token
finds that code. The cache key is a keyed hash of the token, never the token itself.
With more than one web server the cache must be shared (CACHE_URL).
"""

import secrets
import time

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

SALT = "campaign.opinions.oncetoken"
MAX_AGE = 24 * 3600  # a form left open longer than a day must be sent again
PENDING = "pending"
WAIT_SECONDS = 10  # how long a resubmission waits for the first one to finish


class Busy(Exception):
    """The first submission with this token is still being received."""


def issue():
    return signing.TimestampSigner(salt=SALT).sign(secrets.token_urlsafe(16))


def read(value):
    """The token inside a signed value, or None if it is forged, garbled or too old."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        return signing.TimestampSigner(salt=SALT).unsign(value, max_age=MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None


def _key(token):
    return "oncetoken:" + salted_hmac(SALT, token).hexdigest()[:40]


def run_once(token, create):
    """``create()`` returns a receipt code; it runs once per token, whatever arrives twice.
    Returns (code, created). Raises Busy if the first run has not finished in time."""
    key = _key(token)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if cache.add(key, PENDING, timeout=MAX_AGE + 3600):
            try:
                code = create()
            except BaseException:
                cache.delete(key)  # nothing was created: the token may be used again
                raise
            cache.set(key, code, timeout=MAX_AGE + 3600)
            return code, True
        code = cache.get(key)
        if code is not None and code != PENDING:
            return code, False
        if time.monotonic() > deadline:
            raise Busy
        time.sleep(0.1)
