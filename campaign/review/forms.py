from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.phases.models import ItemKind

from .models import ACCEPTANCE_CHECKS, ChainConfig, Level, Reason


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Content"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Problems each with one or two concrete examples, causes, measures."),
    )


class SendBackForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Reasons"),
        choices=Reason.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reason: no lenient passes.")},
    )
    comment = forms.CharField(
        label=_("What must be fixed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say in the comment what must be fixed.")},
    )


class PassForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


YES_NO = [("yes", _("yes")), ("no", _("no"))]


class AcceptanceCheckForm(forms.Form):
    """The four "not let go" (四个不放过), each yes or no with a note."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, _reason in ACCEPTANCE_CHECKS:
            self.fields[f"{key}"] = forms.ChoiceField(
                label=label, choices=YES_NO, widget=forms.RadioSelect
            )
            self.fields[f"{key}_note"] = forms.CharField(
                label=_("Note"), required=False, max_length=500
            )
        self.fields["comment"] = forms.CharField(
            label=_("Overall comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
        )

    def clean(self):
        data = super().clean()
        for key, _label, _reason in ACCEPTANCE_CHECKS:
            if data.get(key) == "no" and not data.get(f"{key}_note", "").strip():
                self.add_error(f"{key}_note", _("Say what falls short."))
        return data

    def checks(self):
        data = self.cleaned_data
        return {k: (data[k] == "yes", data.get(f"{k}_note", "")) for k, _l, _r in ACCEPTANCE_CHECKS}


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Unit"), required=False, max_length=50)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ItemKind.choices]
    )
    waiting = forms.TypedChoiceField(
        label=_("Waiting"),
        required=False,
        coerce=int,
        choices=[("", _("Any time")), (3, _("over 3 days")), (7, _("over a week"))],
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)


class ChainForm(forms.Form):
    """Which levels review each kind of item."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ItemKind:
            self.fields[kind.value] = forms.MultipleChoiceField(
                label=kind.label,
                choices=Level.choices,
                widget=forms.CheckboxSelectMultiple,
                initial=ChainConfig.levels_for(kind),
                error_messages={"required": _("Keep at least one review level.")},
            )
