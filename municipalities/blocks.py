"""Blocks only municipality and conference pages use."""

from wagtail import blocks

from home.blocks import ParagraphBlock


class CollaborationBlock(blocks.StructBlock):
    """One council or collaboration the municipality takes part in (Lokalråd, SSP, Banderåd …)."""

    name = blocks.CharBlock(label="Navn", max_length=200)
    description = ParagraphBlock(label="Beskrivelse")
    plan_section = blocks.RegexBlock(
        label="Afsnit i planen",
        regex=r"^\d+(\.\d+)*$",
        required=False,
        max_length=20,
        error_messages={"invalid": "Skriv afsnittets nummer som 6.4."},
        help_text="Afsnittet i samarbejdsplanen, der beskriver samarbejdet.",
    )

    class Meta:
        icon = "group"
        label = "Råd eller samarbejde"
        template = "municipalities/blocks/collaboration_block.html"
        description = "Et råd eller samarbejde med kommunens deltagelse."
        preview_value = {
            "name": "SSP",
            "description": "<p>Samarbejdet mellem skoler, sociale myndigheder og politi.</p>",
            "plan_section": "6.2",
        }


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label="Tidspunkt", required=False)
    title = blocks.CharBlock(label="Punkt", max_length=250)
    speaker = blocks.CharBlock(label="Oplægsholder", required=False, max_length=200)

    class Meta:
        icon = "time"
        label = "Programpunkt"
        template = "municipalities/blocks/programme_item_block.html"
        description = "Et punkt på konferencens program."
        preview_value = {"time": "09:00", "title": "Velkomst", "speaker": ""}
