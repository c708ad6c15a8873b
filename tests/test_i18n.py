"""The zh_Hans catalogue is complete, and the compiled .mo matches the .po."""

import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"


def parse_po(path):
    """(msgid, msgstr or plural msgstr[0], flags) for every entry but the header."""
    entries, flags, current, key = [], "", {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,"):
            flags = line
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ")):
            key, _, rest = line.partition(" ")
            current[key] = _unquote(rest)
        elif line.startswith('"') and key:
            current[key] += _unquote(line)
        elif not line.strip() and current:
            msgstr = current.get("msgstr", current.get("msgstr[0]", ""))
            if current.get("msgid"):
                entries.append((current["msgid"], msgstr, flags))
            current, flags, key = {}, "", None
    return entries


def _unquote(text):
    return (
        bytes(text.strip()[1:-1], "utf-8")
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def test_every_message_has_its_chinese_text():
    entries = parse_po(LOCALE / "django.po")
    assert len(entries) > 200
    untranslated = [m for m, s, _ in entries if not s]
    fuzzy = [m for m, _, f in entries if "fuzzy" in f]
    assert untranslated == [] and fuzzy == []


def test_placeholders_survive_translation():
    pattern = re.compile(r"%\(\w+\)s|\{\{ ?\w+ ?\}\}|%s")
    for msgid, msgstr, _ in parse_po(LOCALE / "django.po"):
        assert sorted(pattern.findall(msgid)) == sorted(pattern.findall(msgstr)), msgid


def test_compiled_catalogue_matches_the_source():
    with open(LOCALE / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for msgid, msgstr, flags in parse_po(LOCALE / "django.po"):
        if "fuzzy" in flags:
            continue
        assert (
            catalogue.gettext(msgid) == msgstr or catalogue.ngettext(msgid, msgid, 1) == msgstr
        ), "run `make messages`: the .mo is older than the .po for " + msgid
