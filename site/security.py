"""Security headers the Django core does not set: Content-Security-Policy per area of the site
(django-csp 4) and Permissions-Policy.

The public pages get the strict policy from settings.CONTENT_SECURITY_POLICY (scripts and
styles only from the site itself, no inline script, no eval, never framed). The admin replaces
only the directives Wagtail's admin needs: it still ships inline scripts and style attributes
(inline panels, date pickers, the rich-text editor) and frames its own page previews.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

SELF = "'self'"
NONE = "'none'"
UNSAFE_INLINE = "'unsafe-inline'"

# Only what the Wagtail admin needs beyond the public policy; no 'unsafe-eval' (its bundles do
# not evaluate strings).
ADMIN_CSP_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    # The live preview is the site itself in an iframe inside the admin.
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}

# Features a page about burglary prevention never uses; an injected script cannot use them.
DEFAULT_PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
}


def admin_prefix():
    return getattr(settings, "CSP_ADMIN_URL_PREFIX", "/admin/")


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's relaxations applied under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(admin_prefix()):
            replace = dict(ADMIN_CSP_REPLACE)
            replace.update(parts.replace or {})
            parts = PolicyParts(parts.config, parts.update, replace, parts.nonce)
        return parts


def permissions_policy_header(policy):
    # Structured-field syntax: "camera=(), geolocation=(self)".
    directives = []
    for feature, origins in policy.items():
        values = " ".join(
            "self" if origin in ("self", SELF) else f'"{origin}"' for origin in origins
        )
        directives.append(f"{feature}=({values})")
    return ", ".join(directives)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)
        self.header = permissions_policy_header(policy)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
