from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.org.models import UnitKind, Wave

from .models import Requirement, SupervisionActivity
from .services import REQUIREMENT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    frozen_on = forms.DateField(
        label=_("Portal date (demonstration only)"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty in a real campaign: deadlines then follow the real date."),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The campaign must end after it starts."))
        return data


class WavePlanForm(forms.Form):
    """Planned start and end of each phase for each wave."""

    def __init__(self, *args, phases, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.phases = phases
        self.grid = []
        for phase in phases:
            row = []
            for wave in Wave.values:
                plan = plans.get((phase.pk, wave))
                start, end = f"p{phase.pk}_w{wave}_start", f"p{phase.pk}_w{wave}_end"
                self.fields[start] = forms.DateField(
                    label=_("start"), widget=DATE, initial=plan.starts_on if plan else None
                )
                self.fields[end] = forms.DateField(
                    label=_("end"), widget=DATE, initial=plan.ends_on if plan else None
                )
                # The grid shows no label by each input: name phase, wave and start/end.
                names = {"phase": phase.name, "wave": wave}
                self.fields[start].widget.attrs["aria-label"] = (
                    _("%(phase)s, wave %(wave)s: start") % names
                )
                self.fields[end].widget.attrs["aria-label"] = (
                    _("%(phase)s, wave %(wave)s: end") % names
                )
                row.append((wave, self[start], self[end]))
            self.grid.append((phase, row))

    def clean(self):
        data = super().clean()
        for phase in self.phases:
            for wave in Wave.values:
                start = data.get(f"p{phase.pk}_w{wave}_start")
                end = data.get(f"p{phase.pk}_w{wave}_end")
                if start and end and end < start:
                    self.add_error(f"p{phase.pk}_w{wave}_end", _("The end is before the start."))
        return data

    def plans(self):
        data = self.cleaned_data
        return {
            (phase, wave): (data[f"p{phase.pk}_w{wave}_start"], data[f"p{phase.pk}_w{wave}_end"])
            for phase in self.phases
            for wave in Wave.values
        }


class RequirementForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of unit"),
        required=False,
        choices=[(k.value, k.label) for k in UnitKind.organisations()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every party organisation."),
    )

    class Meta:
        model = Requirement
        fields = list(REQUIREMENT_FIELDS)
        widgets = {"due_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, campaign, kind_choices, **kwargs):
        """``kind_choices``: the registered review kinds a requirement may ask for."""
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = campaign.phases.order_by("number")
        self.fields["phase"].empty_label = None
        self.fields["item_kind"] = forms.ChoiceField(
            label=Requirement._meta.get_field("item_kind").verbose_name, choices=kind_choices
        )

    def clean(self):
        data = super().clean()
        if data.get("due_mode") == Requirement.DueMode.ABSOLUTE and not data.get("due_on"):
            self.add_error("due_on", _("Give the due date."))
        if (
            data.get("due_mode") == Requirement.DueMode.RELATIVE
            and data.get("due_offset_days") is None
        ):
            self.add_error("due_offset_days", _("Give the number of days after the phase start."))
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = SupervisionActivity
        fields = ["kind", "happened_on", "findings"]
        widgets = {"happened_on": DATE, "findings": forms.Textarea(attrs={"rows": 4})}
