from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds
from .models import ChainConfig, Level, Reason


class SendBackForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Reasons"),
        choices=Reason.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reason: no lenient passes.")},
    )
    comment = forms.CharField(
        label=_("What must be fixed"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say in the comment what must be fixed.")},
    )


class PassForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ExceptionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is signed off although rules are not met"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the reason for the exception.")},
    )


YES_NO = [("yes", _("yes")), ("no", _("no"))]


class CheckForm(forms.Form):
    """The kind's checks (e.g. the four "not let go", 四个不放过), each yes or no with a note."""

    def __init__(self, *args, checks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.checks = checks
        for check in checks:
            self.fields[check.key] = forms.ChoiceField(
                label=check.label, choices=YES_NO, widget=forms.RadioSelect
            )
            self.fields[f"{check.key}_note"] = forms.CharField(
                label=_("Note"), required=False, max_length=500
            )
        self.fields["comment"] = forms.CharField(
            label=_("Overall comment"),
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 2}),
            required=False,
        )

    def clean(self):
        data = super().clean()
        for check in self.checks:
            if data.get(check.key) == "no" and not data.get(f"{check.key}_note", "").strip():
                self.add_error(f"{check.key}_note", _("Say what falls short."))
        return data

    def answers(self):
        data = self.cleaned_data
        return {c.key: (data[c.key] == "yes", data.get(f"{c.key}_note", "")) for c in self.checks}


class ChainForm(forms.Form):
    """Which levels review each kind of item."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.all_kinds():
            self.fields[kind.code] = forms.MultipleChoiceField(
                label=kind.label,
                choices=Level.choices,
                widget=forms.CheckboxSelectMultiple,
                initial=ChainConfig.levels_for(kind.code),
                error_messages={"required": _("Keep at least one review level.")},
            )
