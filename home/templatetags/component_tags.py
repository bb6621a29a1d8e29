"""Det Fælles Designsystem's components that wrap content: alerts and summary lists.

{% alert "success" heading="Tak" %}<p class="alert-text">…</p>{% endalert %}
{% summary_list "Forening" request.name "Kommune" request.municipality label="Henvendelsen" %}
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()

ALERT_VARIANTS = {"info", "success", "warning", "error"}


class AlertNode(template.Node):
    def __init__(self, variant, kwargs, nodelist):
        self.variant, self.kwargs, self.nodelist = variant, kwargs, nodelist

    def render(self, context):
        variant = self.variant.resolve(context)
        if variant not in ALERT_VARIANTS:
            raise template.TemplateSyntaxError(f"alert: unknown variant {variant!r}")
        values = {name: value.resolve(context) for name, value in self.kwargs.items()}
        return render_to_string(
            "components/alert.html",
            {**values, "variant": variant, "body": self.nodelist.render(context)},
        )


@register.tag
def alert(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("alert needs a variant: info, success, warning, error")
    kwargs = template.base.token_kwargs(bits[2:], parser)
    nodelist = parser.parse(("endalert",))
    parser.delete_first_token()
    return AlertNode(parser.compile_filter(bits[1]), kwargs, nodelist)


@register.inclusion_tag("components/summary_list.html")
def summary_list(*labels_and_values, label=""):
    if len(labels_and_values) % 2:
        raise template.TemplateSyntaxError("summary_list takes label, value pairs")
    rows = list(zip(labels_and_values[::2], labels_and_values[1::2], strict=True))
    return {"rows": rows, "label": label}


@register.simple_tag
def pagination_numbers(page_obj):
    """The page numbers dkfds's pagination shows: the first, the last and one each side of the
    current page; None where numbers are left out (shown as "…")."""
    elided = page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    return [number if isinstance(number, int) else None for number in elided]
