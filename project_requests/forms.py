"""The public request form for the Trygheds- og Indbrudsprojekt (Danish labels and messages)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    ProhibitNullCharactersValidator,
)
from django.utils.html import format_html

from municipalities.models import MunicipalityPage
from project_requests.models import ProjectRequest
from project_requests.services import submission_token_is_valid

REQUIRED = "Udfyld feltet »{label}«."
TOO_LONG = "»{label}« må højst være %(limit_value)d tegn (du har skrevet %(show_value)d)."


# C0 control characters and DEL: never typed on purpose, and they break the XLSX export and
# mail headers. Tab and line breaks are allowed only in the multi-line fields.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
MULTI_LINE_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]")
# Embedding, override and isolate controls turn the displayed text around ("evil\u202egpj.exe"):
# refused in one-line fields, where names and addresses go.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
MULTI_LINE_FIELDS = ("area", "message")


def text_validators(label, multi_line):
    """Validators refusing what must not be stored in a text field, with Danish messages."""

    def refuse_control_characters(value):
        if not multi_line and LINE_BREAKS.search(value):
            raise ValidationError(
                f"„{label}“ skal stå på én linje. Fjern linjeskiftet.", code="line_break"
            )
        pattern = MULTI_LINE_CONTROL_CHARACTERS if multi_line else CONTROL_CHARACTERS
        if pattern.search(value):
            raise ValidationError(
                f"„{label}“ indeholder et usynligt styretegn, som ikke kan gemmes. Skriv "
                "teksten igen uden det (det kommer ofte med, når man kopierer fra et andet "
                "program).",
                code="control_character",
            )

    def refuse_bidi_controls(value):
        if BIDI_CONTROLS.search(value):
            raise ValidationError(
                f"„{label}“ indeholder et usynligt tegn, der vender skriveretningen. "
                "Skriv teksten igen uden det.",
                code="bidi_control",
            )

    validators = [refuse_control_characters]
    if not multi_line:
        validators.append(refuse_bidi_controls)
    return validators


def messages_for(label):
    return {
        "required": REQUIRED.format(label=label),
        "max_length": TOO_LONG.format(label=label),
    }


class TelephoneInput(forms.TextInput):
    # Phones show their number pad for it.
    input_type = "tel"


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            # A number too large for the database's integer (SQLite raises instead of finding
            # nothing): a tampered form, answered like any other unknown choice.
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


CONSENT_TEXT = (
    "Jeg giver samtykke til, at oplysningerne bruges til at behandle henvendelsen, som "
    "beskrevet i privatlivspolitikken"
)


class ProjectRequestForm(forms.ModelForm):
    parts = forms.MultipleChoiceField(
        label="Hvad ønsker foreningen?",
        choices=ProjectRequest.Part.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Vælg mindst én af delene: skalsikring, tryghedsvandring eller nabohjælp.",
            "invalid_choice": "Vælg blandt de viste muligheder.",
        },
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT + ".",
        error_messages={"required": "Du skal give samtykke, før vi kan behandle henvendelsen."},
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by spam robots. Out of
    # the tab order too, or keyboard users would land in an invisible field.
    website = forms.CharField(
        label="Hjemmeside (udfyldes ikke)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=100)

    class Meta:
        model = ProjectRequest
        fields = [
            "association_name",
            "contact_name",
            "email",
            "phone",
            "area",
            "postcode",
            "town",
            "municipality",
            "households",
            "preferred_period",
            "message",
        ]
        labels = {
            "association_name": "Foreningens navn",
            "contact_name": "Kontaktperson",
            "email": "E-mail",
            "phone": "Telefon (valgfrit)",
            "area": "Område (adresse eller vejnavne)",
            "postcode": "Postnummer",
            "town": "By",
            "municipality": "Kommune",
            "households": "Antal husstande (valgfrit)",
            "preferred_period": "Hvornår passer det jer? (valgfrit)",
            "message": "Besked (valgfrit)",
        }
        help_texts = {
            "area": "F.eks. de veje, foreningen dækker.",
            "preferred_period": "F.eks. »efteråret 2026« eller »hverdagsaftener i marts«.",
        }
        widgets = {
            "area": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 5}),
            "phone": TelephoneInput(),
        }
        field_classes = {"municipality": MunicipalityChoiceField}

    def __init__(self, *args, privacy_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        if privacy_url:
            self.fields["consent"].label = format_html(
                '{} (<a href="{}">læs privatlivspolitikken</a>).', CONSENT_TEXT, privacy_url
            )
        self.fields["municipality"].queryset = MunicipalityPage.objects.live().order_by("name")
        self.fields["municipality"].empty_label = "Vælg kommune"
        self.fields["municipality"].error_messages.update(
            required="Vælg den kommune, foreningen ligger i.",
            invalid_choice="Vælg en af kommunerne på listen.",
        )
        for name, field in self.fields.items():
            if name in ("parts", "consent", "submission_token", "municipality"):
                continue
            label = str(field.label).replace(" (valgfrit)", "")
            field.error_messages.update(messages_for(label))
            if isinstance(field, forms.CharField):
                # Django's own null-character validator would answer first, in other words.
                field.validators = [
                    validator
                    for validator in field.validators
                    if not isinstance(validator, ProhibitNullCharactersValidator)
                ] + text_validators(label, multi_line=name in MULTI_LINE_FIELDS)
        self.fields["area"].max_length = 1000
        self.fields["area"].widget.attrs["maxlength"] = 1000
        self.fields["message"].max_length = 2000
        self.fields["message"].widget.attrs["maxlength"] = 2000
        for name, limit in (("area", 1000), ("message", 2000)):
            field = self.fields[name]
            if not any(isinstance(v, MaxLengthValidator) for v in field.validators):
                field.validators.append(MaxLengthValidator(limit))
        self.fields["email"].error_messages["invalid"] = (
            "Skriv en gyldig e-mailadresse, f.eks. navn@eksempel.dk."
        )
        self.fields["households"].error_messages.update(
            invalid="Skriv antallet af husstande som et tal.",
            min_value="Antallet af husstande kan ikke være negativt.",
        )
        self.fields["households"].max_value = 100000
        self.fields["households"].validators.append(
            MaxValueValidator(100000, message="Antallet af husstande må højst være 100.000.")
        )
        self.fields["submission_token"].error_messages["required"] = (
            "Formularen er udløbet. Indsend den venligst igen."
        )
        autocomplete = {
            "association_name": "organization",
            "contact_name": "name",
            "email": "email",
            "phone": "tel",
            "postcode": "postal-code",
            "town": "address-level2",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["postcode"].widget.attrs.update(inputmode="numeric", pattern="[0-9]{4}")
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not re.fullmatch(r"\d{4}", postcode):
            raise forms.ValidationError("Skriv postnummeret med 4 cifre, f.eks. 8700.")
        return postcode

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not re.fullmatch(r"\+?[\d ]{8,20}", phone):
            raise forms.ValidationError("Skriv telefonnummeret med cifre, f.eks. 12 34 56 78.")
        return phone

    def clean_submission_token(self):
        token = self.cleaned_data["submission_token"]
        if not submission_token_is_valid(token):
            raise forms.ValidationError("Formularen er udløbet. Indsend den venligst igen.")
        return token

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    def save(self, commit=True):
        instance = super().save(commit=False)
        parts = set(self.cleaned_data["parts"])
        instance.wants_house_securing = ProjectRequest.Part.HOUSE_SECURING in parts
        instance.wants_safety_walk = ProjectRequest.Part.SAFETY_WALK in parts
        instance.wants_neighbour_help = ProjectRequest.Part.NEIGHBOUR_HELP in parts
        instance.consent = self.cleaned_data["consent"]
        instance.submission_token = self.cleaned_data["submission_token"]
        if commit:
            instance.save()
        return instance
