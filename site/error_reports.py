"""Error reports (mail to ADMINS, Sentry) without the personal data a visitor typed.

A 500 on the request form would otherwise carry the association's contact details twice: in
the request's POST data and in the local variables of the traceback's frames. Both are blanked
for every POST; a GET's query string and the traceback itself stay, since they are what the
developer needs.
"""

from django.views.debug import SafeExceptionReporterFilter

FILTERED = "[fjernet]"


class PersonalDataExceptionReporterFilter(SafeExceptionReporterFilter):
    """settings.DEFAULT_EXCEPTION_REPORTER_FILTER."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, FILTERED)

    def get_traceback_frame_variables(self, request, tb_frame):
        if request is not None and request.method == "POST":
            return [(name, FILTERED) for name in tb_frame.f_locals]
        return super().get_traceback_frame_variables(request, tb_frame)


def sentry_before_send(event, hint):
    """Sentry's before_send: no form data, cookies or frame variables leave the server."""
    request = event.get("request") or {}
    if "data" in request:
        request["data"] = FILTERED
    request.pop("cookies", None)
    for exception in (event.get("exception") or {}).get("values", []):
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    return event
