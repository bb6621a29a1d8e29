"""Render a form field with the ids and ARIA attributes the request form needs."""

from django import forms, template

register = template.Library()


@register.simple_tag
def request_widget(field):
    """The field's widget with aria-describedby (hint and error) and aria-invalid."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    if character_limit(field):
        described_by.append(f"{field.auto_id}-limit-message")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["required"] = True
    # dkfds styles a select (with its chevron) as .form-select, every other control .form-input.
    css = "form-select" if isinstance(field.field.widget, forms.Select) else "form-input"
    if field.errors:
        css += " form-input-error"
    attrs["class"] = css
    return field.as_widget(attrs=attrs)


@register.filter
def character_limit(field):
    """The maximum length of a long text field, for dkfds's character counter; else None."""
    if isinstance(field.field.widget, forms.Textarea):
        return getattr(field.field, "max_length", None)
    return None
