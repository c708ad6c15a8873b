"""The editor's posted form as the plain structure of ``services`` (and back): problems
``p-<i>-…``, their examples ``p-<i>-e-<j>-…``, measures ``m-<i>-…``, answers
``a-<opinion id>-…``. The add / remove / move buttons change the structure and the page
is shown again with everything typed kept."""

import re

from .models import FIELDS, WINDS, new_key
from .services import empty_data

MAX_ROWS = 60


def _rows(post, prefix):
    n = 0
    while f"{prefix}{n}-present" in post and n < MAX_ROWS:
        n += 1
    return n


def parse(post, opinions):
    data = empty_data()
    data["intro"] = post.get("intro", "")
    data["causes"] = {name: post.get(name, "") for name, _label in FIELDS}
    data["none_found"] = {str(w): post.get(f"none-{w}", "") for w in WINDS}
    for i in range(_rows(post, "p-")):
        p = f"p-{i}-"
        examples = [
            {
                "when": post.get(f"{p}e-{j}-when", ""),
                "what": post.get(f"{p}e-{j}-what", ""),
                "effect": post.get(f"{p}e-{j}-effect", ""),
            }
            for j in range(_rows(post, f"{p}e-"))
        ]
        data["problems"].append(
            {
                "key": post.get(f"{p}key", ""),
                "category": post.get(f"{p}category", ""),
                "description": post.get(f"{p}description", ""),
                "examples": examples,
            }
        )
    count = len(data["problems"])
    for i in range(_rows(post, "m-")):
        chosen = [int(v) for v in post.getlist(f"m-{i}-problems") if v.isdigit() and int(v) < count]
        data["measures"].append({"text": post.get(f"m-{i}-text", ""), "problems": chosen})
    for opinion in opinions:
        problem = post.get(f"a-{opinion.pk}-problem", "")
        data["answers"][opinion.pk] = {
            "text": post.get(f"a-{opinion.pk}-text", ""),
            "problem": int(problem) if problem.isdigit() and int(problem) < count else None,
        }
    return data


def _remap(data, mapping):
    """Problem indices moved (old → new, missing: removed): measures and answers follow."""
    for m in data["measures"]:
        m["problems"] = sorted(mapping[i] for i in m["problems"] if i in mapping)
    for a in data["answers"].values():
        a["problem"] = mapping.get(a["problem"]) if a["problem"] is not None else None


def _move(rows, i, delta):
    j = i + delta
    if 0 <= i < len(rows) and 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]
        return {i: j, j: i}
    return {}


ACTION = re.compile(
    r"^(add_problem|add_measure|(remove|up|down)_problem_(\d+)|add_example_(\d+)"
    r"|(remove|up|down)_example_(\d+)_(\d+)|remove_measure_(\d+))$"
)


def apply_action(post, data):
    """Apply the button pressed, if any; returns whether one was."""
    name = next((k for k in post if ACTION.match(k)), None)
    if name is None:
        return False
    m = ACTION.match(name)
    problems = data["problems"]
    if name == "add_problem":
        problems.append(
            {"key": new_key(), "category": "", "description": "", "examples": [_example()]}
        )
    elif name == "add_measure":
        data["measures"].append({"text": "", "problems": []})
    elif m.group(2):
        i = int(m.group(3))
        if i >= len(problems):
            return True
        mapping = {k: k for k in range(len(problems))}
        if m.group(2) == "remove":
            problems.pop(i)
            mapping = {k: (k if k < i else k - 1) for k in range(len(problems) + 1) if k != i}
        else:
            mapping.update(_move(problems, i, -1 if m.group(2) == "up" else 1))
        _remap(data, mapping)
    elif m.group(4):
        i = int(m.group(4))
        if i < len(problems):
            problems[i]["examples"].append(_example())
    elif m.group(5):
        i, j = int(m.group(6)), int(m.group(7))
        if i < len(problems):
            examples = problems[i]["examples"]
            if m.group(5) == "remove" and j < len(examples):
                examples.pop(j)
            else:
                _move(examples, j, -1 if m.group(5) == "up" else 1)
    elif m.group(8):
        i = int(m.group(8))
        if i < len(data["measures"]):
            data["measures"].pop(i)
    return True


def _example():
    return {"when": "", "what": "", "effect": ""}
