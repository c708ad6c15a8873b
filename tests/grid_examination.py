"""URL × persona grid rows of the individual self-examination material (joined into
tests/test_access_grid.py).

The material is the author's own: ``cadre`` (a deputy of 县教育局) writes it; for
everyone else the editor and its autosave do not exist (404). Reviewers read it on the
review pages (their rows are the review app's). Starting one is for a cadre of a unit:
it opens their own material and goes to its editor.
"""

from tests.conftest import PERSONAS

AUTHOR_ONLY = dict.fromkeys(PERSONAS, 404) | {"cadre": 200, "anonymous": 302}
CADRES_START = dict.fromkeys(PERSONAS, 404) | {"cadre": 302, "head": 302, "anonymous": 302}


def _material(objects):
    return {"pk": objects["material"].pk}


EXAMINATION_GRID = {
    "examination:start": ("post", None, CADRES_START),
    "examination:edit": ("get", _material, AUTHOR_ONLY),
    "examination:autosave": ("post", _material, AUTHOR_ONLY),
}


def examination_grid_objects(objects):
    """``cadre``'s material, started."""
    from campaign.examination.services import start_material
    from campaign.org.models import User

    return {"material": start_material(actor=User.objects.get(username="cadre")).record}
