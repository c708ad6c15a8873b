from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The login name or password is wrong. After %(limit)s wrong tries in a row the "
            "account is locked for a while."
        ),
        "inactive": _("This account is disabled. Please contact the campaign office."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Login name")
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        from django import forms
        from django.conf import settings

        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )
