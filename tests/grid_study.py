"""URL × persona grid rows of the study app (joined into tests/test_access_grid.py)."""

STUDY_GRID = {}


def study_grid_objects(objects):
    """Objects the rows need, made from the grid's base objects (see grid_objects)."""
    return {}
