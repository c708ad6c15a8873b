from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FIVE, NOTE_LENGTH

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TalkForm(forms.Form):
    """A talk: the two cadres (from the team and the heads of the units it oversees), the
    date and the five things, each ticked with a short note."""

    first = forms.TypedChoiceField(label=_("First cadre"), coerce=int)
    second = forms.TypedChoiceField(label=_("Second cadre"), coerce=int)
    held_on = forms.DateField(label=_("Date of the talk"), widget=DATE)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        choices = [("", "—"), *((p.pk, p.display_name) for p in people)]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices
        for key, label in FIVE:
            self.fields[f"{key}_done"] = forms.BooleanField(
                label=_("Talked through: %(thing)s") % {"thing": label}, required=False
            )
            self.fields[f"{key}_note"] = forms.CharField(
                label=_("Note: %(thing)s") % {"thing": label},
                max_length=NOTE_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        for name in ("first", "second"):
            if name in data:
                data[name] = self.people.get(data[name])
        if data.get("first") and data.get("second") and data["first"] == data["second"]:
            self.add_error("second", _("A talk is held between two different cadres."))
        return data

    def thing_fields(self):
        """The five things' bound fields: [(tick, note)]."""
        return [(self[f"{key}_done"], self[f"{key}_note"]) for key, _label in FIVE]
