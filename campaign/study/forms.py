from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.core import params
from campaign.org.models import Role, User

from .models import MAX_HALF_DAYS, ActivityKind, LearningCheck, StudyFormat

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SupervisorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ActivityForm(forms.Form):
    """A study activity; the attendees are ticked in the picker (study/_attendees.html)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    half_days = forms.IntegerField(
        label=_("Half-days"),
        required=False,
        min_value=1,
        max_value=MAX_HALF_DAYS,
        help_text=_("Concentrated study sessions only: two half-days make one day."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", "—"), *StudyFormat.choices],
        help_text=_(
            "Only rotating reading, everyone speaking and discussion count towards the "
            "leadership team's 3 days; lectures, tutoring reports, site visits and films do not."
        ),
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    supervisor = SupervisorChoiceField(
        label=_("Supervision member present"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("none"),
    )
    attendees = params.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the members who took part.")},
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = unit.members.all()
        if unit.group_id:
            self.fields["supervisor"].queryset = User.objects.filter(
                role=Role.SUPERVISOR, group_id=unit.group_id, is_active=True
            ).order_by("username")

    def clean(self):
        data = super().clean()
        if data.get("kind") == ActivityKind.CONCENTRATED:
            if not data.get("format"):
                self.add_error("format", _("Say how the concentrated study session was held."))
            if not data.get("half_days"):
                self.add_error("half_days", _("Give the number of half-days."))
        return data

    def selected_ids(self):
        """The ticked members, for the picker: from the posted data or the initial value."""
        if self.is_bound:
            return [v for v in self.data.getlist("attendees") if params.is_id(v)]
        return [getattr(m, "pk", m) for m in self.initial.get("attendees", [])]


class AttendeeSearchForm(forms.Form):
    """The attendee picker's search (htmx GET): a bad value is ignored, and reported."""

    q = params.SearchField(label=_("Name"), max_length=40)
    pending = forms.BooleanField(required=False)

    def search(self):
        """(q, pending) from the valid values."""
        self.is_valid()
        return self.cleaned_data.get("q", ""), self.cleaned_data.get("pending", False)


class CheckForm(forms.Form):
    checked_on = forms.DateField(label=_("Date"), widget=DATE)
    method = forms.ChoiceField(label=_("Method"), choices=LearningCheck.Method.choices)
    result = forms.ChoiceField(
        label=_("Result"), choices=LearningCheck.Result.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the result is poor: what falls short."),
    )

    def clean(self):
        data = super().clean()
        if data.get("result") == LearningCheck.Result.POOR and not data.get("note", "").strip():
            self.add_error("note", _("Say what falls short, so that the unit can follow up."))
        return data
