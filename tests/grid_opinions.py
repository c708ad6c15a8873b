"""URL × persona grid rows of the opinions app (joined into tests/test_access_grid.py)."""

OPINIONS_GRID = {}


def opinions_grid_objects(objects):
    """Objects the rows need, made from the grid's base objects (see grid_objects)."""
    return {}
