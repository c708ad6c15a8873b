from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.core.params import SearchField
from campaign.org.models import Unit, UnitKind
from campaign.review import kinds

SHOW = [
    ("waiting", _("Waiting for me")),
    ("reviewed", _("Reviewed by me")),
    ("sent_back", _("Sent back")),
    ("signed", _("Signed off")),
]


class QueueFilterForm(forms.Form):
    with_show = True

    show = forms.ChoiceField(label=_("Show"), required=False, choices=SHOW)
    q = SearchField(label=_("Unit"))
    town = forms.TypedChoiceField(label=_("Town"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    waiting = forms.TypedChoiceField(
        label=_("Waiting"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any time")), (3, _("over 3 days")), (7, _("over a week"))],
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.with_show:
            del self.fields["show"]
        self.fields["kind"].choices = [("", _("All kinds")), *kinds.choices()]
        towns = Unit.objects.filter(kind=UnitKind.TOWN).order_by("path").values_list("pk", "name")
        self.fields["town"].choices = [("", _("All towns")), *towns]


class WorkspaceFilterForm(QueueFilterForm):
    """The supervision workspace's queue is what waits at the group: no "show" choice."""

    with_show = False
