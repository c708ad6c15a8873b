from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from campaign.core import params, xlsx

from .models import (
    Member,
    Role,
    Sector,
    SupervisionGroup,
    TeamSeat,
    Unit,
    UnitKind,
    User,
    Wave,
)
from .services import MEMBER_FIELDS


def indented(unit):
    """A unit's name indented by its depth, for a select in tree order."""
    return ("　" * unit.depth) + unit.name


class UnitChoiceField(params.ModelChoiceField):
    def label_from_instance(self, obj):
        return indented(obj)


class UnitMultipleChoiceField(params.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return indented(obj)


def unit_choices():
    """Units to choose from in a select, in tree order (headings included)."""
    return Unit.objects.only("pk", "name", "depth", "path").order_by("path")


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    parent = UnitChoiceField(label=_("Parent unit"), queryset=Unit.objects.none(), required=False)
    wave = forms.TypedChoiceField(label=_("Wave"), coerce=int, choices=Wave.choices)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False
    )
    group = forms.ModelChoiceField(
        label=_("Supervision group"), queryset=SupervisionGroup.objects.all(), required=False
    )
    secretary = forms.ModelChoiceField(
        label=_("Secretary"), queryset=Member.objects.none(), required=False
    )
    head = forms.ModelChoiceField(
        label=_("Unit head account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("The principal leader (一把手), who reviews first what the unit submits."),
    )

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["parent"].queryset = unit_choices()
        if unit is None:
            del self.fields["secretary"]
            del self.fields["head"]
        else:
            self.fields["secretary"].queryset = unit.members.order_by("id")
            self.fields["head"].queryset = unit.accounts.filter(is_active=True).order_by("username")

    def clean(self):
        data = super().clean()
        parent, kind = data.get("parent"), data.get("kind")
        if kind and kind != UnitKind.COUNTY and parent is None:
            self.add_error("parent", _("Every unit except a county has a parent unit."))
        if kind == UnitKind.COUNTY and parent is not None:
            self.add_error("parent", _("A county is at the top of the tree: leave this empty."))
        if self.unit and parent and parent.path.startswith(self.unit.path):
            self.add_error(
                "parent", _("A unit cannot be moved under itself or one of its sub-units.")
            )
        name = data.get("name")
        if name and parent is not None:
            clash = parent.children.filter(name=name)
            if self.unit:
                clash = clash.exclude(pk=self.unit.pk)
            if clash.exists():
                self.add_error("name", _("The parent unit already has a sub-unit with this name."))
        return data


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = [f for f in MEMBER_FIELDS if f != "unit"]  # the unit comes from the URL

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year is not None and not 1900 <= year <= 2010:
            raise forms.ValidationError(_("Write a year between 1900 and 2010, e.g. 1965."))
        return year


class GroupForm(forms.ModelForm):
    class Meta:
        model = SupervisionGroup
        fields = ["number", "name", "leader_name", "phone"]


class AssignUnitsForm(forms.Form):
    units = UnitMultipleChoiceField(label=_("Units"), queryset=Unit.objects.none())
    include_subunits = forms.BooleanField(
        label=_("Also assign every sub-unit below the chosen units"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = unit_choices().organisations()
        self.fields["units"].widget.attrs["size"] = 16


class AccountForm(forms.Form):
    username = forms.RegexField(
        label=_("Login name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=40)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("For unit secretaries and cadres."),
    )
    group = forms.ModelChoiceField(
        label=_("Supervision group"),
        queryset=SupervisionGroup.objects.all(),
        required=False,
        help_text=_("For supervision group members."),
    )
    contact_units = UnitMultipleChoiceField(
        label=_("Contact units"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("For county leaders: hold Ctrl to choose several."),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    password = forms.CharField(
        label=_("Initial password"), widget=forms.PasswordInput, required=False, strip=False
    )

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        self.fields["unit"].queryset = unit_choices().organisations()
        self.fields["contact_units"].queryset = unit_choices().organisations()
        self.fields["contact_units"].widget.attrs["size"] = 10
        if account is not None:
            del self.fields["password"]
        else:
            self.fields["password"].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        clash = User.objects.filter(username__iexact=username)
        if self.account:
            clash = clash.exclude(pk=self.account.pk)
        if clash.exists():
            raise forms.ValidationError(_("This login name is taken."))
        return username

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in (Role.SECRETARY, Role.CADRE) and not data.get("unit"):
            self.add_error("unit", _("A unit secretary or cadre account needs a unit."))
        if role == Role.SUPERVISOR and not data.get("group"):
            self.add_error("group", _("A supervision group member account needs a group."))
        if role == Role.LEADER and not data.get("contact_units"):
            self.add_error(
                "contact_units", _("A county leader account needs at least one contact unit.")
            )
        password = data.get("password")
        if password:
            try:
                validate_password(password, User(username=data.get("username", "")))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class PasswordForm(forms.Form):
    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password, self.account)
        return password


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Use the template: a sheet “单位” for units and a sheet “党员” for members."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        limits = xlsx.Limits.from_settings()
        if uploaded.size > limits.file_bytes:
            raise forms.ValidationError(xlsx.too_large_message(limits.file_bytes))
        return uploaded


class SeatForm(forms.Form):
    """A seat on a leadership team: an existing cadre of the unit or a new one (adding),
    and the seat's position, title, phone and 分管 units."""

    cadre = params.ModelChoiceField(
        label=_("Cadre of the unit"), queryset=User.objects.none(), required=False
    )
    new_full_name = forms.CharField(
        label=_("Or a new cadre: full name"), max_length=40, required=False
    )
    new_username = forms.CharField(
        label=_("New cadre's login"),
        max_length=150,
        required=False,
        help_text=_("Leave empty to have one made; the office sets the password."),
    )
    position = forms.ChoiceField(label=_("Team position"), choices=TeamSeat.Position.choices)
    title = forms.CharField(label=_("Job title"), max_length=40, help_text=_("E.g. 局长, 副局长."))
    phone = forms.CharField(label=_("Mobile"), max_length=30, required=False)
    oversees = UnitMultipleChoiceField(
        label=_("Oversees (分管)"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args, unit, seat=None, cadres=None, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seat = seat
        self.fields["oversees"].queryset = scope.only("pk", "name", "depth", "path").order_by(
            "path"
        )
        self.fields["oversees"].widget.attrs["size"] = 8
        if seat is not None:
            for name in ("cadre", "new_full_name", "new_username"):
                del self.fields[name]
        else:
            self.fields["cadre"].queryset = cadres.order_by("username")

    def clean(self):
        data = super().clean()
        if self.seat is None and not data.get("cadre") and not data.get("new_full_name"):
            self.add_error("cadre", _("Choose a cadre of the unit or give a new cadre's name."))
        return data


class TeamImportForm(ImportForm):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Use the template: one row per seat on a leadership team."),
    )
