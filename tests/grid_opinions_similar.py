"""URL × persona grid rows of likely duplicates (joined into tests/test_access_grid.py):
whoever enters or answers opinions asks (an empty text: an empty answer); those who only
read opinions are refused (403); for cadres (a unit head among them), who have no
opinions, it does not exist."""

from tests.conftest import PERSONAS

CHECKERS = dict.fromkeys(PERSONAS, 200) | {
    "leader": 403,
    "inspector": 403,
    "head": 404,  # a unit head (a cadre) has no opinions
    "cadre": 404,
    "anonymous": 302,
}

OPINIONS_SIMILAR_GRID = {
    "opinions:similar": ("post", None, CHECKERS),
}
