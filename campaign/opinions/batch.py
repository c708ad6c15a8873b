"""Batch entry: the opinions heard at one symposium, visit or questionnaire round, typed
in on one page. A common channel and date, then one row per opinion; empty rows are
ignored; any bad row saves nothing. The office names the unit of each row (and routes
it there); a unit secretary enters opinions about their own unit only."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.org.access import is_office
from campaign.org.imports import UnitDirectory
from campaign.org.models import Unit, UnitKind
from campaign.phases import clock

from .forms import DATE
from .imports import named_accounts
from .models import Category, Channel
from .services import OpinionError, receive_opinion, route_opinion

ROWS = 10  # rows on a new page; "more rows" adds as many again
MAX_ROWS = 100
PREFIX = "rows"
SMALL_INPUT = "form-control form-control-sm"


class BatchHeaderForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        choices=Channel.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    received_on = forms.DateField(
        label=gettext_lazy("Received on"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format=DATE.format),
    )

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > clock.today():
            raise forms.ValidationError(_("The date lies in the future."))
        return day


class BatchRowForm(forms.Form):
    content = forms.CharField(
        label=gettext_lazy("Content"),
        widget=forms.Textarea(attrs={"rows": 2, "class": SMALL_INPUT}),
        min_length=5,
        max_length=3000,
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        choices=Category.choices,
        initial=Category.OTHER,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    unit = forms.CharField(
        label=gettext_lazy("Unit concerned"),
        required=False,
        max_length=300,
        widget=forms.TextInput(
            attrs={"list": "unit-names", "autocomplete": "off", "class": SMALL_INPUT}
        ),
    )
    named_person_name = forms.CharField(
        label=gettext_lazy("Person named"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"class": SMALL_INPUT}),
    )

    def __init__(self, *args, directory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = directory
        if directory is None:  # a secretary: the row is about their own unit
            del self.fields["unit"]

    def clean_unit(self):
        """The unit's pk, found by name or "a/b/c" path as in the Excel import."""
        text = self.cleaned_data["unit"].strip()
        if not text:
            return None
        key, message = self.directory.find(text)
        if message:
            raise forms.ValidationError(message)
        if self.directory.kinds[key] not in UnitKind.organisations():
            raise forms.ValidationError(
                _("An opinion concerns a party organisation, not a heading.")
            )
        return key[1]

    def has_changed(self):
        """A row counts once something is written in it; the category alone does not."""
        names = [n for n in ("content", "unit", "named_person_name") if n in self.fields]
        values = [self[name].data for name in names]
        return any(value.strip() for value in values if isinstance(value, str))


class BaseBatchFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.filled():
            raise forms.ValidationError(_("Write at least one opinion."))

    def filled(self):
        return [form for form in self.forms if form.has_changed()]


RowFormSet = forms.formset_factory(
    BatchRowForm,
    formset=BaseBatchFormSet,
    extra=ROWS,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=MAX_ROWS,
)


def forms_for(user, data=None, more=False):
    """The header form, the row formset and the unit names to offer (the office's
    rows name a unit) for ``user``; ``more`` adds ten rows to a posted page."""
    header = BatchHeaderForm(data, initial={"received_on": clock.today()})
    directory = UnitDirectory() if is_office(user) else None
    if data is not None and more:
        data = data.copy()
        key = f"{PREFIX}-TOTAL_FORMS"
        data[key] = str(min(MAX_ROWS, _int(data.get(key), ROWS) + ROWS))
    rows = RowFormSet(data, prefix=PREFIX, form_kwargs={"directory": directory})
    return header, rows, unit_names(directory)


def unit_names(directory):
    """What the unit box offers: each organisation's name, or its path if not unique."""
    if directory is None:
        return []
    names = []
    organisations = UnitKind.organisations()
    for key in directory.by_id:
        if directory.kinds[key] in organisations:
            name = directory.by_id[key][0]
            unique = len(directory.by_name[name]) == 1
            names.append(name if unique else directory.full_name(key))
    return names


def _int(text, default):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def save_batch(user, header, rows):
    """Save every filled row through the services, all or nothing; returns how many were
    saved, or None with the refusal added to the row it concerns."""
    try:
        with transaction.atomic():
            return _save(user, header.cleaned_data, rows.filled())
    except _RowRefused as refused:
        refused.form.add_error(None, refused.message)
        return None


class _RowRefused(Exception):
    def __init__(self, form, message):
        super().__init__(message)
        self.form, self.message = form, message


def _save(user, common, filled):
    office = is_office(user)
    units = Unit.objects.in_bulk({form.cleaned_data.get("unit") for form in filled} - {None})
    own_unit = None if office else user.unit
    pairs = [(form, units.get(form.cleaned_data.get("unit")) or own_unit) for form in filled]
    unit_ids = {unit.pk for _form, unit in pairs if unit}
    names = {form.cleaned_data["named_person_name"].strip() for form in filled}
    accounts = named_accounts(unit_ids, names)
    for form, unit in pairs:
        data = form.cleaned_data
        name = data["named_person_name"].strip()
        try:
            opinion = receive_opinion(
                actor=user,
                channel=common["channel"],
                received_on=common["received_on"],
                content=data["content"],
                category=data["category"],
                unit=unit,
                named_person=accounts.get((unit.pk, name)) if unit else None,
                named_person_name=name,
            )
            if office and unit is not None:
                route_opinion(actor=user, opinion=opinion, unit=unit)
        except OpinionError as error:
            raise _RowRefused(form, str(error)) from None
    return len(pairs)
