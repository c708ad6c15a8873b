from django.views.debug import SafeExceptionReporterFilter

IDENTIFYING = {
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_COOKIE",
}


class AnonymousReporterFilter(SafeExceptionReporterFilter):
    """Error reports never carry what could identify an anonymous opinion's sender."""

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        return {k: (self.cleansed_substitute if k in IDENTIFYING else v) for k, v in meta.items()}
