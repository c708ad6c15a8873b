"""Writing a cadre's individual material. Each function runs in a transaction and writes
history; the review engine gets a new version after every save (``revise_item``).

The material travels between the editor, the checks and the database as one plain
structure (``data_of``)::

    {"intro": str, "causes": {field: str}, "none_found": {wind: str},
     "problems": [{"key", "category", "description", "examples": [{"when", "what", "effect"}]}],
     "measures": [{"text", "problems": [index into problems]}],
     "answers": {opinion id: {"text", "problem": index into problems or None}}}
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.history.services import record as write_history
from campaign.opinions.models import Moderation, Opinion, Status
from campaign.phases.models import Campaign, Phase
from campaign.review import services as review
from campaign.review.services import ReviewError

from .models import FIELDS, WINDS, Answer, Category, Example, Material, Measure, Problem, new_key

KIND = "individual_material"
MAX_TEXT = 20000


def opinions_naming(author):
    """The opinions the author must answer: routed opinions naming them, not merged into
    another and not hidden by moderation."""
    return (
        Opinion.objects.filter(named_person=author, routed_at__isnull=False)
        .filter(merged_into__isnull=True, moderation=Moderation.NONE)
        .exclude(status=Status.MERGED)
        .order_by("received_on", "id")
    )


def empty_data():
    return {
        "intro": "",
        "causes": {name: "" for name, _label in FIELDS},
        "none_found": {str(w): "" for w in WINDS},
        "problems": [],
        "measures": [],
        "answers": {},
    }


def data_of(material):
    """The material as the plain structure (reads its rows: a few queries)."""
    problems = list(material.problems.prefetch_related("examples"))
    index = {p.pk: i for i, p in enumerate(problems)}
    data = empty_data()
    data["intro"] = material.intro
    data["causes"] = {name: getattr(material, name) for name, _label in FIELDS}
    data["none_found"].update(material.none_found or {})
    data["problems"] = [
        {
            "key": p.key,
            "category": p.category,
            "description": p.description,
            "examples": [
                {"when": e.when, "what": e.what, "effect": e.effect} for e in p.examples.all()
            ],
        }
        for p in problems
    ]
    data["measures"] = [
        {"text": m.text, "problems": sorted(index[p.pk] for p in m.problems.all())}
        for m in material.measures.prefetch_related("problems")
    ]
    data["answers"] = {
        a.opinion_id: {"text": a.text, "problem": index.get(a.problem_id)}
        for a in material.answers.all()
    }
    return data


def checks(data, opinions):
    """Why the material may not be submitted yet: [(place, message)], place being where in
    the editor the message is shown ("problem-0", "winds", "causes", "measures",
    "measure-0", "answer-<opinion id>")."""
    found = []
    problems = data["problems"]
    for i, problem in enumerate(problems):
        n = i + 1
        if not problem["category"]:
            found.append((f"problem-{i}", _("Problem %(n)s: choose its category.") % {"n": n}))
        if not problem["description"].strip():
            found.append((f"problem-{i}", _("Problem %(n)s: describe the problem.") % {"n": n}))
        if not any(e["what"].strip() for e in problem["examples"]):
            found.append((f"problem-{i}", _("Problem %(n)s has no concrete example.") % {"n": n}))
    covered = {p["category"] for p in problems}
    for wind in WINDS:
        if wind not in covered and not data["none_found"].get(str(wind), "").strip():
            found.append(
                (
                    "winds",
                    _("%(wind)s: list a problem of it, or say why none was found.")
                    % {"wind": Category(wind).label},
                )
            )
    for name, label in FIELDS:
        if not data["causes"].get(name, "").strip():
            found.append(("causes", _("Causes: %(line)s is empty.") % {"line": label}))
    measures = [m for m in data["measures"] if m["text"].strip()]
    if not measures:
        found.append(("measures", _("Write at least one measure.")))
    for i, measure in enumerate(data["measures"]):
        if measure["text"].strip() and not measure["problems"]:
            found.append(
                (
                    f"measure-{i}",
                    _("Measure %(n)s does not say which problem it answers.") % {"n": i + 1},
                )
            )
    for opinion in opinions:
        answer = data["answers"].get(opinion.pk) or {}
        if not answer.get("text", "").strip():
            found.append(
                (
                    f"answer-{opinion.pk}",
                    _("Opinion %(code)s naming you is not answered.")
                    % {"code": opinion.receipt_code},
                )
            )
    return found


def unmet(material):
    return [
        message for _place, message in checks(data_of(material), opinions_naming(material.author))
    ]


def phase_two():
    campaign = Campaign.objects.order_by("id").first()
    if campaign is None:
        return None
    return Phase.objects.filter(campaign=campaign, number=2).first()


@transaction.atomic
def start_material(*, actor, at=None):
    """The author's material (a draft, version 1 of its review item); the one they have
    if they started it already."""
    at = at or timezone.now()
    existing = Material.objects.filter(author=actor).first()
    if existing is not None:
        return review.item_for(existing)
    if not actor.unit_id:
        raise ReviewError(_("Only a cadre of a unit writes a self-examination material."))
    material = Material.objects.create(
        unit_id=actor.unit_id, author=actor, created_at=at, updated_at=at
    )
    item = review.open_item(
        actor=actor, unit=material.unit, record=material, kind=KIND, phase=phase_two(), at=at
    )
    write_history(actor=actor, code="examination.material.started", obj=material, at=at)
    return item


def _clip(value, limit=MAX_TEXT):
    return str(value or "").strip()[:limit]


def _index(value, count):
    try:
        value = int(value)
    except (TypeError, ValueError):
        return None
    return value if 0 <= value < count else None


@transaction.atomic
def save_material(*, actor, material, data, at=None):
    """Replace the material's text and rows with ``data`` (the plain structure) in one go,
    then give its review item a new version (a signed-off material is reopened)."""
    at = at or timezone.now()
    item = review.item_for(material)
    item.record = material  # the snapshot must read this instance, not a stale copy
    review.ensure_revisable(actor, item)
    material.intro = _clip(data.get("intro"))
    causes = data.get("causes") or {}
    for name, _label in FIELDS:
        setattr(material, name, _clip(causes.get(name)))
    none_found = data.get("none_found") or {}
    material.none_found = {str(w): _clip(none_found.get(str(w))) for w in WINDS}
    material.updated_at = at
    material.save()
    material.problems.all().delete()  # examples, measure links and answer links go with them
    material.measures.all().delete()
    material.answers.all().delete()
    problems = []
    examples = []
    for order, p in enumerate(data.get("problems") or []):
        category = p.get("category") if p.get("category") in Category.values else ""
        problem = Problem(
            material=material,
            key=_clip(p.get("key"), 12) or new_key(),
            order=order,
            category=category,
            description=_clip(p.get("description")),
        )
        problems.append(problem)
    Problem.objects.bulk_create(problems)
    for problem, p in zip(problems, data.get("problems") or [], strict=True):
        for order, e in enumerate(p.get("examples") or []):
            examples.append(
                Example(
                    problem=problem,
                    order=order,
                    when=_clip(e.get("when"), 40),
                    what=_clip(e.get("what")),
                    effect=_clip(e.get("effect")),
                )
            )
    Example.objects.bulk_create(examples)
    links = []
    for order, m in enumerate(data.get("measures") or []):
        measure = Measure.objects.create(material=material, order=order, text=_clip(m.get("text")))
        chosen = {_index(i, len(problems)) for i in m.get("problems") or []} - {None}
        links += [
            Measure.problems.through(measure_id=measure.pk, problem_id=problems[i].pk)
            for i in sorted(chosen)
        ]
    Measure.problems.through.objects.bulk_create(links)
    allowed = set(opinions_naming(material.author).values_list("pk", flat=True))
    answers = []
    for opinion_id, a in (data.get("answers") or {}).items():
        if int(opinion_id) not in allowed:
            continue
        i = _index(a.get("problem"), len(problems))
        answers.append(
            Answer(
                material=material,
                opinion_id=int(opinion_id),
                text=_clip(a.get("text")),
                problem=problems[i] if i is not None else None,
            )
        )
    Answer.objects.bulk_create(answers)
    latest = item.versions.filter(number=item.version).values_list("snapshot", flat=True).first()
    if latest == item.review_kind.take_snapshot(material):
        return item  # an autosave of what is already the latest version: no new version
    write_history(
        actor=actor,
        code="examination.material.saved",
        obj=material,
        changes={"problems": len(problems), "measures": len(data.get("measures") or [])},
        at=at,
    )
    return review.revise_item(actor=actor, item=item, at=at)


@transaction.atomic
def submit_material(*, actor, material, at=None):
    """Send the material for review (refused, with the unmet list, while checks fail)."""
    return review.submit_item(actor=actor, item=review.item_for(material), at=at)
