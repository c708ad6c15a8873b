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
    """A visibly fictitious mobile number: the middle four digits are 0000, as in the
    examples of Chinese forms (138-0000-1234); drawn as before so the rest of the demo
    county stays the same."""
    prefix = f"1{rng.choice('358')}{rng.randrange(10)}"
    return f"{prefix}0000{rng.randrange(10**8) % 10**4:04d}"
