"""The words of the opinion screens, for the Excel sheets too.

A column of an export or of the import template is headed with the label the screen
shows for that field, and a channel, category or status is written with the label the
screen shows for it, in the user's language. The import also reads the labels of the
other language and the older Chinese names, so earlier sheets still read back in.
"""

from django.utils.text import capfirst
from django.utils.translation import override

from .models import Opinion

LANGUAGES = ("zh-hans", "en")


def field_label(name):
    """The screen's label of an opinion field, in the active language."""
    return capfirst(str(Opinion._meta.get_field(name).verbose_name))


def choice_labels(name):
    """{stored value: label} of a choice field, in the active language."""
    return {value: str(label) for value, label in Opinion._meta.get_field(name).flatchoices}


def field_labels_everywhere(name):
    """The field's label in every language of the portal."""
    labels = []
    for language in LANGUAGES:
        with override(language):
            labels.append(field_label(name))
    return labels


def choice_labels_everywhere(name):
    """{label in any language: stored value}."""
    table = {}
    for language in LANGUAGES:
        with override(language):
            for value, label in choice_labels(name).items():
                table.setdefault(label, value)
                table.setdefault(label.lower(), value)
    return table
