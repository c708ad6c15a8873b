"""Grid rows of the opinions bulk pages (import, export, batch)."""

PERSONAS = [
    "office",
    "secretary",
    "secretary2",
    "supervisor1",
    "supervisor2",
    "leader",
    "inspector",
    "anonymous",
]
# The import and its template: the office; higher supervision is refused a write (403);
# for everyone else the pages do not exist.
OFFICE_ONLY = dict.fromkeys(PERSONAS, 404) | {"office": 200, "inspector": 403, "anonymous": 302}
# The export: everyone who may list opinions, each gets their own scope.
LISTERS = dict.fromkeys(PERSONAS, 200) | {"anonymous": 302}
# Batch entry: the office, and unit secretaries for their own unit.
ENTERERS = OFFICE_ONLY | {"secretary": 200, "secretary2": 200}

# url name: (method, kwargs builder or None, {persona: status})
OPINIONS_BULK_GRID = {
    "opinions:import": ("get", None, OFFICE_ONLY),
    "opinions:import_template": ("get", None, OFFICE_ONLY),
    "opinions:export": ("get", None, LISTERS),
    "opinions:batch": ("get", None, ENTERERS),
}
