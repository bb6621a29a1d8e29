"""Blocks only the plan uses: its parts (DEL I/II), numbered section headings, signatories."""

from wagtail import blocks

from home.blocks import BodyStreamBlock


def display_number(number):
    """Numbers as the printed plan writes them: chapters "3.", sections "3.1", "3.1.2"."""
    number = number.strip().strip(".")
    return number if "." in number else f"{number}."


def heading_text(title):
    """A heading as a heading is written: the printed plan ends some with a full stop
    ("Indbrud i privat beboelse."), which a contents entry, a card or a bookmark does not."""
    title = title.strip()
    if title.endswith(".") and not title.endswith(".."):
        title = title.rstrip(".").rstrip()
    return title


def anchor_for_number(number):
    """ "3.1.2" -> "3-1-2": the stable anchor of a numbered section."""
    return number.strip().strip(".").replace(".", "-")


class PlanPartBlock(blocks.StructBlock):
    label_text = blocks.CharBlock(label="Del", max_length=20, help_text='F.eks. "DEL I".')

    class Meta:
        icon = "folder-open-inverse"
        label = "Del af planen"
        template = "plans/blocks/plan_part_block.html"
        description = "Starter en ny del af planen (DEL I, DEL II)."
        preview_value = {"label_text": "DEL I"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = value["label_text"].lower().replace(" ", "-")
        return context


class PlanSectionBlock(blocks.StructBlock):
    number = blocks.RegexBlock(
        label="Nummer",
        regex=r"^\d+(\.\d+)*$",
        error_messages={"invalid": "Skriv nummeret som 3, 3.1 eller 3.1.2."},
        max_length=20,
    )
    title = blocks.CharBlock(label="Overskrift", max_length=250)

    class Meta:
        icon = "title"
        label = "Nummereret afsnit"
        template = "plans/blocks/plan_section_block.html"
        description = "Overskrift for et nummereret afsnit; nummeret giver ankeret (#3-1-2)."
        preview_value = {"number": "3.1.2", "title": "Indbrud i privat beboelse."}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = anchor_for_number(value["number"])
        context["display_number"] = display_number(value["number"])
        context["title"] = heading_text(value["title"])
        # Sections are h2, subsections h3, sub-subsections h4: the plan nests three deep.
        context["heading_level"] = min(value["number"].count(".") + 2, 6)
        return context


class SignatoriesBlock(blocks.StructBlock):
    names = blocks.ListBlock(blocks.CharBlock(label="Navn", max_length=200), label="Navne")

    class Meta:
        icon = "group"
        label = "Underskrivere"
        template = "plans/blocks/signatories_block.html"
        description = "Navnene under planens indledning, som de står i planen."
        preview_value = {"names": ["Jørgen Gaarde", "Kirsten Terkilsen"]}


class PlanBodyStreamBlock(BodyStreamBlock):
    part = PlanPartBlock()
    section = PlanSectionBlock()
    signatories = SignatoriesBlock()

    class Meta:
        label = "Planens tekst"
