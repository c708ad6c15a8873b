from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.org.forms import UnitChoiceField, unit_choices

from .models import Category, Channel, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PublicOpinionForm(forms.Form):
    """The public opinion box: no login, works on a phone."""

    content = forms.CharField(
        label=_("Your opinion or suggestion"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=5,
        max_length=3000,
    )
    category = forms.ChoiceField(
        label=_("What is it about"), choices=Category.choices, initial=Category.OTHER
    )
    unit_hint = forms.CharField(
        label=_("Unit concerned (optional)"), required=False, max_length=100
    )
    named_person_name = forms.CharField(
        label=_("Person concerned (optional)"), required=False, max_length=40
    )
    anonymous = forms.BooleanField(
        label=_("Stay anonymous"),
        required=False,
        initial=True,
        help_text=_("Nothing that identifies you is kept. Untick to leave contact details."),
    )
    contact_name = forms.CharField(label=_("Your name"), required=False, max_length=40)
    contact_phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    contact_email = forms.EmailField(
        label=_("Email (we write when it is answered)"), required=False
    )
    # A field people never see (off-screen, hidden from screen readers, out of the tab
    # order): bots fill in a field named "website". Its label says to leave it empty.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("anonymous") and not any(
            data.get(f) for f in ("contact_phone", "contact_email")
        ):
            self.add_error(
                "contact_phone", _("Leave a phone number or email, or tick “Stay anonymous”.")
            )
        return data


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=12)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper().replace(" ", "")


class OpinionForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    content = forms.CharField(
        label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}), min_length=5
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    unit = UnitChoiceField(label=_("Unit concerned"), queryset=None, required=False)
    named_person_name = forms.CharField(label=_("Person named"), required=False, max_length=40)
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False, initial=True)
    contact_name = forms.CharField(label=_("Contact name"), required=False, max_length=40)
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=30)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:  # a secretary enters opinions about their own unit
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = unit_choices().organisations()


class RouteForm(forms.Form):
    unit = UnitChoiceField(label=_("Route to"), queryset=None)
    days = forms.IntegerField(
        label=_("Working days to answer"), min_value=1, max_value=60, initial=10
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices().organisations()


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}), min_length=5
    )
    publish = forms.BooleanField(label=_("Publish the answer"), required=False)


class CorrectForm(forms.Form):
    """Correcting what intake got wrong; ``changes()`` gives only what differs."""

    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    unit = UnitChoiceField(label=_("Unit concerned"), queryset=None)
    named_person_name = forms.CharField(
        label=_("Person named"),
        required=False,
        max_length=40,
        help_text=_("Leave it empty if the opinion names nobody."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        min_length=4,
        max_length=500,
        error_messages={"min_length": _("Give the reason in a few words (at least 4 characters).")},
    )

    def __init__(self, *args, opinion, units, **kwargs):
        self.opinion = opinion
        kwargs.setdefault("initial", self.current(opinion))
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].required = opinion.status != Status.RECEIVED

    @staticmethod
    def current(opinion):
        name = opinion.named_person_name
        if not name and opinion.named_person_id:
            name = opinion.named_person.display_name
        return {"category": opinion.category, "unit": opinion.unit, "named_person_name": name}

    def changes(self):
        """The fields whose value differs from the opinion's, for ``correct_opinion``."""
        current, data = self.current(self.opinion), self.cleaned_data
        changed = {}
        for field in ("category", "unit", "named_person_name"):
            value = data[field].strip() if field == "named_person_name" else data[field]
            if value != current[field]:
                changed[field] = value
        return changed


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is reopened"),
        widget=forms.Textarea(attrs={"rows": 2}),
        min_length=4,
        max_length=500,
        help_text=_(
            "E.g. the sender phoned back: the street lamp is still broken. The unit handles "
            "it again; an acceptance signed off on its opinions being answered is reopened."
        ),
        error_messages={
            "required": _("Say why it is reopened."),
            "min_length": _("Say why it is reopened (at least 4 characters)."),
        },
    )
