"""Grid rows of the opinions bulk pages (import, export, batch)."""

from tests.grid_common import EVERYONE_LOGGED_IN, OFFICE_ONLY

# Batch entry: the office, and unit secretaries for their own unit.
ENTERERS = OFFICE_ONLY | {"secretary": 200, "secretary2": 200}

# url name: (method, kwargs builder or None, {persona: status})
OPINIONS_BULK_GRID = {
    # The import and its template: office pages.
    "opinions:import": ("get", None, OFFICE_ONLY),
    "opinions:import_template": ("get", None, OFFICE_ONLY),
    # The export: everyone who may list opinions, each gets their own scope.
    "opinions:export": ("get", None, EVERYONE_LOGGED_IN | {"head": 404, "cadre": 404}),
    "opinions:batch": ("get", None, ENTERERS),
}
