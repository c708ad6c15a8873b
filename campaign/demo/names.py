"""Chinese personal names, drawn from common surnames and given-name characters."""

from itertools import accumulate

from . import data

# Falling weights: 王 about 6 %, the rarest surnames a fraction of a percent.
_SURNAME_WEIGHTS = list(accumulate(1 / (rank + 5) for rank in range(len(data.SURNAMES))))


def surname(rng):
    return rng.choices(data.SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]


def person(rng, male=True):
    chars = data.GIVEN_MALE if male else data.GIVEN_FEMALE
    first = rng.choice(chars)
    if rng.random() < 0.25:
        return surname(rng) + first
    second = rng.choice(chars)
    while second == first:
        second = rng.choice(chars)
    return surname(rng) + first + second


def mobile(rng):
    return f"1{rng.choice('358')}{rng.randrange(10)}{rng.randrange(10**8):08d}"
