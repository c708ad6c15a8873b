"""Reading query parameters safely: form fields and FilterSet filters that ignore or
report a bad value instead of letting it reach the database.

- ``SearchField``: a search term, stripped, without invisible format characters, at
  most ``MAX_SEARCH_LENGTH`` characters, refused when it holds a control character (NUL
  and every other C0/C1 control: PostgreSQL refuses a NUL outright).
- ``IdField``: a positive integer that fits a primary key, written in ASCII digits.
- ``IdGuard``: a mixin for model choice fields that refuses a value that cannot be a
  primary key before it costs a query.
- ``SearchFilter``, ``IdFilter``, ``FilterSet``: the same for django-filter; a
  FilterSet applies the valid filters and ignores those with errors (shown on its form).

The ``page`` parameter needs nothing: ``Paginator.get_page`` turns any value that is not
a page number (NUL, 10**30, 5,000 digits, ``-1``) into the first or the last page.
"""

import re
import unicodedata

import django_filters
import django_filters.fields
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_SEARCH_LENGTH = 100
# The largest primary key (a BigAutoField, signed 64-bit).
MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")


def has_control_characters(value):
    """True when ``value`` holds a control character (Unicode category Cc: NUL, the other
    C0 controls, DEL and the C1 controls)."""
    return any(unicodedata.category(c) == "Cc" for c in value)


def without_format_characters(value):
    """``value`` less invisible format characters (Unicode category Cf: bidi marks and
    overrides, zero-width spaces and joiners, the byte order mark), which no name in the
    database holds and which only make a search miss or print confusingly."""
    return "".join(c for c in value if unicodedata.category(c) != "Cf")


def validate_printable(value):
    if value and has_control_characters(value):
        raise forms.ValidationError(
            _("Remove the control characters (such as NUL) from this value."),
            code="control_characters",
        )


def is_id(value):
    """True when ``value`` (a string or int) can be a primary key."""
    text = str(value).strip()
    return bool(_ID.fullmatch(text)) and 0 < int(text) <= MAX_ID


class SearchField(forms.CharField):
    default_error_messages = {
        "max_length": _("Search for at most %(limit_value)d characters."),
    }

    def __init__(self, *, max_length=MAX_SEARCH_LENGTH, required=False, **kwargs):
        super().__init__(max_length=max_length, required=required, strip=True, **kwargs)
        # One message for a NUL, the same as for any other control character.
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        self.validators.append(validate_printable)

    def to_python(self, value):
        if isinstance(value, str):
            value = without_format_characters(value)
        return super().to_python(value)


class IdField(forms.IntegerField):
    """A primary key given as a number: anything else is reported and ignored."""

    default_error_messages = {"invalid": _("Choose a valid item.")}

    def __init__(self, *, required=False, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(required=required, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not _ID.fullmatch(str(value).strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdGuard:
    """For a ModelChoiceField/ModelMultipleChoiceField keyed by an integer pk: a value
    that is not a plain positive number in range is an invalid choice, without a query."""

    def _guarded(self):
        return not self.to_field_name and isinstance(
            self.queryset.model._meta.pk, models.IntegerField
        )

    def to_python(self, value):
        if isinstance(value, (list, tuple, self.queryset.model)) or value in self.empty_values:
            return super().to_python(value)
        if self._guarded() and not is_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:20]},
            )
        return super().to_python(value)

    def _check_values(self, value):
        for pk in value:
            if self._guarded() and not is_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super()._check_values(value)


class ModelChoiceField(IdGuard, forms.ModelChoiceField):
    pass


class ModelMultipleChoiceField(IdGuard, forms.ModelMultipleChoiceField):
    pass


class SearchForm(forms.Form):
    """A bare search box: ``q``."""

    q = SearchField(label=_("Search"))


# ---- django-filter ---------------------------------------------------------------------


class SearchFilter(django_filters.CharFilter):
    """A search term (``SearchField``) matched with ``icontains``; ``fields`` names several
    fields to match any of."""

    field_class = SearchField

    def __init__(self, *args, fields=(), **kwargs):
        kwargs.setdefault("lookup_expr", "icontains")
        super().__init__(*args, **kwargs)
        self.search_fields = tuple(fields)

    def filter(self, qs, value):
        if not value or not self.search_fields:
            return super().filter(qs, value)
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__{self.lookup_expr}": value})
        return self.get_method(qs)(condition)


class IdFilter(django_filters.NumberFilter):
    field_class = IdField


class ModelChoiceFilterField(IdGuard, django_filters.fields.ModelChoiceField):
    pass


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceFilterField


class FilterSet(django_filters.FilterSet):
    """A FilterSet's ``qs`` applies every valid filter and ignores those with a bad value
    (django-filter does so); the errors are on ``form`` for the page to show."""

    def filter_valid(self, queryset):
        """``queryset`` (any, e.g. the user's scope) under the valid filters."""
        if not self.is_bound:
            return queryset
        self.form.is_valid()
        return self.filter_queryset(queryset)
