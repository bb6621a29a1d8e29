"""Blocks only advice pages use: numbered steps and checklists."""

from wagtail import blocks

from home.blocks import BodyStreamBlock, ParagraphBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Trin", max_length=200)
    text = ParagraphBlock(label="Forklaring", required=False)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Overskrift", required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), label="Trin", min_num=1)

    class Meta:
        icon = "list-ol"
        label = "Trin for trin"
        template = "focus/blocks/steps_block.html"
        description = "En nummereret vejledning, trin for trin."
        preview_value = {
            "title": "Efter et indbrud",
            "steps": [{"title": "Ring til politiet på 114", "text": ""}],
        }


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Overskrift", required=False, max_length=200)
    items = blocks.ListBlock(
        blocks.CharBlock(label="Punkt", max_length=500), label="Punkter", min_num=1
    )

    class Meta:
        icon = "tasks"
        label = "Tjekliste"
        template = "focus/blocks/checklist_block.html"
        description = "En liste at krydse af, f.eks. før ferien."
        preview_value = {"title": "Før du går", "items": ["Lås døre og vinduer"]}


class AdviceStreamBlock(BodyStreamBlock):
    steps = StepsBlock()
    checklist = ChecklistBlock()

    class Meta:
        label = "Vejledning"
