"""Render a form field with the ids and ARIA attributes the request form needs."""

from django import template

register = template.Library()


@register.simple_tag
def request_widget(field):
    """The field's widget with aria-describedby (hint and error) and aria-invalid."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["required"] = True
    css = "form-input"
    if field.errors:
        css += " form-input-error"
    attrs["class"] = css
    return field.as_widget(attrs=attrs)


@register.filter
def error_anchor(field):
    """Where the error summary links to: the first checkbox of a group, else the input."""
    if field.name == "parts":
        return f"{field.auto_id}_0"
    return field.auto_id
